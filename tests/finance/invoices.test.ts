import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { type AcceptedOrderWorld, acceptedOrderWorld } from './finance-fixtures.ts';
import { dispatchOrder } from './invoice-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

const NUMBER = /^INV-\d{4}-\d{2}\/(\d{6})$/;

async function draftInvoice(world: AcceptedOrderWorld, quantity?: string) {
  const lines = quantity ? [{ orderLineId: world.order.lines[0]?.id as string, quantity }] : undefined;
  return world.supplier.members.staff.caller.finance.invoices.create({ orderId: world.order.id, lines });
}

async function issuedInvoice(world: AcceptedOrderWorld, quantity?: string) {
  const draft = await draftInvoice(world, quantity);
  return world.supplier.members.staff.caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
}

describe('raising an invoice from an order’s deliveries', () => {
  it('drafts what was dispatched and not yet invoiced, and issues it with CGST + SGST within a state', async () => {
    const world = await acceptedOrderWorld(app, 'InvIntra');
    await dispatchOrder(app, world, '400');
    const draft = await draftInvoice(world);
    const before = await world.supplier.members.staff.caller.finance.invoices.get({ invoiceId: draft.id });
    expect(before).toMatchObject({ status: 'draft', number: null, side: 'sales', taxRegime: 'intra_state', placeOfSupply: '24' });
    expect(before.lines).toMatchObject([{ quantity: '400.000', hsnCode: '5205', taxRate: '5.00', taxable: '106200.00' }]);
    const issued = await world.supplier.members.staff.caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
    expect(issued).toMatchObject({
      status: 'issued',
      subtotal: '106200.00',
      cgst: '2655.00',
      sgst: '2655.00',
      igst: '0.00',
      total: '111510.00',
    });
    expect(issued.number).toMatch(NUMBER);
    expect(issued.supplier.gstin).toBe('24AABCS4821K1ZF');
    expect(issued.match).toBeNull();
  });

  it('charges IGST across states', async () => {
    const world = await acceptedOrderWorld(app, 'InvInter', { interState: true });
    await dispatchOrder(app, world, '1000');
    const issued = await issuedInvoice(world);
    expect(issued).toMatchObject({
      taxRegime: 'inter_state',
      placeOfSupply: '27',
      cgst: '0.00',
      sgst: '0.00',
      igst: '13275.00',
      total: '278775.00',
    });
    expect(issued.buyer.gstin).toBe('27AAHFB2290Q1ZZ');
  });

  it('leaves reverse-charge GST out of the total the buyer owes the supplier', async () => {
    const world = await acceptedOrderWorld(app, 'InvRcm', { interState: true });
    await dispatchOrder(app, world, '1000');
    const draft = await world.supplier.members.staff.caller.finance.invoices.create({ orderId: world.order.id, reverseCharge: true });
    const issued = await world.supplier.members.staff.caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
    expect(issued).toMatchObject({ reverseCharge: true, igst: '13275.00', total: '265500.00' });
  });

  it('shows the buyer the same invoice as a purchase invoice once issued, never the draft', async () => {
    const world = await acceptedOrderWorld(app, 'InvBuyer');
    await dispatchOrder(app, world, '100');
    const draft = await draftInvoice(world);
    const buyer = world.buyer.members.staff.caller.finance.invoices;
    expect((await failure(buyer.get({ invoiceId: draft.id }))).code).toBe('NOT_FOUND');
    expect((await buyer.list({ side: 'purchase' })).items).toEqual([]);
    const issued = await world.supplier.members.staff.caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
    const seen = await buyer.get({ invoiceId: draft.id });
    expect(seen).toMatchObject({ side: 'purchase', number: issued.number, total: issued.total, supplier: { id: world.supplier.id } });
    expect((await buyer.list({ side: 'purchase' })).items.map((item) => item.id)).toEqual([draft.id]);
    const sales = await world.supplier.members.staff.caller.finance.invoices.list({ side: 'sales', orderId: world.order.id });
    expect(sales.items).toMatchObject([{ id: draft.id, partnerId: world.buyer.id, status: 'issued' }]);
    const event = await app.db
      .selectFrom('domain_events')
      .select(['type', 'payload'])
      .where('entity_id', '=', draft.id)
      .where('type', '=', 'invoice.issued')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ buyerCompanyId: world.buyer.id, document: issued.number });
  });

  it('refuses to invoice more than was dispatched and is not yet invoiced, naming the line', async () => {
    const world = await acceptedOrderWorld(app, 'InvOver');
    await dispatchOrder(app, world, '400');
    const error = await failure(draftInvoice(world, '400.001'));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.reason).toBe('QUANTITY_EXCEEDS_REMAINING');
    expect(fieldErrors(error)['lines.0.quantity']?.[0]).toMatch(/400\.000 kg/);
    await draftInvoice(world, '150');
    // Drafts count: 250 remain.
    expect(fieldErrors(await failure(draftInvoice(world, '251')))['lines.0.quantity']).toBeDefined();
    const rest = await draftInvoice(world);
    const detail = await world.supplier.members.staff.caller.finance.invoices.get({ invoiceId: rest.id });
    expect(detail.lines.map((line) => line.quantity)).toEqual(['250.000']);
    expect((await failure(draftInvoice(world))).reason).toBe('QUANTITY_EXCEEDS_REMAINING');
  });

  it('tells the supplier what remains to invoice per line, and the buyer nothing', async () => {
    const world = await acceptedOrderWorld(app, 'InvLeft');
    await dispatchOrder(app, world, '400');
    await draftInvoice(world, '150');
    const left = await world.supplier.members.staff.caller.finance.invoices.invoiceable({ orderId: world.order.id });
    expect(left.lines).toMatchObject([
      {
        orderLineId: world.order.lines[0]?.id,
        ordered: '1000.000',
        dispatched: '400.000',
        invoiced: '150.000',
        remaining: '250.000',
        taxRate: '5.00',
      },
    ]);
    const buyer = await failure(world.buyer.members.staff.caller.finance.invoices.invoiceable({ orderId: world.order.id }));
    expect(buyer.reason).toBe('WRONG_SIDE');
    expect((await failure(world.stranger.members.owner.caller.finance.invoices.invoiceable({ orderId: world.order.id }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('never lets concurrent invoices of one order exceed what was dispatched', async () => {
    const world = await acceptedOrderWorld(app, 'InvRace');
    await dispatchOrder(app, world, '400');
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => draftInvoice(world, '100')));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(4);
    const invoiced = await app.db
      .selectFrom('invoice_lines as l')
      .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
      .select((eb) => eb.fn.sum<string>('l.quantity').as('quantity'))
      .where('i.order_id', '=', world.order.id)
      .executeTakeFirstOrThrow();
    expect(Number(invoiced.quantity)).toBe(400);
  });

  it('numbers issued invoices gaplessly from the supplier’s series, also when issued in parallel', async () => {
    const world = await acceptedOrderWorld(app, 'InvSeries');
    await dispatchOrder(app, world, '500');
    const drafts = [];
    for (let i = 0; i < 5; i++) drafts.push(await draftInvoice(world, '100'));
    const issued = await Promise.all(
      drafts.map((draft) => world.supplier.members.staff.caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version })),
    );
    const serials = issued.map((invoice) => Number(NUMBER.exec(invoice.number ?? '')?.[1])).sort((a, b) => a - b);
    expect(serials).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(issued.map((invoice) => invoice.financialYear)).size).toBe(1);
  });
});

describe('cancelling an invoice', () => {
  it('keeps the number of a cancelled invoice and frees its quantities', async () => {
    const world = await acceptedOrderWorld(app, 'InvCancel');
    await dispatchOrder(app, world, '100');
    const issued = await issuedInvoice(world);
    const supplier = world.supplier.members.staff.caller.finance.invoices;
    expect((await failure(draftInvoice(world))).reason).toBe('QUANTITY_EXCEEDS_REMAINING');
    await supplier.cancel({ invoiceId: issued.id, version: issued.version, reason: 'Wrong rate' });
    const cancelled = await supplier.get({ invoiceId: issued.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', number: issued.number, cancelReason: 'Wrong rate' });
    const again = await draftInvoice(world);
    expect((await supplier.get({ invoiceId: again.id })).lines[0]?.quantity).toBe('100.000');
    const twice = await failure(supplier.cancel({ invoiceId: issued.id, version: cancelled.version, reason: 'again' }));
    expect(twice).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
  });

  it('discards a draft, which has no number', async () => {
    const world = await acceptedOrderWorld(app, 'InvDiscard');
    await dispatchOrder(app, world, '100');
    const draft = await draftInvoice(world);
    const supplier = world.supplier.members.staff.caller.finance.invoices;
    expect(await supplier.cancel({ invoiceId: draft.id, version: draft.version, reason: 'Not needed' })).toEqual({
      id: draft.id,
      status: 'discarded',
    });
    expect((await failure(supplier.get({ invoiceId: draft.id }))).code).toBe('NOT_FOUND');
  });

  it('refuses while a payment is allocated to it', async () => {
    const world = await acceptedOrderWorld(app, 'InvPaid');
    await dispatchOrder(app, world, '100');
    const issued = await issuedInvoice(world);
    const payment = await app.db
      .insertInto('payments')
      .values({
        company_id: world.supplier.id,
        partner_company_id: world.buyer.id,
        direction: 'received',
        number: `RCT-${issued.id}`,
        amount: '1000.00',
        currency: 'INR',
        allocated_amount: '1000.00',
        paid_on: issued.invoiceDate,
        method: 'upi',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const allocation = await app.db
      .insertInto('payment_allocations')
      .values({ payment_id: payment.id, invoice_id: issued.id, amount: '1000.00' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cancel = () =>
      world.supplier.members.staff.caller.finance.invoices.cancel({ invoiceId: issued.id, version: issued.version, reason: 'x' });
    expect(await failure(cancel())).toMatchObject({ code: 'CONFLICT', reason: 'INVOICE_HAS_PAYMENTS' });
    // A reversed allocation no longer counts.
    await app.db.updateTable('payment_allocations').set({ reversed: true }).where('id', '=', allocation.id).execute();
    expect((await cancel()).status).toBe('cancelled');
  });
});

describe('the buyer’s credit limit', () => {
  it('needs a manager’s explicit override to issue past it', async () => {
    const world = await acceptedOrderWorld(app, 'InvLimit');
    await dispatchOrder(app, world, '100');
    await app.db
      .insertInto('credit_limits')
      .values({ company_id: world.supplier.id, partner_company_id: world.buyer.id, amount: '10000.00', currency: 'INR' })
      .execute();
    const draft = await draftInvoice(world);
    const issue = (role: 'staff' | 'manager', overrideCreditLimit?: boolean) =>
      world.supplier.members[role].caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version, overrideCreditLimit });
    expect(await failure(issue('staff', true))).toMatchObject({ code: 'CONFLICT', reason: 'CREDIT_LIMIT_EXCEEDED' });
    expect(await failure(issue('manager'))).toMatchObject({ code: 'CONFLICT', reason: 'CREDIT_LIMIT_EXCEEDED' });
    expect((await issue('manager', true)).status).toBe('issued');
    const row = await app.db.selectFrom('invoices').select('over_limit_approved_by').where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect(row.over_limit_approved_by).toBe(world.supplier.members.manager.id);
  });
});

describe('who may do what', () => {
  it('hides an invoice from another company', async () => {
    const world = await acceptedOrderWorld(app, 'InvStranger');
    await dispatchOrder(app, world, '100');
    const issued = await issuedInvoice(world);
    const stranger = world.stranger.members.owner.caller.finance.invoices;
    expect((await failure(stranger.get({ invoiceId: issued.id }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.cancel({ invoiceId: issued.id, version: issued.version, reason: 'x' }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.create({ orderId: world.order.id }))).code).toBe('NOT_FOUND');
    expect((await stranger.list({ side: 'purchase' })).items).toEqual([]);
  });

  it('lets a viewer read but not write, and only the supplier issue or cancel', async () => {
    const world = await acceptedOrderWorld(app, 'InvViewer');
    await dispatchOrder(app, world, '100');
    expect((await failure(world.supplier.members.viewer.caller.finance.invoices.create({ orderId: world.order.id }))).code).toBe(
      'FORBIDDEN',
    );
    const issued = await issuedInvoice(world);
    expect((await world.supplier.members.viewer.caller.finance.invoices.get({ invoiceId: issued.id })).number).toBe(issued.number);
    expect((await failure(world.buyer.members.owner.caller.finance.invoices.create({ orderId: world.order.id }))).reason).toBe(
      'WRONG_SIDE',
    );
    const buyerCancel = world.buyer.members.owner.caller.finance.invoices.cancel({
      invoiceId: issued.id,
      version: issued.version,
      reason: 'x',
    });
    expect(await failure(buyerCancel)).toMatchObject({ code: 'FORBIDDEN', reason: 'WRONG_SIDE' });
  });

  it('limits a branch-limited member to its own branches’ invoices', async () => {
    const world = await acceptedOrderWorld(app, 'InvBranch');
    await dispatchOrder(app, world, '300');
    const { supplier } = world;
    const head = await app.db.selectFrom('branches').select('id').where('company_id', '=', supplier.id).executeTakeFirstOrThrow();
    const mill = await supplier.members.admin.caller.companies.branches.create({ name: 'Weaving unit', country: 'IN' });
    const line = world.order.lines[0]?.id as string;
    const fromHead = await supplier.members.manager.caller.finance.invoices.create({
      orderId: world.order.id,
      branchId: head.id,
      lines: [{ orderLineId: line, quantity: '100' }],
    });
    await app.db
      .updateTable('memberships')
      .set({ branch_ids: [mill.id] })
      .where('user_id', '=', supplier.members.staff.id)
      .execute();
    const staff = supplier.members.staff.caller.finance.invoices;
    expect((await failure(staff.get({ invoiceId: fromHead.id }))).code).toBe('NOT_FOUND');
    expect((await failure(staff.issue({ invoiceId: fromHead.id, version: fromHead.version }))).code).toBe('NOT_FOUND');
    const refused = await failure(
      staff.create({ orderId: world.order.id, branchId: head.id, lines: [{ orderLineId: line, quantity: '1' }] }),
    );
    expect(fieldErrors(refused).branchId).toBeDefined();
    // Without a branch named, the member invoices from its own.
    const fromMill = await staff.create({ orderId: world.order.id, lines: [{ orderLineId: line, quantity: '50' }] });
    expect((await staff.get({ invoiceId: fromMill.id })).supplier.branchId).toBe(mill.id);
    expect((await staff.list({ side: 'sales' })).items.map((invoice) => invoice.id)).toEqual([fromMill.id]);
    expect((await supplier.members.manager.caller.finance.invoices.list({ side: 'sales' })).items).toHaveLength(2);
  });
});

import { convertPrice, money } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { GUJARAT, MAHARASHTRA, tradingPair } from '../orders/order-fixtures.ts';
import { contractWorld } from '../support/complaint-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

/** The dotted paths of a validation failure's issues, sorted: the fields it names. */
function issuePaths(error: Error): string[] {
  return (error.cause as z.ZodError).issues.map((issue) => issue.path.join('.')).sort();
}

const NUMBER = /^INV-\d{4}-\d{2}\/\d{6}$/;
// The desk's contract: 100 bales at ₹56,000 a candy; invoiced per bale.
const PER_BALE = money(convertPrice('56000', 'candy', 'bale'), 4);

/** A signed contract between two companies registered in the given states (both Gujarat by default). */
async function registeredContract(label: string, states: { buyer: string; seller: string } = { buyer: GUJARAT, seller: GUJARAT }) {
  const world = await contractWorld(app, label);
  await world.buyer.members.admin.caller.companies.branches.create({ name: 'HO', country: 'IN', gstin: states.buyer, isHeadOffice: true });
  await world.seller.members.admin.caller.companies.branches.create({
    name: 'HO',
    country: 'IN',
    gstin: states.seller,
    isHeadOffice: true,
  });
  return world;
}

/** The seller sends `quantity` bales in one truck; returns the truck's one line. */
async function truck(seller: TestCompany, contractId: string, quantity: string) {
  const sent = await seller.members.staff.caller.deliveries.dispatchContract({ contractId, quantity });
  const delivery = await seller.members.staff.caller.deliveries.get({ deliveryId: sent.id });
  const line = delivery.lines[0];
  if (!line) throw new Error('a contract delivery has one line');
  return line.id;
}

describe('invoices against a contract', () => {
  it('invoices two trucks with the contract’s price and HSN rate, and issues it with an INV- number', async () => {
    const { seller, buyer, contractId } = await registeredContract('CInvTwo');
    const first = await truck(seller, contractId, '60');
    const second = await truck(seller, contractId, '40');
    const invoices = seller.members.staff.caller.finance.invoices;
    const before = await invoices.invoiceableContract({ contractId });
    expect(before).toMatchObject({ unit: 'bale', unitPrice: PER_BALE, hsnCode: '5201', taxRate: '5.00' });
    expect(before.lines.map((line) => [line.deliveryLineId, line.remaining])).toEqual([
      [first, '60.000'],
      [second, '40.000'],
    ]);

    const draft = await invoices.create({ contractId });
    const issued = await invoices.issue({ invoiceId: draft.id, version: draft.version });
    const taxable = money(Number(PER_BALE) * 100);
    expect(issued).toMatchObject({ kind: 'contract', contractId, orderId: null, status: 'issued', taxRegime: 'intra_state' });
    expect(issued.number).toMatch(NUMBER);
    expect(issued.contractNumber).toMatch(/^SC-/);
    expect(issued.lines).toMatchObject([
      { deliveryLineId: first, quantity: '60.000', unit: 'bale', hsnCode: '5201', taxRate: '5.00', unitPrice: PER_BALE },
      { deliveryLineId: second, quantity: '40.000', unit: 'bale', hsnCode: '5201', taxRate: '5.00', unitPrice: PER_BALE },
    ]);
    expect(issued.taxable).toBe(taxable);
    expect(issued.cgst).toBe(issued.sgst);
    expect(Number(issued.cgst) + Number(issued.sgst)).toBeCloseTo(Number(taxable) * 0.05, 1);
    expect(issued.igst).toBe('0.00');

    const after = await invoices.invoiceableContract({ contractId });
    expect(after.lines.map((line) => line.remaining)).toEqual(['0.000', '0.000']);
    expect((await invoices.list({ side: 'sales', contractId })).items.map((item) => item.id)).toEqual([draft.id]);

    const seen = await buyer.members.staff.caller.finance.invoices.get({ invoiceId: draft.id });
    expect(seen).toMatchObject({ side: 'purchase', kind: 'contract', number: issued.number, total: issued.total });
    expect(seen.contractNumber).toMatch(/^PC-/);
    expect(seen.match).toMatchObject({ status: 'not_applicable', flags: [] });
    expect(seen.match?.note).toMatch(/contract/);
    expect((await buyer.members.staff.caller.finance.invoices.list({ side: 'purchase', contractId })).items).toHaveLength(1);

    // Cancelling it (unpaid) keeps its number and makes the trucks invoiceable again.
    const cancelled = await invoices.cancel({ invoiceId: draft.id, version: issued.version, reason: 'Wrong invoice date' });
    expect(cancelled.status).toBe('cancelled');
    expect((await invoices.get({ invoiceId: draft.id })).number).toBe(issued.number);
    const reopened = await invoices.invoiceableContract({ contractId });
    expect(reopened.lines.map((line) => line.remaining)).toEqual(['60.000', '40.000']);
  });

  it('refuses to invoice more than was dispatched and not yet invoiced, naming the line', async () => {
    const { seller, contractId } = await registeredContract('CInvOver');
    const line = await truck(seller, contractId, '60');
    const create = seller.members.staff.caller.finance.invoices.create;
    const over = await failure(create({ contractId, lines: [{ deliveryLineId: line, quantity: '60.5' }] }));
    expect(over.reason).toBe('QUANTITY_EXCEEDS_REMAINING');
    expect(fieldErrors(over)['lines.0.quantity']?.[0]).toMatch(/60\.000 bale/);
    await create({ contractId, lines: [{ deliveryLineId: line, quantity: '50' }] });
    const again = await failure(create({ contractId, lines: [{ deliveryLineId: line, quantity: '11' }] }));
    expect(fieldErrors(again)['lines.0.quantity']?.[0]).toMatch(/10\.000 bale/);
    const wrongKind = await failure(create({ contractId, lines: [{ orderLineId: line, quantity: '1' }] }));
    expect(issuePaths(wrongKind)).toEqual(['lines.0.deliveryLineId', 'lines.0.orderLineId']);
  });

  it('never lets concurrent invoices of one contract exceed what was dispatched', async () => {
    const { seller, contractId } = await registeredContract('CInvRace');
    const line = await truck(seller, contractId, '50');
    const create = () =>
      seller.members.staff.caller.finance.invoices.create({ contractId, lines: [{ deliveryLineId: line, quantity: '20' }] });
    const results = await Promise.allSettled(Array.from({ length: 4 }, create));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    const invoiced = await app.db
      .selectFrom('invoice_lines as l')
      .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
      .select((eb) => eb.fn.sum<string>('l.quantity').as('quantity'))
      .where('i.contract_id', '=', contractId)
      .executeTakeFirstOrThrow();
    expect(Number(invoiced.quantity)).toBe(40);
  });

  it('is the seller’s with finance:write alone, and NOT_FOUND to another company', async () => {
    const { seller, buyer, contractId } = await registeredContract('CInvAccess');
    await truck(seller, contractId, '10');
    expect((await failure(seller.members.viewer.caller.finance.invoices.create({ contractId }))).code).toBe('FORBIDDEN');
    expect((await failure(buyer.members.owner.caller.finance.invoices.create({ contractId }))).reason).toBe('WRONG_SIDE');
    const stranger = await createCompany(app, 'CInvStranger');
    expect((await failure(stranger.members.owner.caller.finance.invoices.create({ contractId }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.members.owner.caller.finance.invoices.invoiceableContract({ contractId }))).code).toBe('NOT_FOUND');
  });
});

const freeLine = { description: 'Sizing charges', hsnCode: '998821', quantity: '10', unit: 'kg', unitPrice: '100', taxRate: '12' };

describe('free invoices to a partner', () => {
  it('charges CGST + SGST within a state, and the buyer sees it as a purchase invoice with nothing to match', async () => {
    const { buyer, supplier } = await tradingPair(app, 'FreeIntra');
    const invoices = supplier.members.staff.caller.finance.invoices;
    const draft = await invoices.create({ partnerId: buyer.id, freeLines: [freeLine] });
    const issued = await invoices.issue({ invoiceId: draft.id, version: draft.version });
    expect(issued).toMatchObject({
      kind: 'free',
      orderId: null,
      contractId: null,
      taxRegime: 'intra_state',
      taxable: '1000.00',
      cgst: '60.00',
      sgst: '60.00',
      igst: '0.00',
      total: '1120.00',
    });
    expect(issued.number).toMatch(NUMBER);
    expect(issued.lines).toMatchObject([{ description: 'Sizing charges', hsnCode: '998821', unit: 'kg', taxRate: '12.00' }]);
    const seen = await buyer.members.staff.caller.finance.invoices.get({ invoiceId: draft.id });
    expect(seen).toMatchObject({ side: 'purchase', total: '1120.00', match: { status: 'not_applicable', flags: [] } });
    expect(seen.match?.note).toMatch(/nothing to match/);
    const approved = await buyer.members.manager.caller.finance.invoices.approveForPayment({ invoiceId: draft.id });
    expect(approved.match?.approvedForPaymentAt).not.toBeNull();
  });

  it('charges IGST across states', async () => {
    const { buyer, supplier } = await tradingPair(app, 'FreeInter', { buyer: MAHARASHTRA, supplier: GUJARAT });
    const invoices = supplier.members.staff.caller.finance.invoices;
    const draft = await invoices.create({ partnerId: buyer.id, freeLines: [freeLine, { ...freeLine, hsnCode: undefined, taxRate: '5' }] });
    const invoice = await invoices.get({ invoiceId: draft.id });
    expect(invoice).toMatchObject({
      taxRegime: 'inter_state',
      placeOfSupply: '27',
      cgst: '0.00',
      sgst: '0.00',
      igst: '170.00',
      total: '2170.00',
    });
  });

  it('is NOT_FOUND for a company that is not a linked buyer, FORBIDDEN to a viewer, and names bad fields', async () => {
    const { buyer, supplier } = await tradingPair(app, 'FreeAccess');
    const stranger = await createCompany(app, 'FreeStranger');
    const create = supplier.members.staff.caller.finance.invoices.create;
    expect((await failure(create({ partnerId: stranger.id, freeLines: [freeLine] }))).code).toBe('NOT_FOUND');
    // The link runs buyer → supplier: the buyer cannot bill its supplier with it.
    expect(
      (await failure(buyer.members.staff.caller.finance.invoices.create({ partnerId: supplier.id, freeLines: [freeLine] }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(supplier.members.viewer.caller.finance.invoices.create({ partnerId: buyer.id, freeLines: [freeLine] }))).code,
    ).toBe('FORBIDDEN');
    const bad = await failure(create({ partnerId: buyer.id, freeLines: [{ ...freeLine, description: ' ', taxRate: '150' }] }));
    expect(issuePaths(bad)).toEqual(['freeLines.0.description', 'freeLines.0.taxRate']);
    const missing = await failure(create({ partnerId: buyer.id }));
    expect(fieldErrors(missing).freeLines).toBeDefined();
    // Another company's invoice stays NOT_FOUND.
    const draft = await create({ partnerId: buyer.id, freeLines: [freeLine] });
    expect((await failure(stranger.members.owner.caller.finance.invoices.get({ invoiceId: draft.id }))).code).toBe('NOT_FOUND');
  });
});

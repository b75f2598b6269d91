import { gstinCheckCharacter } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany } from '../harness/factories.ts';
import { pdfTextLines } from '../harness/pdf-text.ts';
import { GUJARAT, MAHARASHTRA, tradingPair, yarnLine } from './order-fixtures.ts';

// An order's commercial terms: requested delivery date, payment terms, ship-to branch, and both
// parties' GSTINs fixed when the order is sent.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

// Each test builds two companies with a member in every role: slow on a loaded machine.
const SLOW = { timeout: 120_000 };
const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(app.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);

/** A trading pair whose buyer has a second branch (a warehouse) and both companies a GSTIN. */
async function pairWithWarehouse(label: string) {
  const { buyer, supplier, product } = await tradingPair(app, label, { buyer: MAHARASHTRA, supplier: GUJARAT });
  const warehouse = await buyer.members.admin.caller.companies.branches.create({
    name: 'Bhiwandi warehouse',
    addressLine: 'Plot 12, Rahnal Village',
    city: 'Bhiwandi',
    state: 'Maharashtra',
    postalCode: '421302',
    country: 'IN',
    isHeadOffice: false,
  });
  for (const [company, taxId] of [
    [buyer, MAHARASHTRA],
    [supplier, GUJARAT],
  ] as const) {
    const { version } = await company.members.owner.caller.companies.current();
    await company.members.owner.caller.companies.update({ companyId: company.id, version, taxId });
  }
  return { buyer, supplier, product, warehouse };
}

describe('order commercial terms', SLOW, () => {
  it('saves the delivery date, payment terms and ship-to branch, and shows them to both parties', async () => {
    const { buyer, supplier, product, warehouse } = await pairWithWarehouse('Terms');
    const deliverBy = daysFromNow(20);
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id)],
      requestedDeliveryDate: deliverBy,
      paymentTerms: { kind: 'net', days: 45 },
      shipToBranchId: warehouse.id,
    });
    const draft = await buyer.members.viewer.caller.orders.get({ orderId: order.id });
    expect(draft).toMatchObject({
      requestedDeliveryDate: deliverBy,
      paymentTerms: { kind: 'net', days: 45 },
      shipTo: { branchId: warehouse.id, name: 'Bhiwandi warehouse', city: 'Bhiwandi', postalCode: '421302' },
      // Not sent yet: nothing is fixed.
      buyerGstin: null,
      supplierGstin: null,
    });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const supplierView = await supplier.members.viewer.caller.orders.get({ orderId: order.id });
    expect(supplierView).toMatchObject({ requestedDeliveryDate: deliverBy, paymentTerms: { kind: 'net', days: 45 } });
    expect(supplierView.shipTo?.name).toBe('Bhiwandi warehouse');
  });

  it('a partial update keeps the terms it does not name, and null clears one', async () => {
    const { buyer, supplier, product, warehouse } = await pairWithWarehouse('Partial');
    const deliverBy = daysFromNow(10);
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id)],
      requestedDeliveryDate: deliverBy,
      paymentTerms: { kind: 'advance' },
      shipToBranchId: warehouse.id,
    });
    const edited = await buyer.members.staff.caller.orders.update({
      orderId: order.id,
      version: order.version,
      lines: [{ ...yarnLine(product.id), quantity: '500' }],
    });
    const kept = await buyer.members.staff.caller.orders.get({ orderId: order.id });
    expect([kept.requestedDeliveryDate, kept.paymentTerms, kept.shipTo?.branchId]).toEqual([deliverBy, { kind: 'advance' }, warehouse.id]);
    await buyer.members.staff.caller.orders.update({
      orderId: order.id,
      version: edited.version,
      lines: [yarnLine(product.id)],
      paymentTerms: { kind: 'against_delivery' },
      shipToBranchId: null,
    });
    const changed = await buyer.members.staff.caller.orders.get({ orderId: order.id });
    expect([changed.requestedDeliveryDate, changed.paymentTerms, changed.shipTo]).toEqual([deliverBy, { kind: 'against_delivery' }, null]);
  });

  it("snapshots both GSTINs at submit: a later change of a company's tax id leaves the sent order as it was", async () => {
    const { buyer, supplier, product } = await pairWithWarehouse('Gstin');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const { version } = await supplier.members.owner.caller.companies.current();
    const renumbered = '24AAACR5055K1Z';
    await supplier.members.owner.caller.companies.update({
      companyId: supplier.id,
      version,
      taxId: renumbered + gstinCheckCharacter(renumbered),
    });
    for (const party of [buyer, supplier]) {
      const sent = await party.members.viewer.caller.orders.get({ orderId: order.id });
      expect([sent.buyerGstin, sent.supplierGstin]).toEqual([MAHARASHTRA, GUJARAT]);
    }
  });

  it("refuses another company's branch as ship-to, naming the field and writing nothing", async () => {
    const { buyer, supplier, product } = await pairWithWarehouse('Branch');
    const supplierBranches = await supplier.members.admin.caller.companies.branches.list();
    const before = await countRows(app, 'audit_log');
    const refused = await failure(
      buyer.members.staff.caller.orders.create({
        supplierId: supplier.id,
        lines: [yarnLine(product.id)],
        shipToBranchId: supplierBranches[0]?.id,
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldErrors(refused).shipToBranchId).toEqual(["must be one of the buyer's branches"]);
    expect(await countRows(app, 'audit_log')).toBe(before);
  });

  it('refuses a delivery date in the past when drafting and when the draft is sent', async () => {
    const { buyer, supplier, product } = await pairWithWarehouse('Past');
    const past = await failure(
      buyer.members.staff.caller.orders.create({
        supplierId: supplier.id,
        lines: [yarnLine(product.id)],
        requestedDeliveryDate: daysFromNow(-1),
      }),
    );
    expect(past.code).toBe('BAD_REQUEST');
    expect(fieldErrors(past).requestedDeliveryDate?.[0]).toMatch(/cannot be in the past/);

    // A draft dated tomorrow that waits three days has a passed date when it is finally sent.
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id)],
      requestedDeliveryDate: daysFromNow(1),
    });
    app.clock.advance(3 * DAY);
    const late = await failure(
      buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version }),
    );
    expect(late.code).toBe('BAD_REQUEST');
    expect(fieldErrors(late).requestedDeliveryDate).toBeDefined();
    expect((await buyer.members.staff.caller.orders.get({ orderId: order.id })).status).toBe('draft');
  });

  it('refuses credit days without net terms, and net terms without days', async () => {
    const { buyer, supplier, product } = await pairWithWarehouse('Days');
    const create = (paymentTerms: { kind: 'advance' | 'net'; days?: number }) =>
      buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)], paymentTerms });
    // Nested field errors flatten under their top-level field.
    expect(fieldErrors(await failure(create({ kind: 'advance', days: 30 }))).paymentTerms).toEqual([
      'give the number of credit days for net terms, and only for them',
    ]);
    expect(fieldErrors(await failure(create({ kind: 'net' }))).paymentTerms).toBeDefined();
    expect(fieldErrors(await failure(create({ kind: 'net', days: 400 }))).paymentTerms).toBeDefined();
  });

  it('the PDF shows both GSTINs, addresses, ship-to, terms, delivery date and the amount in words', async () => {
    const { buyer, supplier, product, warehouse } = await pairWithWarehouse('Pdf');
    const deliverBy = daysFromNow(15);
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      // 1000 kg at 63 = 63,000 + 5% GST = 66,150
      lines: [{ ...yarnLine(product.id), unitPrice: '63' }],
      requestedDeliveryDate: deliverBy,
      paymentTerms: { kind: 'net', days: 30 },
      shipToBranchId: warehouse.id,
    });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const http = await app.startHttp();
    try {
      const response = await fetch(`${http.url}/documents/orders/${order.id}.pdf`, {
        headers: { cookie: `tl_session=${supplier.members.viewer.token}` },
      });
      expect(response.status).toBe(200);
      const text = pdfTextLines(Buffer.from(await response.arrayBuffer())).join('\n');
      expect(text).toContain(buyer.name);
      expect(text).toContain(supplier.name);
      expect(text).toContain(`GSTIN: ${MAHARASHTRA}`);
      expect(text).toContain(`GSTIN: ${GUJARAT}`);
      expect(text).toContain('Bhiwandi warehouse');
      expect(text).toContain('Plot 12, Rahnal Village');
      expect(text).toContain('Bhiwandi, Maharashtra, 421302');
      expect(text).toContain(`Requested delivery: ${deliverBy}`);
      expect(text).toContain('Payment terms: Net 30 days');
      expect(text).toContain('Amount in words: Rupees Sixty-Six Thousand One Hundred Fifty Only');
    } finally {
      await http.close();
    }
  });
});

describe('the audit log names what changed', SLOW, () => {
  it('shows an order by its number and a terms edit as readable before/after', async () => {
    const { buyer, supplier, product } = await pairWithWarehouse('Audit');
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id)],
      paymentTerms: { kind: 'advance' },
    });
    await buyer.members.staff.caller.orders.update({
      orderId: order.id,
      version: order.version,
      lines: [yarnLine(product.id)],
      paymentTerms: { kind: 'net', days: 30 },
    });
    const entries = (await buyer.members.admin.caller.audit.list({ entityType: 'order' })).items;
    expect(entries.map((entry) => [entry.action, entry.entityLabel])).toEqual([
      ['order.updated', order.buyerNumber],
      ['order.created', order.buyerNumber],
    ]);
    expect(entries[0]).toMatchObject({ before: { paymentTerms: '100% advance' }, after: { paymentTerms: 'Net 30 days' } });
    // A company's own entries name it, and a member by its person's name.
    const companyEntry = (await buyer.members.admin.caller.audit.list({ entityType: 'company' })).items.at(-1);
    expect(companyEntry?.entityLabel).toBe(buyer.name);
  });

  it('records the terms an order was created and sent with, in words, and the GSTINs it was sent with', async () => {
    const { buyer, supplier, product, warehouse } = await pairWithWarehouse('SentTerms');
    const deliverBy = daysFromNow(12);
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id)],
      requestedDeliveryDate: deliverBy,
      paymentTerms: { kind: 'net', days: 60 },
      shipToBranchId: warehouse.id,
    });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const entries = (await buyer.members.admin.caller.audit.list({ entityType: 'order' })).items.filter(
      (entry) => entry.entityId === order.id,
    );
    const terms = { requestedDeliveryDate: deliverBy, paymentTerms: 'Net 60 days', shipTo: 'Bhiwandi warehouse' };
    expect(entries.find((entry) => entry.action === 'order.created')?.after).toMatchObject(terms);
    expect(entries.find((entry) => entry.action === 'order.submit')?.after).toMatchObject({
      status: 'submitted',
      ...terms,
      buyerGstin: MAHARASHTRA,
      supplierGstin: GUJARAT,
    });
  });

  it('records an order created without terms as having none', async () => {
    const { buyer, supplier, product } = await pairWithWarehouse('NoTerms');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const [created] = (await buyer.members.admin.caller.audit.list({ entityType: 'order' })).items.filter(
      (entry) => entry.entityId === order.id,
    );
    expect(created?.after).toMatchObject({ requestedDeliveryDate: null, paymentTerms: 'Not set', shipTo: null });
  });
});

describe("a supplier ships a sales order to one of its buyer's branches", SLOW, () => {
  it('reads the branches of a linked buyer and drafts a sales order shipping to one', async () => {
    const { buyer, supplier, product, warehouse } = await pairWithWarehouse('SalesShipTo');
    const branches = await supplier.members.staff.caller.partners.buyerBranches({ buyerId: buyer.id });
    expect(branches.map((branch) => branch.name)).toEqual(['HO', 'Bhiwandi warehouse']);
    expect(branches[1]).toMatchObject({ branchId: warehouse.id, city: 'Bhiwandi', postalCode: '421302' });

    const order = await supplier.members.staff.caller.orders.create({
      buyerId: buyer.id,
      lines: [yarnLine(product.id)],
      shipToBranchId: warehouse.id,
    });
    const shipTo = { branchId: warehouse.id, name: 'Bhiwandi warehouse' };
    expect((await supplier.members.viewer.caller.orders.get({ orderId: order.id })).shipTo).toMatchObject(shipTo);
    // Sent, the buyer sees where the supplier will deliver.
    await supplier.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    expect((await buyer.members.viewer.caller.orders.get({ orderId: order.id })).shipTo).toMatchObject(shipTo);
  });

  it('answers NOT_FOUND for a company not linked as our buyer, and BAD_REQUEST naming a malformed id', async () => {
    const { buyer, supplier } = await pairWithWarehouse('SalesShipToRefused');
    const stranger = await createCompany(app, 'Stranger');
    // Unlinked: the buyer's branches stay hidden.
    expect((await failure(stranger.members.owner.caller.partners.buyerBranches({ buyerId: buyer.id }))).code).toBe('NOT_FOUND');
    // Linked the other way round (the supplier is not our buyer): hidden too.
    expect((await failure(buyer.members.owner.caller.partners.buyerBranches({ buyerId: supplier.id }))).code).toBe('NOT_FOUND');
    const bad = await failure(supplier.members.owner.caller.partners.buyerBranches({ buyerId: 'not-a-uuid' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(Object.keys(fieldErrors(bad))).toEqual(['buyerId']);
  });
});

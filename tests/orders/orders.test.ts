import { formatMoney, ORDER_PAGE_MAX } from '@tradeloom/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany, type TestCompany } from '../harness/factories.ts';
import { GUJARAT, MAHARASHTRA, tradingPair, yarnLine } from './order-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const pair = (label: string, states?: { buyer: string; supplier: string }) => tradingPair(app, label, states);

describe('creating orders', () => {
  it('a buyer creates a PO from the catalog: numbered from its series, totals and GST computed on the server', async () => {
    const { buyer, supplier, product } = await pair('Po');
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id), { description: 'Freight', quantity: '1', unit: 'pcs', unitPrice: '4500', taxRate: '18' }],
    });
    expect(order.buyerNumber).toMatch(/^PO-\d{4}-000001$/);
    expect(order.supplierNumber).toBeNull();
    // 265,500 at 5% intra-state + 4,500 freight (no HSN, 18%) = 265,500 + 13,275 + 4,500 + 810
    expect(order.total).toBe('284085.00');
    const detail = await buyer.members.viewer.caller.orders.get({ orderId: order.id });
    expect(detail).toMatchObject({
      side: 'buyer',
      status: 'draft',
      taxRegime: 'intra_state',
      cgst: '7042.50',
      sgst: '7042.50',
      igst: '0.00',
      // A viewer reads the order but is offered no action it may not take.
      actions: [],
    });
    expect(detail.lines[0]).toMatchObject({ description: '30s combed yarn', hsnCode: '5205', taxRate: '5.00' });
    // The supplier does not see a draft.
    expect((await failure(supplier.members.owner.caller.orders.get({ orderId: order.id }))).code).toBe('NOT_FOUND');
  });

  it('uses IGST across states', async () => {
    const { buyer, supplier, product } = await pair('Igst', { buyer: MAHARASHTRA, supplier: GUJARAT });
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const detail = await buyer.members.staff.caller.orders.get({ orderId: order.id });
    expect([detail.taxRegime, detail.igst, detail.cgst, detail.total]).toEqual(['inter_state', '13275.00', '0.00', '278775.00']);
  });

  it('refuses an unlinked supplier, another supplier’s product, and a bad quantity, writing nothing', async () => {
    const { buyer, product } = await pair('Bad');
    const stranger = await createCompany(app, 'Stranger');
    const { supplier: other } = await pair('Other');
    const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: other.id });
    await other.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
    const before = await countRows(app, 'audit_log');
    const create = (supplierId: string, line: ReturnType<typeof yarnLine>) =>
      buyer.members.staff.caller.orders.create({ supplierId, lines: [line] });
    expect((await failure(create(stranger.id, yarnLine(product.id)))).code).toBe('NOT_FOUND');
    expect(fieldErrors(await failure(create(other.id, yarnLine(product.id))))['lines.0.productId']).toBeDefined();
    expect((await failure(create(other.id, { ...yarnLine(product.id), quantity: '0' }))).code).toBe('BAD_REQUEST');
    expect(await countRows(app, 'audit_log')).toBe(before);
  });

  it('an idempotency key returns the first result for the same input and refuses other input', async () => {
    const { buyer, supplier, product } = await pair('Idem');
    const input = { supplierId: supplier.id, lines: [yarnLine(product.id)], idempotencyKey: 'po-import-2026-000042' };
    const first = await buyer.members.staff.caller.orders.create(input);
    const again = await buyer.members.staff.caller.orders.create(input);
    expect(again).toEqual(first);
    const other = await failure(
      buyer.members.staff.caller.orders.create({ ...input, lines: [{ ...yarnLine(product.id), quantity: '5' }] }),
    );
    expect([other.code, other.reason]).toEqual(['UNPROCESSABLE_CONTENT', 'IDEMPOTENCY_MISMATCH']);
    // Keys are per company and user: another user's identical key is a new request.
    const fromAnother = await buyer.members.manager.caller.orders.create(input);
    expect(fromAnother.id).not.toBe(first.id);
    const list = await buyer.members.viewer.caller.orders.list({ side: 'purchase' });
    expect(list.items).toHaveLength(2);
  });

  it('50 concurrent creates get 50 distinct, gapless PO numbers', async () => {
    const { buyer, supplier, product } = await pair('Race');
    const orders = await Promise.all(
      Array.from({ length: 50 }, () =>
        buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] }),
      ),
    );
    const numbers = orders.map((o) => Number(o.buyerNumber?.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe('order workflow', () => {
  async function submitted(label: string) {
    const setup = await pair(label);
    const order = await setup.buyer.members.staff.caller.orders.create({
      supplierId: setup.supplier.id,
      lines: [yarnLine(setup.product.id)],
      note: 'Buyer-only note',
    });
    const sent = await setup.buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    return { ...setup, order: sent };
  }

  it('submit → the supplier sees it with its own SO number, not the buyer’s note, and is notified; accept → ship → deliver → complete', async () => {
    const { buyer, supplier, order } = await submitted('Flow');
    expect(order.supplierNumber).toMatch(/^SO-\d{4}-000001$/);
    const theirs = await supplier.members.viewer.caller.orders.get({ orderId: order.id });
    expect(theirs).toMatchObject({
      side: 'supplier',
      number: order.supplierNumber,
      partnerNumber: order.buyerNumber,
      note: null,
      status: 'submitted',
    });
    expect(JSON.stringify(theirs)).not.toContain('Buyer-only note');
    await app.runner.drain();
    expect((await supplier.members.viewer.caller.notifications.list({})).items.map((n) => [n.title, n.linkPath])).toContainEqual([
      `${buyer.name} sent ${order.buyerNumber}, ${formatMoney(order.total, order.currency)}`,
      `/orders/${order.id}`,
    ]);

    expect(
      (await failure(buyer.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version })))
        .reason,
    ).toBe('WRONG_SIDE');
    expect(
      (await failure(supplier.members.staff.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version })))
        .reason,
    ).toBe('NEEDS_APPROVER');
    let current = await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version });
    current = await supplier.members.staff.caller.orders.transition({ orderId: order.id, action: 'start', version: current.version });
    current = await supplier.members.staff.caller.orders.transition({ orderId: order.id, action: 'ship', version: current.version });
    expect(
      (await failure(supplier.members.staff.caller.orders.transition({ orderId: order.id, action: 'deliver', version: current.version })))
        .reason,
    ).toBe('WRONG_SIDE');
    current = await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'deliver', version: current.version });
    current = await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'complete', version: current.version });
    expect(current.status).toBe('completed');
    expect(
      (await failure(buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'cancel', version: current.version }))).code,
    ).toBe('CONFLICT');
    const sales = await supplier.members.viewer.caller.orders.list({ side: 'sales', status: 'completed' });
    expect(sales.items.map((o) => o.number)).toEqual([order.supplierNumber]);
  });

  it('a stale version is a CONFLICT; two concurrent edits of one version: one wins', async () => {
    const { buyer, supplier, product } = await pair('Stale');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const edit = (quantity: string) =>
      buyer.members.staff.caller.orders.update({
        orderId: order.id,
        version: order.version,
        lines: [{ ...yarnLine(product.id), quantity }],
      });
    const results = await Promise.allSettled([edit('10'), edit('20')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('CONFLICT');
    expect(
      (await failure(buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version }))).reason,
    ).toBe('STALE_VERSION');
  });

  it('orders above the company threshold need a manager other than the submitter', async () => {
    const { buyer, supplier, product } = await pair('Appr');
    expect(await buyer.members.viewer.caller.orders.approvalThreshold()).toEqual({ threshold: null, currency: 'INR' });
    await buyer.members.admin.caller.orders.setApprovalThreshold({ threshold: '100000' });
    expect(await buyer.members.viewer.caller.orders.approvalThreshold()).toEqual({ threshold: '100000.00', currency: 'INR' });
    const order = await buyer.members.manager.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const pending = await buyer.members.manager.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    expect(pending.status).toBe('pending_approval');
    expect((await failure(supplier.members.owner.caller.orders.get({ orderId: order.id }))).code).toBe('NOT_FOUND');
    expect(
      (await failure(buyer.members.manager.caller.orders.transition({ orderId: order.id, action: 'approve', version: pending.version })))
        .reason,
    ).toBe('SELF_APPROVAL');
    expect(
      (await failure(buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'approve', version: pending.version })))
        .reason,
    ).toBe('NEEDS_APPROVER');
    const approved = await buyer.members.admin.caller.orders.transition({ orderId: order.id, action: 'approve', version: pending.version });
    expect(approved.status).toBe('submitted');
    expect((await supplier.members.owner.caller.orders.get({ orderId: order.id })).status).toBe('submitted');
  });

  it('history shows our steps and the partner’s decisions; the PDF serves both parties and nobody else', async () => {
    const { buyer, supplier, order } = await submitted('Hist');
    await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version });
    const buyerView = (await buyer.members.viewer.caller.orders.history({ orderId: order.id })).map((e) => [e.action, e.companyName]);
    expect(buyerView).toEqual([
      ['order.created', buyer.name],
      ['order.submit', buyer.name],
      ['order.accept', supplier.name],
    ]);
    // The supplier sees the buyer's submission and its own acceptance, not the buyer's drafting.
    expect((await supplier.members.viewer.caller.orders.history({ orderId: order.id })).map((e) => e.action)).toEqual([
      'order.submit',
      'order.accept',
    ]);

    const http = await app.startHttp();
    try {
      const pdf = (token: string) => fetch(`${http.url}/documents/orders/${order.id}.pdf`, { headers: { cookie: `tl_session=${token}` } });
      for (const party of [buyer, supplier]) {
        const response = await pdf(party.members.viewer.token);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/pdf');
        expect(
          Buffer.from(await response.arrayBuffer())
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
      }
      const outsider = await createCompany(app, 'PdfOutsider');
      expect((await pdf(outsider.members.owner.token)).status).toBe(404);
      expect((await fetch(`${http.url}/documents/orders/${order.id}.pdf`)).status).toBe(401);
    } finally {
      await http.close();
    }
  });

  it("a third company cannot read or move another pair's order", async () => {
    const { order } = await submitted('Third');
    const outsider: TestCompany = await createCompany(app, 'Outsider');
    expect((await failure(outsider.members.owner.caller.orders.get({ orderId: order.id }))).code).toBe('NOT_FOUND');
    expect(
      (await failure(outsider.members.owner.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await outsider.members.owner.caller.orders.list({ side: 'sales' })).items).toHaveLength(0);
  });

  it('lists purchase orders newest first with filters and a keyset cursor', async () => {
    const { buyer, supplier, product } = await pair('List');
    for (const quantity of ['1', '2', '3', '4', '5'])
      await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [{ ...yarnLine(product.id), quantity }] });
    const first = await buyer.members.viewer.caller.orders.list({ side: 'purchase', limit: 2 });
    const second = await buyer.members.viewer.caller.orders.list({ side: 'purchase', limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await buyer.members.viewer.caller.orders.list({ side: 'purchase', limit: 2, cursor: second.nextCursor ?? undefined });
    const numbers = [...first.items, ...second.items, ...third.items].map((o) => o.number);
    expect(numbers).toEqual(['PO', 'PO', 'PO', 'PO', 'PO'].map((_, i) => expect.stringMatching(new RegExp(`00000${5 - i}$`))));
    expect(third.nextCursor).toBeNull();
    expect((await buyer.members.viewer.caller.orders.list({ side: 'purchase', minTotal: '800' })).items).toHaveLength(3);
    expect((await buyer.members.viewer.caller.orders.list({ side: 'purchase', search: '000002' })).items).toHaveLength(1);
  });

  it('returns pages of up to ORDER_PAGE_MAX orders; a larger page is refused naming the limit', async () => {
    const { buyer, supplier, product } = await pair('BigPage');
    for (let i = 0; i < 3; i++) await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const page = await buyer.members.viewer.caller.orders.list({ side: 'purchase', limit: ORDER_PAGE_MAX });
    expect([page.items.length, page.nextCursor]).toEqual([3, null]);
    const tooLarge = await failure(buyer.members.viewer.caller.orders.list({ side: 'purchase', limit: ORDER_PAGE_MAX + 1 }));
    expect(tooLarge.code).toBe('BAD_REQUEST');
    expect(Object.keys(fieldErrors(tooLarge))).toEqual(['limit']);
  });

  it('pages through orders stamped in the same microsecond without skipping any; a forged cursor is refused', async () => {
    const { buyer, supplier, product } = await pair('SameInstant');
    for (let i = 0; i < 7; i++) await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    // As a bulk import in one transaction would leave them: one created_at, finer than a millisecond.
    await sql`update orders set created_at = '2026-10-01 10:00:00.123456+00' where buyer_company_id = ${buyer.id}`.execute(app.db);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await buyer.members.viewer.caller.orders.list({ side: 'purchase', limit: 3, cursor });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(7);
    for (const forged of ['not-a-cursor', Buffer.from(JSON.stringify(["1' or 1=1"])).toString('base64url')]) {
      const error = await failure(buyer.members.viewer.caller.orders.list({ side: 'purchase', cursor: forged }));
      expect([error.code, error.reason]).toEqual(['BAD_REQUEST', 'CURSOR_INVALID']);
    }
  });

  it('totals add up the orders matching the same filters, per currency', async () => {
    const { buyer, supplier, product } = await pair('Totals');
    for (const quantity of ['1', '2', '3'])
      await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [{ ...yarnLine(product.id), quantity }] });
    // 265.50 × 1, 2 and 3 kg plus 5% GST rounded per order: 278.78 + 557.55 + 836.33
    expect(await buyer.members.viewer.caller.orders.totals({ side: 'purchase' })).toEqual([
      { currency: 'INR', count: 3, total: '1672.66' },
    ]);
    expect(await buyer.members.viewer.caller.orders.totals({ side: 'purchase', minTotal: '500' })).toEqual([
      { currency: 'INR', count: 2, total: '1393.88' },
    ]);
    expect(await buyer.members.viewer.caller.orders.totals({ side: 'sales' })).toEqual([]);
  });

  it('a draft keeps the financial year of its number: its date cannot move into another year or a closed one', async () => {
    const { buyer, supplier, product } = await pair('Years');
    const draft = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      orderDate: '2026-06-15',
      lines: [yarnLine(product.id)],
    });
    const moved = await buyer.members.staff.caller.orders.update({
      orderId: draft.id,
      version: draft.version,
      orderDate: '2026-09-01',
      lines: [yarnLine(product.id)],
    });
    const across = await failure(
      buyer.members.staff.caller.orders.update({
        orderId: draft.id,
        version: moved.version,
        orderDate: '2027-04-02',
        lines: [yarnLine(product.id)],
      }),
    );
    expect([across.code, across.reason]).toEqual(['CONFLICT', 'FINANCIAL_YEAR_MISMATCH']);
    const years = await buyer.members.owner.caller.settings.financialYears.list();
    const year = years.find((y) => y.startsOn === '2026-04-01');
    await buyer.members.owner.caller.settings.financialYears.close({ financialYearId: year?.id ?? '' });
    const closed = await failure(
      buyer.members.staff.caller.orders.update({ orderId: draft.id, version: moved.version, lines: [yarnLine(product.id)] }),
    );
    expect([closed.code, closed.reason]).toEqual(['CONFLICT', 'FINANCIAL_YEAR_CLOSED']);
  });

  it('an order with a supplier not on Tradeloom stays with the buyer, who records the supplier’s steps', async () => {
    const buyer = await createCompany(app, 'OfflineBuyer');
    const offline = await buyer.members.staff.caller.partners.addUnclaimed({
      name: 'Amreli Offline Ginners',
      country: 'IN',
      relationship: 'supplier',
    });
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: offline.id,
      lines: [{ description: 'Cotton bales, S-6', quantity: '50', unit: 'bale', unitPrice: '28000' }],
    });
    let current = await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    expect(current.supplierNumber).toBeNull();
    // Recording the supplier's acceptance is still a manager's decision.
    const byStaff = await failure(
      buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'accept', version: current.version }),
    );
    expect(byStaff.reason).toBe('NEEDS_APPROVER');
    expect((await buyer.members.manager.caller.orders.get({ orderId: order.id })).actions).toEqual(['accept', 'reject', 'cancel']);
    for (const action of ['accept', 'ship', 'deliver'] as const) {
      current = await buyer.members.manager.caller.orders.transition({ orderId: order.id, action, version: current.version });
    }
    expect(current.status).toBe('delivered');
    expect((await buyer.members.viewer.caller.orders.get({ orderId: order.id })).partner).toMatchObject({ claimed: false });
  });

  it('a draft the buyer cancels before sending never reaches the supplier', async () => {
    const { buyer, supplier, product } = await pair('CancelledDraft');
    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'cancel', version: draft.version });
    expect((await buyer.members.viewer.caller.orders.get({ orderId: draft.id })).status).toBe('cancelled');
    expect((await failure(supplier.members.owner.caller.orders.get({ orderId: draft.id }))).code).toBe('NOT_FOUND');
    expect((await supplier.members.owner.caller.orders.list({ side: 'sales' })).items).toEqual([]);
  });
});

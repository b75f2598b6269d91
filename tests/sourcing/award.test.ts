import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDueTenders } from '../../server/src/modules/sourcing/tender-clock.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { parseCsv } from '../harness/csv.ts';
import { failure } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { GUJARAT, MAHARASHTRA } from '../orders/order-fixtures.ts';
import { HOUR, openTender, type SourcingWorld } from './sourcing-fixtures.ts';

// Comparison, conversions, the comparison CSV and award into orders, end to end through the
// procedures: suppliers quote, the clock closes the tender, the buyer compares and awards.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const clockRequest = { requestId: 'test-clock', ip: null, userAgent: null };

/** A Gujarat buyer, a linked Gujarat supplier (intra-state GST) and an unlinked Maharashtra one (inter-state). */
async function world(label: string) {
  const buyer = await createCompany(app, `${label}Buyer`);
  const supplierA = await createCompany(app, `${label}SupA`);
  const supplierB = await createCompany(app, `${label}SupB`);
  for (const [company, gstin] of [
    [buyer, GUJARAT],
    [supplierA, GUJARAT],
    [supplierB, MAHARASHTRA],
  ] as const) {
    await company.members.admin.caller.companies.branches.create({ name: 'HO', country: 'IN', gstin, isHeadOffice: true });
  }
  const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplierA.id });
  await supplierA.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
  // B stays unlinked: a directory company the buyer invites, linked by the award.
  const fixtureWorld = { buyer, supplierA, supplierB, supplierC: supplierB, stranger: supplierB, productId: '' } satisfies SourcingWorld;
  const tender = await openTender(app, fixtureWorld, {
    suppliers: [supplierA, supplierB],
    closesAt: new Date(app.clock.now().getTime() + HOUR),
    criteria: [],
    items: [
      { description: 'Cotton, 29 mm staple', quantity: '500', unit: 'kg' },
      { description: 'Polyester staple fibre', quantity: '200', unit: 'kg' },
    ],
  });
  return { buyer, supplierA, supplierB, tender };
}

/** The clock passes the deadline and closes the tender, as in production. */
async function closeByClock() {
  app.clock.advance(HOUR + 1000);
  await closeDueTenders(app.db, app.clock, clockRequest);
}

async function orderCount(buyerId: string) {
  const row = await app.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('buyer_company_id', '=', buyerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const submit = (supplier: TestCompany, input: Parameters<TestCompany['members']['staff']['caller']['sourcing']['quotes']['submit']>[0]) =>
  supplier.members.staff.caller.sourcing.quotes.submit(input);

function exportUrl(tenderId: string) {
  return `${http.url}/exports/tender-comparison.csv?input=${encodeURIComponent(JSON.stringify({ tenderId }))}`;
}

describe('award into orders', () => {
  it('splits items across two suppliers: one sent order each, PO and SO numbered, lines, GST and totals as the orders module computes', async () => {
    const { buyer, supplierA, supplierB, tender } = await world('Split');
    const [cotton, polyester] = tender.itemIds as [string, string];
    const a = await submit(supplierA, {
      tenderId: tender.id,
      leadTimeDays: 10,
      paymentTerms: { kind: 'net', days: 30 },
      lines: [
        { itemId: cotton, unitPrice: '100', freightPerUnit: '2', hsnCode: '5205' },
        { itemId: polyester, unitPrice: '150', taxRate: '18' },
      ],
    });
    const b = await submit(supplierB, {
      tenderId: tender.id,
      lines: [
        { itemId: cotton, unitPrice: '98', quantity: '300', hsnCode: '5205' },
        { itemId: polyester, unitPrice: '160', taxRate: '18' },
      ],
    });
    await closeByClock();

    const manager = buyer.members.manager.caller;
    const { orderIds } = await manager.sourcing.tenders.award({
      tenderId: tender.id,
      awards: [
        { itemId: cotton, quoteId: a.id, quantity: '200' },
        { itemId: cotton, quoteId: b.id, quantity: '300', reason: 'Cheapest for what it can supply' },
        { itemId: polyester, quoteId: a.id, quantity: '200' },
      ],
      reason: 'Lowest landed cost per item',
    });
    expect(orderIds).toHaveLength(2);

    const [orderA, orderB] = await Promise.all(orderIds.map((orderId) => manager.orders.get({ orderId })));
    // Supplier A, same state: CGST + SGST; freight is its own line, taxed like the goods.
    expect(orderA).toMatchObject({ status: 'submitted', taxRegime: 'intra_state', currency: 'INR', number: expect.stringMatching(/^PO-/) });
    expect(orderA?.lines.map((l) => [l.description, l.quantity, l.unit, l.unitPrice, l.taxRate])).toEqual([
      ['Cotton, 29 mm staple', '200.000', 'kg', '100.0000', '5.00'],
      ['Freight: Cotton, 29 mm staple', '200.000', 'kg', '2.0000', '5.00'],
      ['Polyester staple fibre', '200.000', 'kg', '150.0000', '18.00'],
    ]);
    // 20,400 at 5% (1,020) + 30,000 at 18% (5,400) = 50,400 + 6,420.
    expect([orderA?.taxable, orderA?.cgst, orderA?.sgst, orderA?.igst, orderA?.total]).toEqual([
      '50400.00',
      '3210.00',
      '3210.00',
      '0.00',
      '56820.00',
    ]);
    expect(orderA?.paymentTerms).toEqual({ kind: 'net', days: 30 });
    // Supplier B, another state: IGST. It was not linked before: the award linked it.
    expect(orderB).toMatchObject({ taxRegime: 'inter_state', taxable: '29400.00', igst: '1470.00', cgst: '0.00', total: '30870.00' });
    const soA = await supplierA.members.viewer.caller.orders.get({ orderId: orderA?.id as string });
    const soB = await supplierB.members.viewer.caller.orders.get({ orderId: orderB?.id as string });
    expect([soA.number, soB.number]).toEqual([expect.stringMatching(/^SO-/), expect.stringMatching(/^SO-/)]);
    const link = await app.db
      .selectFrom('partner_links')
      .select('status')
      .where('buyer_company_id', '=', buyer.id)
      .where('supplier_company_id', '=', supplierB.id)
      .executeTakeFirstOrThrow();
    expect(link.status).toBe('accepted');

    const view = await manager.sourcing.tenders.get({ tenderId: tender.id });
    expect(view.status).toBe('awarded');
    const awardedTo = view.side === 'buyer' ? view.awards.map((award) => `${award.supplierName} ${award.orderNumber}`).sort() : [];
    expect(awardedTo).toEqual([
      `${supplierA.name} ${orderA?.number}`,
      `${supplierA.name} ${orderA?.number}`,
      `${supplierB.name} ${orderB?.number}`,
    ]);
    const row = await app.db.selectFrom('tenders').select(['status', 'awarded_at']).where('id', '=', tender.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('awarded');
    const awards = await app.db
      .selectFrom('tender_awards')
      .select(['item_id', 'quote_id', 'quantity', 'order_id', 'reason'])
      .where('tender_id', '=', tender.id)
      .orderBy('quantity')
      .execute();
    expect(awards.map((r) => [r.quote_id, Number(r.quantity), r.reason])).toEqual([
      [a.id, 200, 'Lowest landed cost per item'],
      [a.id, 200, 'Lowest landed cost per item'],
      [b.id, 300, 'Cheapest for what it can supply'],
    ]);
    const event = await app.db
      .selectFrom('domain_events')
      .select('payload')
      .where('entity_id', '=', tender.id)
      .where('type', '=', 'tender.awarded')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ buyerCompanyId: buyer.id, winners: [supplierA.id, supplierB.id] });
    expect((event.payload as { recipients: string[] }).recipients.sort()).toEqual([supplierA.id, supplierB.id].sort());
    const audit = await app.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', tender.id)
      .where('action', '=', 'tender.awarded')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ reason: 'Lowest landed cost per item' });

    // Awarded once: a second award is an illegal transition.
    const again = await failure(
      manager.sourcing.tenders.award({ tenderId: tender.id, awards: [{ itemId: polyester, quoteId: b.id, quantity: '1' }] }),
    );
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });

  it('splits one item 60/40, and refuses more than asked or offered with nothing written', async () => {
    const { buyer, supplierA, supplierB, tender } = await world('Sixty');
    const [cotton] = tender.itemIds as [string];
    const a = await submit(supplierA, { tenderId: tender.id, lines: [{ itemId: cotton, unitPrice: '100', taxRate: '5' }] });
    const b = await submit(supplierB, {
      tenderId: tender.id,
      lines: [{ itemId: cotton, unitPrice: '101', quantity: '250', taxRate: '5' }],
    });
    await closeByClock();
    const manager = buyer.members.manager.caller;
    const before = await orderCount(buyer.id);

    const tooMuch = await failure(
      manager.sourcing.tenders.award({
        tenderId: tender.id,
        awards: [
          { itemId: cotton, quoteId: a.id, quantity: '300' },
          { itemId: cotton, quoteId: a.id, quantity: '201' },
        ],
      }),
    );
    expect([tooMuch.code, tooMuch.reason]).toEqual(['CONFLICT', 'AWARD_EXCEEDS_QUANTITY']);
    expect(tooMuch.message).toContain('Cotton, 29 mm staple');
    const beyondOffer = await failure(
      manager.sourcing.tenders.award({ tenderId: tender.id, awards: [{ itemId: cotton, quoteId: b.id, quantity: '300' }] }),
    );
    expect([beyondOffer.code, beyondOffer.reason]).toEqual(['CONFLICT', 'AWARD_EXCEEDS_QUANTITY']);
    const stranger = await failure(
      manager.sourcing.tenders.award({ tenderId: tender.id, awards: [{ itemId: cotton, quoteId: tender.id, quantity: '1' }] }),
    );
    expect(stranger.code).toBe('NOT_FOUND');
    expect(stranger.message).toContain('awards.0.quoteId');
    expect(await orderCount(buyer.id)).toBe(before);
    expect(await app.db.selectFrom('tender_awards').select('id').where('tender_id', '=', tender.id).execute()).toEqual([]);

    const split = {
      tenderId: tender.id,
      awards: [
        { itemId: cotton, quoteId: a.id, quantity: '300' },
        { itemId: cotton, quoteId: b.id, quantity: '200' },
      ],
      idempotencyKey: 'award-sixty-forty',
    };
    const { orderIds } = await manager.sourcing.tenders.award(split);
    // A retried award with its key answers the same orders and makes no more.
    expect((await manager.sourcing.tenders.award(split)).orderIds).toEqual(orderIds);
    const orders = await Promise.all(orderIds.map((orderId) => manager.orders.get({ orderId })));
    expect(orders.map((o) => [o.lines[0]?.quantity, o.lines[0]?.unitPrice, o.total])).toEqual([
      ['300.000', '100.0000', '31500.00'],
      ['200.000', '101.0000', '21210.00'],
    ]);
    expect(await orderCount(buyer.id)).toBe(before + 2);
  });

  it('refuses an award before the tender closes', async () => {
    const { buyer, supplierA, tender } = await world('Early');
    const a = await submit(supplierA, { tenderId: tender.id, lines: [{ itemId: tender.itemIds[0] as string, unitPrice: '100' }] });
    const early = await failure(
      buyer.members.manager.caller.sourcing.tenders.award({
        tenderId: tender.id,
        awards: [{ itemId: tender.itemIds[0] as string, quoteId: a.id, quantity: '1' }],
      }),
    );
    expect([early.code, early.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    expect(await orderCount(buyer.id)).toBe(0);
  });

  it('needs orders:approve when an order crosses the approval threshold: staff are refused, a manager awards', async () => {
    const { buyer, supplierA, tender } = await world('Threshold');
    const [cotton] = tender.itemIds as [string];
    const a = await submit(supplierA, { tenderId: tender.id, lines: [{ itemId: cotton, unitPrice: '100', taxRate: '5' }] });
    await closeByClock();
    await buyer.members.admin.caller.orders.setApprovalThreshold({ threshold: '10000' });
    const award = { tenderId: tender.id, awards: [{ itemId: cotton, quoteId: a.id, quantity: '500' }] };
    const refused = await failure(buyer.members.staff.caller.sourcing.tenders.award(award));
    expect([refused.code, refused.reason]).toEqual(['FORBIDDEN', 'NEEDS_APPROVER']);
    expect(refused.message).toMatch(/^Only managers/);
    expect(await orderCount(buyer.id)).toBe(0);
    const status = await app.db.selectFrom('tenders').select('status').where('id', '=', tender.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('closed');

    const { orderIds } = await buyer.members.manager.caller.sourcing.tenders.award(award);
    const order = await buyer.members.manager.caller.orders.get({ orderId: orderIds[0] as string });
    expect([order.status, order.total]).toEqual(['submitted', '52500.00']);
  });
});

describe('comparison', () => {
  it('stays sealed while open (procedure and CSV, no price in the refusal), and a stranger finds nothing', async () => {
    const { buyer, supplierA, tender } = await world('Sealed');
    await submit(supplierA, { tenderId: tender.id, lines: [{ itemId: tender.itemIds[0] as string, unitPrice: '4321.98' }] });
    for (const member of [buyer.members.owner, buyer.members.viewer]) {
      const sealed = await failure(member.caller.sourcing.tenders.compare({ tenderId: tender.id }));
      expect([sealed.code, sealed.reason, sealed.message]).toEqual([
        'CONFLICT',
        'ILLEGAL_TRANSITION',
        'Quotes stay sealed until the tender closes.',
      ]);
      expect(JSON.stringify(sealed)).not.toMatch(/(?<![0-9a-f-])4321(?![0-9a-f-])/);
    }
    const csv = await fetch(exportUrl(tender.id), { headers: { cookie: `tl_session=${buyer.members.viewer.token}` } });
    expect(csv.status).toBe(409);
    expect(await csv.text()).not.toMatch(/(?<![0-9a-f-])4321(?![0-9a-f-])/);

    await closeByClock();
    const stranger = await createCompany(app, 'SealedStranger');
    const caller = stranger.members.owner.caller.sourcing.tenders;
    for (const attempt of [
      () => caller.compare({ tenderId: tender.id }),
      () => caller.setConversions({ tenderId: tender.id, currencies: { USD: '80' } }),
      () => caller.award({ tenderId: tender.id, awards: [{ itemId: tender.itemIds[0] as string, quoteId: tender.id, quantity: '1' }] }),
    ]) {
      expect((await failure(attempt())).code).toBe('NOT_FOUND');
    }
    const foreign = await fetch(exportUrl(tender.id), { headers: { cookie: `tl_session=${stranger.members.owner.token}` } });
    expect(foreign.status).toBe(404);
    // A supplier is not the buyer either.
    expect((await failure(supplierA.members.owner.caller.sourcing.tenders.compare({ tenderId: tender.id }))).code).toBe('NOT_FOUND');
  });

  it('normalises a USD quote per candy once the buyer enters the conversions, and the CSV holds the same matrix', async () => {
    const { buyer, supplierA, supplierB, tender } = await world('Convert');
    const [cotton, polyester] = tender.itemIds as [string, string];
    await submit(supplierA, {
      tenderId: tender.id,
      currency: 'USD',
      lines: [{ itemId: cotton, unitPrice: '427.00', unit: 'candy', taxRate: '5' }],
    });
    const b = await submit(supplierB, {
      tenderId: tender.id,
      lines: [
        { itemId: cotton, unitPrice: '100', taxRate: '5' },
        { itemId: polyester, unitPrice: '150', taxRate: '18' },
      ],
    });
    await closeByClock();
    const tenders = buyer.members.viewer.caller.sourcing.tenders;
    const before = await tenders.compare({ tenderId: tender.id });
    expect(before.missingConversions).toEqual([
      { kind: 'currency', from: 'USD', to: 'INR' },
      { kind: 'unit', from: 'candy', to: 'kg' },
    ]);
    const usdCell = before.cells.find((c) => c.quotedCurrency === 'USD');
    expect(usdCell).toMatchObject({
      unitPrice: null,
      landedTotal: null,
      missing: 'USD → INR rate, candy → kg factor',
      quotedUnitPrice: '427.0000',
    });
    expect(before.cells.find((c) => c.quoteId === b.id && c.itemId === cotton)?.lowest).toBe(true);

    // Without the conversion, awarding the USD quote is refused.
    const a = before.suppliers.find((s) => s.currency === 'USD');
    const missing = await failure(
      buyer.members.manager.caller.sourcing.tenders.award({
        tenderId: tender.id,
        awards: [{ itemId: cotton, quoteId: a?.quoteId as string, quantity: '1' }],
      }),
    );
    expect([missing.code, missing.reason]).toEqual(['CONFLICT', 'CONVERSION_MISSING']);

    // A viewer reads but does not set conversions; staff do.
    expect((await failure(tenders.setConversions({ tenderId: tender.id, currencies: { USD: '83.25' } }))).code).toBe('FORBIDDEN');
    await buyer.members.staff.caller.sourcing.tenders.setConversions({
      tenderId: tender.id,
      currencies: { USD: '83.25' },
      units: [{ from: 'candy', to: 'kg', factor: '355.6222' }],
    });
    const after = await tenders.compare({ tenderId: tender.id });
    expect(after.missingConversions).toEqual([]);
    // 427 USD × 83.25 = 35,547.75 INR per candy ÷ 355.6222 kg = 99.9593 INR per kg: now the lowest.
    const converted = after.cells.find((c) => c.quotedCurrency === 'USD');
    expect(converted).toMatchObject({ unitPrice: '99.9593', landedUnitCost: '104.9573', landedTotal: '52478.64', lowest: true });
    expect(after.cells.find((c) => c.quoteId === b.id && c.itemId === cotton)?.lowest).toBe(false);
    const audit = await app.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', tender.id)
      .where('action', '=', 'tender.conversions_changed')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ currencies: { USD: '83.25' } });

    const response = await fetch(exportUrl(tender.id), { headers: { cookie: `tl_session=${buyer.members.viewer.token}` } });
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header?.slice(0, 6)).toEqual(['Item no', 'Item', 'Quantity asked', 'Unit', 'Supplier', 'Alternative']);
    const column = (name: string) => (header ?? []).indexOf(name);
    expect(rows.map((r) => [r[column('Supplier')], r[column('Unit price')], r[column('Landed total')], r[column('Lowest')]])).toEqual(
      after.cells.map((cell) => [
        after.suppliers.find((s) => s.quoteId === cell.quoteId)?.supplierName,
        cell.unitPrice ?? '',
        cell.landedTotal ?? '',
        cell.lowest ? 'yes' : '',
      ]),
    );
  });
});

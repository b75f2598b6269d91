import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { added, linkedSupplier, sentOrder } from './report-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
}, 120_000);
afterAll(() => app.close());

const DAY = 24 * 60 * 60 * 1000;

/** A buyer trading with two suppliers, plus a foreign buyer of the first supplier. */
async function tradingWorld(label: string) {
  const { buyer, supplier, product } = await tradingPair(app, label);
  const second = await linkedSupplier(app, buyer, `${label}Second`);
  const september = await sentOrder(buyer, supplier, {
    productId: product.id,
    quantity: '1000',
    unitPrice: '265.50',
    orderDate: '2026-09-10',
  });
  await september.accept();
  await september.shipAndDeliver();
  const october = await sentOrder(buyer, supplier, {
    productId: product.id,
    quantity: '500',
    unitPrice: '265.50',
    orderDate: '2026-10-05',
  });
  const fromSecond = await sentOrder(buyer, second.supplier, {
    productId: second.product.id,
    quantity: '200',
    unitPrice: '210.00',
    orderDate: '2026-10-20',
  });
  await fromSecond.accept();
  // Neither a withdrawn order nor an unsent draft is trade.
  const withdrawn = await sentOrder(buyer, supplier, {
    productId: product.id,
    quantity: '9000',
    unitPrice: '265.50',
    orderDate: '2026-10-06',
  });
  await withdrawn.cancel();
  await buyer.members.staff.caller.orders.create({
    supplierId: supplier.id,
    orderDate: '2026-10-07',
    lines: [{ productId: product.id, quantity: '7000', unit: 'kg', unitPrice: '265.50' }],
  });
  const foreign = await createCompany(app, `${label}Foreign`);
  const link = await foreign.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
  const foreignOrder = await sentOrder(foreign, supplier, {
    productId: product.id,
    quantity: '300',
    unitPrice: '265.50',
    orderDate: '2026-10-11',
  });
  return { buyer, supplier, second: second.supplier, foreign, september, october, fromSecond, foreignOrder };
}

// Reports only read: the tests below share one trading world, built once (it signs up a dozen people).
let w: Awaited<ReturnType<typeof tradingWorld>>;
beforeAll(async () => {
  w = await tradingWorld('Rep');
}, 240_000);

describe('order reports', () => {
  it('adds up purchases by supplier and by month from the buyer side only, leaving out drafts, withdrawn and foreign orders', async () => {
    const reports = w.buyer.members.viewer.caller.reports;
    expect(await reports.purchasesBySupplier({})).toEqual([
      {
        partnerId: w.supplier.id,
        partnerName: w.supplier.name,
        currency: 'INR',
        orders: 2,
        total: added(w.september.total, w.october.total),
      },
      { partnerId: w.second.id, partnerName: w.second.name, currency: 'INR', orders: 1, total: added(w.fromSecond.total) },
    ]);
    expect(await reports.purchasesByMonth({})).toEqual([
      { month: '2026-09', currency: 'INR', orders: 1, total: added(w.september.total) },
      { month: '2026-10', currency: 'INR', orders: 2, total: added(w.october.total, w.fromSecond.total) },
    ]);
    // The buyer sells nothing: its sales reports are empty, not someone else's.
    expect(await reports.salesByBuyer({})).toEqual([]);
    expect(await reports.salesByProduct({})).toEqual([]);
  });

  it('filters by date range and partner', async () => {
    const reports = w.buyer.members.staff.caller.reports;
    expect(await reports.purchasesBySupplier({ from: '2026-10-01', to: '2026-10-31' })).toEqual([
      expect.objectContaining({ partnerId: w.supplier.id, orders: 1, total: added(w.october.total) }),
      expect.objectContaining({ partnerId: w.second.id, orders: 1, total: added(w.fromSecond.total) }),
    ]);
    expect(await reports.purchasesByMonth({ partnerId: w.second.id })).toEqual([
      { month: '2026-10', currency: 'INR', orders: 1, total: added(w.fromSecond.total) },
    ]);
    expect(await reports.purchasesBySupplier({ to: '2026-09-30' })).toEqual([
      expect.objectContaining({ partnerId: w.supplier.id, orders: 1, total: added(w.september.total) }),
    ]);
    // Another company's trade stays invisible even when named as the partner.
    expect(await reports.purchasesBySupplier({ partnerId: w.foreign.id })).toEqual([]);
  });

  it('reports the supplier side: sales by buyer and by product, its foreign buyer included', async () => {
    const reports = w.supplier.members.viewer.caller.reports;
    const byBuyer = await reports.salesByBuyer({});
    expect(byBuyer).toEqual([
      { partnerId: w.buyer.id, partnerName: w.buyer.name, currency: 'INR', orders: 2, total: added(w.september.total, w.october.total) },
      { partnerId: w.foreign.id, partnerName: w.foreign.name, currency: 'INR', orders: 1, total: added(w.foreignOrder.total) },
    ]);
    const [yarn, ...others] = await reports.salesByProduct({});
    expect(others).toEqual([]);
    expect(yarn).toMatchObject({
      product: '30s combed yarn',
      unit: 'kg',
      quantity: '1800.000',
      orders: 3,
      total: added(w.september.total, w.october.total, w.foreignOrder.total),
    });
    expect(await reports.salesByBuyer({ partnerId: w.foreign.id, from: '2026-10-11', to: '2026-10-11' })).toEqual([byBuyer[1]]);
    expect(await w.second.members.viewer.caller.reports.salesByBuyer({})).toEqual([
      expect.objectContaining({ partnerId: w.buyer.id, orders: 1, total: added(w.fromSecond.total) }),
    ]);
  });

  it('measures the order cycle in days: median and 90th percentile of each step, on both sides', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Cycle');
    const order = () => sentOrder(buyer, supplier, { productId: product.id, quantity: '10', unitPrice: '265.50' });
    // All sent on day 0. Submitted → accepted in 1, 2 and 4 days; accepted → delivered in 2 and 4 days.
    const [first, second, third] = [await order(), await order(), await order()];
    let elapsed = 0;
    const onDay = async (day: number, step: () => Promise<void>) => {
      app.clock.advance(day * DAY - elapsed);
      elapsed = day * DAY;
      await step();
    };
    await onDay(1, () => first.accept());
    await onDay(2, () => second.accept());
    await onDay(3, () => first.shipAndDeliver());
    await onDay(4, () => third.accept());
    await onDay(6, () => second.shipAndDeliver());
    const expected = [
      { stage: 'submitted_to_accepted', orders: 3, medianDays: '2.0', p90Days: '3.6' },
      { stage: 'accepted_to_delivered', orders: 2, medianDays: '3.0', p90Days: '3.8' },
      { stage: 'submitted_to_delivered', orders: 2, medianDays: '4.5', p90Days: '5.7' },
    ];
    expect(await buyer.members.viewer.caller.reports.cycleTimes({ side: 'purchase' })).toEqual(expected);
    expect(await supplier.members.viewer.caller.reports.cycleTimes({ side: 'sales' })).toEqual(expected);
    expect(await buyer.members.viewer.caller.reports.cycleTimes({ side: 'sales' })).toEqual([
      { stage: 'submitted_to_accepted', orders: 0, medianDays: null, p90Days: null },
      { stage: 'accepted_to_delivered', orders: 0, medianDays: null, p90Days: null },
      { stage: 'submitted_to_delivered', orders: 0, medianDays: null, p90Days: null },
    ]);
  }, 120_000);

  it('refuses a range that ends before it starts, naming the field', async () => {
    const co = await createCompany(app, 'Range');
    const error = await failure(co.members.viewer.caller.reports.purchasesBySupplier({ from: '2026-10-01', to: '2026-09-01' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error).to).toEqual(['must not be before From']);
    expect(fieldErrors(await failure(co.members.viewer.caller.reports.cycleTimes({ side: 'purchase', from: 'soon' }))).from).toBeDefined();
  });

  it('needs orders:read: an API key without it is refused', async () => {
    const co = await createCompany(app, 'Scope');
    const { key } = await co.members.admin.caller.apiKeys.create({ name: 'Reader', scopes: ['company:read'] });
    expect((await failure(app.caller({ apiKey: key }).reports.purchasesBySupplier({}))).code).toBe('FORBIDDEN');
    expect((await failure(app.caller({ apiKey: key }).reports.overview())).code).toBe('FORBIDDEN');
    const { key: ordersKey } = await co.members.admin.caller.apiKeys.create({ name: 'Orders', scopes: ['orders:read'] });
    expect(await app.caller({ apiKey: ordersKey }).reports.purchasesBySupplier({})).toEqual([]);
    expect((await failure(app.caller({ apiKey: ordersKey }).reports.productionLoad({}))).code).toBe('FORBIDDEN');
  });
});

describe('overview figures', () => {
  it('shows open purchase and sales value per currency, matching the orders list filtered on open', async () => {
    const buyerView = await w.buyer.members.viewer.caller.reports.overview();
    expect(buyerView.openPurchases).toEqual([{ currency: 'INR', orders: 2, total: added(w.october.total, w.fromSecond.total) }]);
    expect(buyerView.openSales).toEqual([]);
    const listed = await w.buyer.members.viewer.caller.orders.totals({ side: 'purchase', status: 'open' });
    expect(listed).toEqual([{ currency: 'INR', count: 2, total: added(w.october.total, w.fromSecond.total) }]);
    const supplierView = await w.supplier.members.viewer.caller.reports.overview();
    expect(supplierView.openSales).toEqual([{ currency: 'INR', orders: 2, total: added(w.october.total, w.foreignOrder.total) }]);
  });

  it('counts production due this week, late work and the load per stage; the board agrees', async () => {
    const mill = await createCompany(app, 'Load');
    const today = app.clock.now().toISOString().slice(0, 10);
    const shift = (days: number) => new Date(Date.parse(today) + days * DAY).toISOString().slice(0, 10);
    const create = (input: { quantity: string; plannedStart: string; dueDate?: string }) =>
      mill.members.staff.caller.production.workOrders.create({
        description: 'Poplin',
        unit: 'm',
        operations: [{ name: 'Warping' }, { name: 'Weaving' }],
        ...input,
      });
    const running = await create({ quantity: '6000', plannedStart: '2026-09-03', dueDate: shift(2) });
    const released = await create({ quantity: '1000', plannedStart: '2026-10-01', dueDate: shift(-1) });
    const cancelled = await create({ quantity: '4000', plannedStart: '2026-10-02' });
    const [warping, weaving] =
      (await mill.members.staff.caller.production.workOrders.list({})).items.find((w) => w.id === running.id)?.operations ?? [];
    if (!warping || !weaving) throw new Error('the work order lost its operations');
    await mill.members.staff.caller.production.workOrders.update({ workOrderId: running.id, version: 1, action: 'release' });
    await mill.members.staff.caller.production.workOrders.update({
      workOrderId: running.id,
      version: 2,
      action: 'start',
      progress: [
        { operationId: warping.id, completedQuantity: '6000' },
        { operationId: weaving.id, completedQuantity: '1500' },
      ],
    });
    await mill.members.staff.caller.production.workOrders.update({ workOrderId: released.id, version: 1, action: 'release' });
    await mill.members.staff.caller.production.workOrders.update({ workOrderId: cancelled.id, version: 1, action: 'cancel' });

    const { production } = await mill.members.viewer.caller.reports.overview();
    expect(production).toEqual({
      dueThisWeek: 1,
      late: 1,
      load: [
        { stage: 'Warping', unit: 'm', remaining: '1000.000', workOrders: 1 },
        { stage: 'Weaving', unit: 'm', remaining: '5500.000', workOrders: 2 },
      ],
    });
    expect((await mill.members.viewer.caller.production.board()).load).toEqual(production?.load);
    expect(await mill.members.viewer.caller.reports.productionLoad({})).toEqual([
      { month: '2026-09', stage: 'Warping', unit: 'm', plannedQuantity: '6000.000', completedQuantity: '6000.000', openQuantity: '0.000' },
      {
        month: '2026-09',
        stage: 'Weaving',
        unit: 'm',
        plannedQuantity: '6000.000',
        completedQuantity: '1500.000',
        openQuantity: '4500.000',
      },
      { month: '2026-10', stage: 'Warping', unit: 'm', plannedQuantity: '1000.000', completedQuantity: '0.000', openQuantity: '1000.000' },
      { month: '2026-10', stage: 'Weaving', unit: 'm', plannedQuantity: '1000.000', completedQuantity: '0.000', openQuantity: '1000.000' },
    ]);
    expect(await mill.members.viewer.caller.reports.productionLoad({ from: '2026-10-01' })).toHaveLength(2);
    // Another company sees none of it.
    const other = await createCompany(app, 'OtherMill');
    expect((await other.members.viewer.caller.reports.overview()).production).toEqual({ dueThisWeek: 0, late: 0, load: [] });
    expect(await other.members.viewer.caller.reports.productionLoad({})).toEqual([]);
  }, 120_000);
});

import { calendarDate, weekOf } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { added } from './report-fixtures.ts';

// The overview's "due this week" and "late" figures and the orders list they open. This file has
// its own app: it moves the clock to a Sunday evening in UTC, which is already Monday in Kolkata.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
}, 120_000);
afterAll(() => app.close());

const DAY = 24 * 60 * 60 * 1000;

/** Moves the clock forward to the next Sunday 20:00 UTC (Monday 01:30 in Kolkata), at least an hour ahead. */
function toSundayEveningUtc() {
  const now = app.clock.now().getTime() + 60 * 60 * 1000;
  const target = new Date(now);
  target.setUTCHours(20, 0, 0, 0);
  target.setUTCDate(target.getUTCDate() + ((7 - target.getUTCDay()) % 7));
  if (target.getTime() < now) target.setUTCDate(target.getUTCDate() + 7);
  app.clock.advance(target.getTime() - app.clock.now().getTime());
}

const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** A purchase order from `buyer` with a requested delivery date, sent unless `draft`. */
async function orderDue(
  buyer: TestCompany,
  supplier: TestCompany,
  productId: string,
  input: { requestedDeliveryDate: string; quantity: string; draft?: boolean },
) {
  const created = await buyer.members.staff.caller.orders.create({
    supplierId: supplier.id,
    requestedDeliveryDate: input.requestedDeliveryDate,
    lines: [{ productId, quantity: input.quantity, unit: 'kg', unitPrice: '265.50' }],
  });
  let version = created.version;
  const step = async (by: TestCompany, action: 'submit' | 'accept' | 'ship' | 'deliver') => {
    const member = action === 'accept' ? by.members.manager : by.members.staff;
    version = (await member.caller.orders.transition({ orderId: created.id, action, version })).version;
  };
  if (!input.draft) await step(buyer, 'submit');
  return {
    id: created.id,
    total: created.total,
    deliver: async () => {
      await step(supplier, 'accept');
      await step(supplier, 'ship');
      await step(buyer, 'deliver');
    },
  };
}

const ids = (page: { items: { id: string }[] }) => page.items.map((order) => order.id).sort();

describe('the company calendar', () => {
  it('reads today in the company time zone and the week from Monday to Sunday', () => {
    expect(calendarDate(new Date('2026-11-29T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-30');
    expect(calendarDate(new Date('2026-11-29T20:00:00Z'), 'UTC')).toBe('2026-11-29');
    expect(weekOf('2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(weekOf('2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(weekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
});

describe('orders due this week and late deliveries', () => {
  it('counts open orders by requested delivery date on both sides, and the list they open shows exactly those orders', async () => {
    toSundayEveningUtc();
    const { buyer, supplier, product } = await tradingPair(app, 'Due');
    const other = await tradingPair(app, 'DueOther');
    // Another buyer of the same supplier: on the supplier's sales side only.
    const link = await other.buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });

    const monday = calendarDate(app.clock.now(), 'Asia/Kolkata');
    expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
    const order = (requestedDeliveryDate: string, quantity: string, draft?: boolean) =>
      orderDue(buyer, supplier, product.id, { requestedDeliveryDate, quantity, draft });
    // Monday in Kolkata while it is still Sunday in UTC: due this week, not next.
    const onMonday = await order(monday, '10');
    const onSunday = await order(shift(monday, 6), '20');
    const nextMonday = await order(shift(monday, 7), '40');
    const delivered = await order(shift(monday, 2), '80');
    await delivered.deliver();
    await order(shift(monday, 3), '160', true);
    const otherBuyers = await orderDue(other.buyer, supplier, product.id, { requestedDeliveryDate: shift(monday, 4), quantity: '5' });
    const otherTuesday = await orderDue(other.buyer, supplier, product.id, { requestedDeliveryDate: shift(monday, 1), quantity: '3' });

    const buyerView = await buyer.members.viewer.caller.reports.overview();
    expect(buyerView.week).toEqual({ from: monday, to: shift(monday, 6) });
    expect(buyerView.dueThisWeek).toEqual({
      purchases: [{ currency: 'INR', orders: 2, total: added(onMonday.total, onSunday.total) }],
      sales: [],
    });
    expect(buyerView.late).toEqual({ purchases: [], sales: [] });
    const supplierView = await supplier.members.viewer.caller.reports.overview();
    const supplierWeek = [onMonday, onSunday, otherBuyers, otherTuesday];
    expect(supplierView.dueThisWeek).toEqual({
      purchases: [],
      sales: [{ currency: 'INR', orders: 4, total: added(...supplierWeek.map((o) => o.total)) }],
    });

    const list = (company: TestCompany, side: 'purchase' | 'sales', due: 'thisWeek' | 'late') =>
      company.members.viewer.caller.orders.list({ side, due });
    expect(ids(await list(buyer, 'purchase', 'thisWeek'))).toEqual([onMonday.id, onSunday.id].sort());
    expect(ids(await list(supplier, 'sales', 'thisWeek'))).toEqual(supplierWeek.map((o) => o.id).sort());
    expect(await buyer.members.viewer.caller.orders.totals({ side: 'purchase', due: 'thisWeek' })).toEqual([
      { currency: 'INR', count: 2, total: added(onMonday.total, onSunday.total) },
    ]);
    // The explicit bounds narrow the named window.
    expect(ids(await buyer.members.viewer.caller.orders.list({ side: 'purchase', due: 'thisWeek', dueFrom: shift(monday, 1) }))).toEqual([
      onSunday.id,
    ]);
    expect(ids(await buyer.members.viewer.caller.orders.list({ side: 'purchase', dueFrom: shift(monday, 7) }))).toEqual([nextMonday.id]);

    // On Thursday, Monday's and Tuesday's open orders are late; the rest of the week is still due.
    app.clock.advance(3 * DAY);
    const lateView = await buyer.members.viewer.caller.reports.overview();
    expect(lateView.late.purchases).toEqual([{ currency: 'INR', orders: 1, total: added(onMonday.total) }]);
    expect(lateView.dueThisWeek.purchases).toEqual(buyerView.dueThisWeek.purchases);
    expect((await supplier.members.viewer.caller.reports.overview()).late.sales).toEqual([
      { currency: 'INR', orders: 2, total: added(onMonday.total, otherTuesday.total) },
    ]);
    expect(ids(await list(buyer, 'purchase', 'late'))).toEqual([onMonday.id]);
    expect(ids(await list(supplier, 'sales', 'late'))).toEqual([onMonday.id, otherTuesday.id].sort());
    expect(await supplier.members.viewer.caller.orders.totals({ side: 'sales', due: 'late' })).toEqual([
      { currency: 'INR', count: 2, total: added(onMonday.total, otherTuesday.total) },
    ]);

    // Nobody else's orders: another company sees none of them.
    const stranger = await createCompany(app, 'DueStranger');
    expect((await stranger.members.viewer.caller.reports.overview()).late).toEqual({ purchases: [], sales: [] });
    expect((await list(stranger, 'purchase', 'late')).items).toEqual([]);
  }, 240_000);

  it('refuses an unknown due filter or a malformed date, naming the field', async () => {
    const co = await createCompany(app, 'DueBad');
    const orders = co.members.viewer.caller.orders;
    const unknown = await failure(orders.list({ side: 'purchase', due: 'soon' as 'late' }));
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(fieldErrors(unknown).due).toBeDefined();
    expect(fieldErrors(await failure(orders.list({ side: 'sales', dueFrom: 'next week' }))).dueFrom).toBeDefined();
    expect(fieldErrors(await failure(orders.totals({ side: 'sales', dueTo: '2026-13-01' }))).dueTo).toBeDefined();
  });
});

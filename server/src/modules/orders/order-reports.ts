import type { Executor } from '@tradeloom/db';
import {
  type CycleTime,
  type MonthTotal,
  OPEN_ORDER_STATUSES,
  type PartnerTotal,
  type ProductTotal,
  type ReportRange,
  TRADED_ORDER_STATUSES,
} from '@tradeloom/shared';
import { sql } from 'kysely';
import { companyNameOf } from '../companies/company-reads.ts';
import { type DueWindow, dueWithin } from './order-due-dates.ts';

// The orders module's reports, for the reports module to serve: each is one grouped query over
// the orders this company holds a number for, on its own side (purchases as buyer, sales as
// supplier), ranged on the order date.

export type OrderSideName = 'purchase' | 'sales';

const PARTY = {
  purchase: { own: 'o.buyer_company_id', partner: 'o.supplier_company_id', number: 'o.buyer_number' },
  sales: { own: 'o.supplier_company_id', partner: 'o.buyer_company_id', number: 'o.supplier_number' },
} as const;

/** Our traded orders on one side within the range: the rows every report groups. */
function tradedOrders(db: Executor, companyId: string, side: OrderSideName, range: ReportRange) {
  const party = PARTY[side];
  let query = db
    .selectFrom('orders as o')
    .where(party.own, '=', companyId)
    // Without our number it is the other side's draft, not ours to see (the list's rule).
    .where(party.number, 'is not', null)
    .where('o.status', 'in', TRADED_ORDER_STATUSES);
  if (range.from) query = query.where('o.order_date', '>=', range.from);
  if (range.to) query = query.where('o.order_date', '<=', range.to);
  if (range.partnerId) query = query.where(party.partner, '=', range.partnerId);
  return query;
}

const moneyTotals = [sql<number>`count(*)::int`.as('orders'), sql<string>`sum(o.total)`.as('total')] as const;

async function byPartner(db: Executor, companyId: string, side: OrderSideName, range: ReportRange): Promise<PartnerTotal[]> {
  const partner = PARTY[side].partner;
  const rows = await db
    .selectFrom(
      tradedOrders(db, companyId, side, range)
        .select((eb) => [eb.ref(partner).as('partnerId'), 'o.currency', ...moneyTotals])
        .groupBy([partner, 'o.currency'])
        .as('g'),
    )
    // Names once per group, not once per order.
    .select((eb) => ['g.partnerId', companyNameOf(eb.ref('g.partnerId')).as('partnerName'), 'g.currency', 'g.orders', 'g.total'])
    .orderBy('g.total', 'desc')
    .orderBy('g.partnerId')
    .execute();
  return rows;
}

/** What we bought from each supplier, largest first. */
export function purchasesBySupplier(db: Executor, companyId: string, range: ReportRange) {
  return byPartner(db, companyId, 'purchase', range);
}

/** What each buyer bought from us, largest first. */
export function salesByBuyer(db: Executor, companyId: string, range: ReportRange) {
  return byPartner(db, companyId, 'sales', range);
}

/** What we bought per calendar month of the order date, oldest month first. */
export function purchasesByMonth(db: Executor, companyId: string, range: ReportRange): Promise<MonthTotal[]> {
  const month = sql<string>`to_char(date_trunc('month', o.order_date), 'YYYY-MM')`;
  return tradedOrders(db, companyId, 'purchase', range)
    .select([month.as('month'), 'o.currency', ...moneyTotals])
    .groupBy([month, 'o.currency'])
    .orderBy(month)
    .orderBy('o.currency')
    .execute();
}

/** What we sold of each product (a line without a product counts under its description), largest first. */
export function salesByProduct(db: Executor, companyId: string, range: ReportRange): Promise<ProductTotal[]> {
  const product = sql<string>`coalesce(l.product_id::text, l.description)`;
  return tradedOrders(db, companyId, 'sales', range)
    .innerJoin('order_lines as l', 'l.order_id', 'o.id')
    .select((eb) => [
      sql<string | null>`min(l.product_id::text)`.as('productId'),
      // The description a line carries is the product's name when it was ordered.
      eb.fn.min('l.description').as('product'),
      'l.unit',
      eb.fn.sum<string>('l.quantity').as('quantity'),
      'o.currency',
      sql<number>`count(distinct o.id)::int`.as('orders'),
      eb.fn.sum<string>('l.total').as('total'),
    ])
    .groupBy([product, 'l.unit', 'o.currency'])
    .orderBy('total', 'desc')
    .orderBy('product')
    .execute() as Promise<ProductTotal[]>;
}

const STEPS = [
  ['submitted_to_accepted', 'o.submitted_at', 'o.accepted_at'],
  ['accepted_to_delivered', 'o.accepted_at', 'o.delivered_at'],
  ['submitted_to_delivered', 'o.submitted_at', 'o.delivered_at'],
] as const;

/** Median and 90th percentile, in days, of each step of the order cycle, over orders that made it. */
export async function orderCycleTimes(db: Executor, companyId: string, side: OrderSideName, range: ReportRange): Promise<CycleTime[]> {
  const days = (from: string, to: string) => sql`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)})) / 86400`;
  const percentile = (fraction: number, from: string, to: string) =>
    sql<string | null>`round((percentile_cont(${sql.lit(fraction)}) within group (order by ${days(from, to)}))::numeric, 1)`;
  const row = await tradedOrders(db, companyId, side, range)
    .select(
      STEPS.flatMap(([stage, from, to]) => [
        sql<number>`count(${days(from, to)})::int`.as(`${stage}_orders`),
        percentile(0.5, from, to).as(`${stage}_median`),
        percentile(0.9, from, to).as(`${stage}_p90`),
      ]),
    )
    .executeTakeFirstOrThrow();
  const values = row as Record<string, string | number | null>;
  return STEPS.map(([stage]) => ({
    stage,
    orders: Number(values[`${stage}_orders`]),
    medianDays: values[`${stage}_median`] as string | null,
    p90Days: values[`${stage}_p90`] as string | null,
  }));
}

/**
 * Orders under way on one side (sent, not yet delivered) and their value, per currency; with a
 * window, only those whose requested delivery date falls in it (the orders list's due filters).
 */
export function openOrderValue(db: Executor, companyId: string, side: OrderSideName, due?: DueWindow) {
  const party = PARTY[side];
  let query = db
    .selectFrom('orders as o')
    .select(['o.currency', ...moneyTotals])
    .where(party.own, '=', companyId)
    .where(party.number, 'is not', null)
    .where('o.status', 'in', OPEN_ORDER_STATUSES);
  if (due) query = query.where(dueWithin(due));
  return query.groupBy('o.currency').orderBy('o.currency').execute();
}

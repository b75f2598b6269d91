import type { Database } from '@tradeloom/db';
import { OPEN_ORDER_STATUSES, type OrderFilters, type OrderListInput, type OrderSortKey } from '@tradeloom/shared';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, escapeLike, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { type DueWindow, dueWindowOf, dueWithin } from './order-due-dates.ts';

/** Our purchase orders (we buy) or sales orders (we sell) matching the filters, with the partner. */
function filteredOrders(db: Kysely<Database>, companyId: string, filters: OrderFilters, due: DueWindow | null) {
  const buying = filters.side === 'purchase';
  const own = buying ? 'o.buyer_company_id' : 'o.supplier_company_id';
  const partner = buying ? 'o.supplier_company_id' : 'o.buyer_company_id';
  const ownNumber = buying ? 'o.buyer_number' : 'o.supplier_number';
  let query = db
    .selectFrom('orders as o')
    .select((eb) => [
      'o.id',
      `${ownNumber} as number`,
      'o.status',
      'o.order_date as orderDate',
      'o.currency',
      'o.total',
      isoTimestamp(eb.ref('o.created_at')).as('createdAt'),
      eb.ref(partner).as('partnerId'),
      companyNameOf(eb.ref(partner)).as('partnerName'),
    ])
    .where(own, '=', companyId)
    // Without our number it is the other side's draft, not ours to see.
    .where(ownNumber, 'is not', null);
  if (filters.status === 'open') query = query.where('o.status', 'in', OPEN_ORDER_STATUSES);
  else if (filters.status) query = query.where('o.status', '=', filters.status);
  if (filters.partnerId) query = query.where(partner, '=', filters.partnerId);
  if (filters.from) query = query.where('o.order_date', '>=', filters.from);
  if (filters.to) query = query.where('o.order_date', '<=', filters.to);
  if (filters.minTotal) query = query.where('o.total', '>=', filters.minTotal);
  if (filters.maxTotal) query = query.where('o.total', '<=', filters.maxTotal);
  if (filters.search) query = query.where(ownNumber, 'ilike', `%${escapeLike(filters.search)}%`);
  if (due) query = query.where(dueWithin(due));
  return query;
}

/**
 * The value an order list sorts by, read on the row aliased `alias`: the same expression orders the
 * page and positions the cursor, so the two cannot disagree.
 */
function sortKey(sort: OrderSortKey, side: OrderFilters['side']) {
  const buying = side === 'purchase';
  return (alias: string): Expression<unknown> => {
    switch (sort) {
      case 'number':
        return sql.ref(`${alias}.${buying ? 'buyer_number' : 'supplier_number'}`);
      case 'orderDate':
        return sql.ref(`${alias}.order_date`);
      case 'total':
        return sql.ref(`${alias}.total`);
      case 'partner':
        return companyNameOf(sql.ref(`${alias}.${buying ? 'supplier_company_id' : 'buyer_company_id'}`));
      case 'created':
        return sql.ref(`${alias}.created_at`);
    }
  };
}

/** Keyset-paged, newest first unless another column is asked for; ties fall back to the id. */
export async function listOrders(ctx: ServiceContext, actor: CompanyActor, input: OrderListInput) {
  const key = sortKey(input.sort, input.side);
  const own = input.side === 'purchase' ? 'buyer_company_id' : 'supplier_company_id';
  const due = await dueWindowOf(ctx.deps.db, actor.companyId, ctx.deps.clock.now(), input);
  let query = filteredOrders(ctx.deps.db, actor.companyId, input, due)
    .orderBy(key('o'), input.sortDirection)
    .orderBy('o.id', input.sortDirection)
    .limit(input.limit + 1);
  if (input.cursor) {
    const scope = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.${own}`)} = ${actor.companyId}`;
    query = query.where(afterCursorRow(input.cursor, { name: 'orders', alias: 'o' }, key, input.sortDirection, scope));
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** How many orders match the same filters and what they add up to, per currency. */
export async function orderTotals(ctx: ServiceContext, actor: CompanyActor, filters: OrderFilters) {
  const due = await dueWindowOf(ctx.deps.db, actor.companyId, ctx.deps.clock.now(), filters);
  return ctx.deps.db
    .selectFrom(filteredOrders(ctx.deps.db, actor.companyId, filters, due).as('f'))
    .select((eb) => ['f.currency', eb.fn.countAll<number>().as('count'), eb.fn.sum<string>('f.total').as('total')])
    .groupBy('f.currency')
    .orderBy('f.currency')
    .execute();
}

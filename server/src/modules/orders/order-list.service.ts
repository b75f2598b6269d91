import type { Database } from '@tradeloom/db';
import { OPEN_ORDER_STATUSES, type OrderFilters, type OrderListInput } from '@tradeloom/shared';
import type { Kysely } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { escapeLike, olderThanCursorRow, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { companyNameOf } from '../companies/company-reads.ts';

/** Our purchase orders (we buy) or sales orders (we sell) matching the filters, with the partner. */
function filteredOrders(db: Kysely<Database>, companyId: string, filters: OrderFilters) {
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
  return query;
}

/** Newest first, keyset-paged. */
export async function listOrders(ctx: ServiceContext, actor: CompanyActor, input: OrderListInput) {
  let query = filteredOrders(ctx.deps.db, actor.companyId, input)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(input.limit + 1);
  if (input.cursor) query = query.where(olderThanCursorRow(input.cursor, 'orders', 'o'));
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** How many orders match the same filters and what they add up to, per currency. */
export function orderTotals(ctx: ServiceContext, actor: CompanyActor, filters: OrderFilters) {
  return ctx.deps.db
    .selectFrom(filteredOrders(ctx.deps.db, actor.companyId, filters).as('f'))
    .select((eb) => ['f.currency', eb.fn.countAll<number>().as('count'), eb.fn.sum<string>('f.total').as('total')])
    .groupBy('f.currency')
    .orderBy('f.currency')
    .execute();
}

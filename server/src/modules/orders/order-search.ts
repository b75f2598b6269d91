import type { Executor } from '@tradeloom/db';
import type { SearchHit } from '@tradeloom/shared';
import { sql } from 'kysely';
import { escapeLike } from '../../lib/cursor.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { visibleTo } from './orders.repository.ts';

/** Orders this company can see whose own number or partner's name contains the term; newest first. */
export async function searchOrders(db: Executor, companyId: string, term: string, limit: number): Promise<SearchHit[]> {
  const pattern = `%${escapeLike(term)}%`;
  // Our number and the partner are whichever side we are on.
  const ownNumber = sql<string>`CASE WHEN orders.buyer_company_id = ${companyId} THEN orders.buyer_number ELSE orders.supplier_number END`;
  const partner = sql<string>`CASE WHEN orders.buyer_company_id = ${companyId} THEN orders.supplier_company_id ELSE orders.buyer_company_id END`;
  const rows = await db
    .selectFrom('orders')
    .select(['orders.id', 'orders.status', ownNumber.as('number'), companyNameOf(partner).as('partnerName')])
    .where(visibleTo(companyId))
    .where((eb) => eb.or([eb(ownNumber, 'ilike', pattern), eb(companyNameOf(partner), 'ilike', pattern)]))
    .orderBy('orders.created_at', 'desc')
    .orderBy('orders.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.number,
    subtitle: `${row.partnerName} · ${row.status.replaceAll('_', ' ')}`,
    path: `/orders/${row.id}`,
  }));
}

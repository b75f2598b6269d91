import type { Executor } from '@tradeloom/db';
import type { SearchHit } from '@tradeloom/shared';
import { escapeLike } from '../../lib/cursor.ts';

/** Our work orders whose number or description contains the term; newest first. */
export async function searchWorkOrders(db: Executor, companyId: string, term: string, limit: number): Promise<SearchHit[]> {
  const pattern = `%${escapeLike(term)}%`;
  const rows = await db
    .selectFrom('work_orders as w')
    .select(['w.id', 'w.number', 'w.description', 'w.status'])
    .where('w.company_id', '=', companyId)
    .where((eb) => eb.or([eb('w.number', 'ilike', pattern), eb('w.description', 'ilike', pattern)]))
    .orderBy('w.created_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.number,
    subtitle: `${row.description} · ${row.status.replaceAll('_', ' ')}`,
    path: `/production/${row.id}`,
  }));
}

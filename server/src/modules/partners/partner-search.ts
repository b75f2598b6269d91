import type { Executor } from '@tradeloom/db';
import type { SearchHit } from '@tradeloom/shared';
import { sql } from 'kysely';
import { escapeLike } from '../../lib/cursor.ts';
import { companyNameOf } from '../companies/company-reads.ts';

/**
 * Companies we have a link with (in any state) whose name contains the term. An accepted supplier
 * opens its catalog; anyone else opens the partners list filtered to its name.
 */
export async function searchPartners(db: Executor, companyId: string, term: string, limit: number): Promise<SearchHit[]> {
  const pattern = `%${escapeLike(term)}%`;
  const partner = sql<string>`CASE WHEN l.buyer_company_id = ${companyId} THEN l.supplier_company_id ELSE l.buyer_company_id END`;
  const name = companyNameOf(partner);
  const rows = await db
    .selectFrom('partner_links as l')
    .select(['l.id', 'l.status', 'l.buyer_company_id as buyerId', partner.as('partnerId'), name.as('name')])
    .where((eb) => eb.or([eb('l.buyer_company_id', '=', companyId), eb('l.supplier_company_id', '=', companyId)]))
    .where(name, 'ilike', pattern)
    .orderBy(name)
    .orderBy('l.id')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const ourSupplier = row.buyerId === companyId;
    const role = ourSupplier ? 'Supplier' : 'Buyer';
    return {
      id: row.partnerId,
      title: row.name,
      subtitle: `${role} · ${row.status}`,
      path:
        ourSupplier && row.status === 'accepted'
          ? `/partners/${row.partnerId}/catalog`
          : `/partners?search=${encodeURIComponent(row.name)}`,
    };
  });
}

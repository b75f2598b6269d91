import type { Executor } from '@tradeloom/db';
import type { SearchHit } from '@tradeloom/shared';
import { sql } from 'kysely';
import { escapeLike } from '../../lib/cursor.ts';
import { companyNameOf } from '../companies/company-reads.ts';

/**
 * Tenders whose number or title contains the term: the buyer's own (drafts included) and those the
 * company is invited to once published (never a draft, never another invitee's); newest first.
 */
export async function searchTenders(db: Executor, companyId: string, term: string, limit: number): Promise<SearchHit[]> {
  const pattern = `%${escapeLike(term)}%`;
  const rows = await db
    .selectFrom('tenders')
    .select([
      'tenders.id',
      'tenders.number',
      'tenders.title',
      'tenders.status',
      'tenders.company_id',
      companyNameOf(sql.ref('tenders.company_id')).as('buyerName'),
    ])
    .where((eb) =>
      eb.or([
        eb('tenders.company_id', '=', companyId),
        eb.and([
          eb('tenders.status', '!=', 'draft'),
          eb.exists(
            eb
              .selectFrom('tender_invitations')
              .select('tender_invitations.id')
              .whereRef('tender_invitations.tender_id', '=', 'tenders.id')
              .where('tender_invitations.supplier_company_id', '=', companyId),
          ),
        ]),
      ]),
    )
    .where((eb) => eb.or([eb('tenders.number', 'ilike', pattern), eb('tenders.title', 'ilike', pattern)]))
    .orderBy('tenders.created_at', 'desc')
    .orderBy('tenders.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const own = row.company_id === companyId;
    return {
      id: row.id,
      title: `${row.number} · ${row.title}`,
      subtitle: own ? row.status : `${row.buyerName} · ${row.status}`,
      path: own ? `/tenders/${row.id}` : `/quote-requests/${row.id}`,
    };
  });
}

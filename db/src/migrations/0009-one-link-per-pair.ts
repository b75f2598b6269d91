import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// One live link between two companies, whichever of them is the buyer. The unique key on
// (buyer, supplier) let requests sent both ways at once create two opposite pending links.
// Only live links (pending, accepted, blocked) count: a denied, cancelled or unlinked link is
// history, and either company may ask again — the same row when it asks in the same direction.
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    -- Pairs that already hold two live links keep the one that says most (a block, then an
    -- accepted link, then a request; the older on a tie) and close the other, so the index fits.
    WITH ranked AS (
      SELECT id, status, row_number() OVER (
        PARTITION BY least(buyer_company_id, supplier_company_id), greatest(buyer_company_id, supplier_company_id)
        ORDER BY CASE status WHEN 'blocked' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END, created_at, id
      ) AS rank
      FROM partner_links
      WHERE status IN ('pending', 'accepted', 'blocked')
    )
    UPDATE partner_links AS l
    SET status = CASE ranked.status WHEN 'pending' THEN 'cancelled' ELSE 'unlinked' END,
        blocked_by = NULL,
        version = l.version + 1,
        updated_at = now()
    FROM ranked
    WHERE l.id = ranked.id AND ranked.rank > 1;

    CREATE UNIQUE INDEX partner_links_live_pair_idx
      ON partner_links (least(buyer_company_id, supplier_company_id), greatest(buyer_company_id, supplier_company_id))
      WHERE status IN ('pending', 'accepted', 'blocked');
    `,
  );
}

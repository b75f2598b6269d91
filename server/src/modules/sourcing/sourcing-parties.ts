import type { Executor } from '@tradeloom/db';

// Who takes part in a tender or a quote, for another module that keys records to them
// (conversations): the buyer, and the suppliers invited once the tender was published.

/** The tender's buyer, number, and its invitees once published (a draft was never shown to them). */
export async function findTenderParties(db: Executor, tenderId: string) {
  const tender = await db
    .selectFrom('tenders')
    .select(['company_id as buyerCompanyId', 'number', 'published_at as publishedAt'])
    .where('id', '=', tenderId)
    .executeTakeFirst();
  if (!tender) return undefined;
  const invitees = tender.publishedAt
    ? await db.selectFrom('tender_invitations').select('supplier_company_id').where('tender_id', '=', tenderId).execute()
    : [];
  return { buyerCompanyId: tender.buyerCompanyId, number: tender.number, inviteeIds: invitees.map((row) => row.supplier_company_id) };
}

/** A submitted (or since superseded or withdrawn) quote: its tender, buyer and supplier. A draft is the supplier's alone. */
export function findQuoteParties(db: Executor, quoteId: string) {
  return db
    .selectFrom('quotes as q')
    .innerJoin('tenders as t', 't.id', 'q.tender_id')
    .select(['q.tender_id as tenderId', 't.company_id as buyerCompanyId', 'q.supplier_company_id as supplierCompanyId', 't.number'])
    .where('q.id', '=', quoteId)
    .where('q.status', '!=', 'draft')
    .executeTakeFirst();
}

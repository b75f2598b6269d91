import type { Executor } from '@tradeloom/db';

// Who may download a file attached in sourcing (the files module asks): an invitee reads the
// tender's attachments once published; the buyer reads a quote's attachments only once the
// tender is unsealed (closed), never while its prices are sealed.

export async function isFileOfVisibleTender(db: Executor, fileId: string, companyId: string): Promise<boolean> {
  const onTender = await db
    .selectFrom('tender_attachments as a')
    .innerJoin('tenders as t', 't.id', 'a.tender_id')
    .innerJoin('tender_invitations as i', 'i.tender_id', 't.id')
    .select('a.file_id')
    .where('a.file_id', '=', fileId)
    .where('i.supplier_company_id', '=', companyId)
    // Published: a draft (or a draft cancelled before it opened) was never shown to invitees.
    .where('t.published_at', 'is not', null)
    .executeTakeFirst();
  if (onTender) return true;
  const onQuote = await db
    .selectFrom('quote_attachments as a')
    .innerJoin('quotes as q', 'q.id', 'a.quote_id')
    .innerJoin('tenders as t', 't.id', 'q.tender_id')
    .select('a.file_id')
    .where('a.file_id', '=', fileId)
    .where('t.company_id', '=', companyId)
    .where('q.status', '=', 'submitted')
    // Unsealed: the same rule as quotesSealed (closed once, and no longer open).
    .where('t.closed_at', 'is not', null)
    .where('t.status', 'in', ['closed', 'awarded', 'cancelled'])
    .executeTakeFirst();
  return onQuote !== undefined;
}

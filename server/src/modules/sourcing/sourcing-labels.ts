import { type Expression, type RawBuilder, sql } from 'kysely';

// How the audit log names sourcing records: by the tender's RFQ number (a quote and a question
// belong to one tender). Scalar subqueries for the audit module's select.

export function tenderNumberOf(tenderId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select tenders.number from tenders where tenders.id = ${tenderId})`;
}

export function quoteTenderNumberOf(quoteId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select t.number from quotes q join tenders t on t.id = q.tender_id where q.id = ${quoteId})`;
}

export function clarificationTenderNumberOf(clarificationId: Expression<string>): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select t.number from tender_clarifications c join tenders t on t.id = c.tender_id where c.id = ${clarificationId})`;
}

import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import { assertYearOpen, ensureFinancialYear } from './financial-years.service.ts';

/**
 * Allocates the next document number inside the caller's transaction, e.g. `PO-2026-000123`, or in
 * the tax-invoice style `INV-2026-27/000001` (the financial year's label) with `style: 'financialYear'`.
 * The counter row is locked by the upsert until commit, so concurrent creates queue up and a
 * rollback returns the number: unique and gapless per company, document type and financial year.
 */
export async function nextDocumentNumber(
  trx: Executor,
  input: { companyId: string; docType: string; date: string; style?: 'calendarYear' | 'financialYear' },
): Promise<string> {
  if (!trx.isTransaction) throw new Error('nextDocumentNumber must run inside the document’s transaction');
  const year = await ensureFinancialYear(trx, input.companyId, input.date);
  assertYearOpen(year, input.date);
  // The first number of a series creates its row; later ones count on from it.
  const row = await trx
    .insertInto('number_series')
    .values({ company_id: input.companyId, doc_type: input.docType, period_key: year.label, prefix: input.docType, next_value: 2 })
    .onConflict((oc) => oc.columns(['company_id', 'doc_type', 'period_key']).doUpdateSet({ next_value: sql`number_series.next_value + 1` }))
    .returning([sql<number>`next_value - 1`.as('value'), 'prefix'])
    .executeTakeFirstOrThrow();
  const serial = String(row.value).padStart(6, '0');
  if (input.style === 'financialYear') return `${row.prefix}-${year.label}/${serial}`;
  return `${row.prefix}-${year.starts_on.slice(0, 4)}-${serial}`;
}

export async function listNumberSeries(db: Executor, companyId: string) {
  return db
    .selectFrom('number_series')
    .select(['doc_type as docType', 'period_key as periodKey', 'prefix', 'next_value as nextValue'])
    .where('company_id', '=', companyId)
    .orderBy('period_key', 'desc')
    .orderBy('doc_type')
    .execute();
}

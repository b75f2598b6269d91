import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import { assertOpenPeriod, ensureFinancialYear } from './financial-years.service.ts';

/**
 * Allocates the next document number inside the caller's transaction, e.g. `PO-2026-000123`.
 * The counter row is locked by the UPDATE until commit, so concurrent creates queue up and a
 * rollback returns the number: unique and gapless per company, document type and financial year.
 */
export async function nextDocumentNumber(trx: Executor, input: { companyId: string; docType: string; date: string }): Promise<string> {
  if (!trx.isTransaction) throw new Error('nextDocumentNumber must run inside the document’s transaction');
  const company = await trx.selectFrom('companies').select('country').where('id', '=', input.companyId).executeTakeFirstOrThrow();
  await assertOpenPeriod(trx, input.companyId, input.date);
  const year = await ensureFinancialYear(trx, input.companyId, company.country, input.date);
  const periodKey = year.label;
  await trx
    .insertInto('number_series')
    .values({ company_id: input.companyId, doc_type: input.docType, period_key: periodKey, prefix: input.docType })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await trx
    .updateTable('number_series')
    .set({ next_value: sql`next_value + 1` })
    .where('company_id', '=', input.companyId)
    .where('doc_type', '=', input.docType)
    .where('period_key', '=', periodKey)
    .returning([sql<number>`next_value - 1`.as('value'), 'prefix'])
    .executeTakeFirstOrThrow();
  return formatDocumentNumber(row.prefix, year.starts_on.slice(0, 4), row.value);
}

export function formatDocumentNumber(prefix: string, yearLabel: string, value: number): string {
  return `${prefix}-${yearLabel}-${String(value).padStart(6, '0')}`;
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

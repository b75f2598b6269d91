import type { Executor } from '@tradeloom/db';
import type { ComparisonConversions, ComparisonQuote, TenderCriterion } from '@tradeloom/shared';
import { sql } from 'kysely';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { companyNameOf } from '../companies/company-reads.ts';

// What comparison, its CSV and award read of a buyer's tender: the tender with its conversions
// and criteria, its items, and every supplier's active (submitted) quote with its lines. Drafts,
// superseded and withdrawn revisions never enter a comparison.

/** The buyer's own tender, optionally locked for an award; another company's is NOT_FOUND. */
export async function findBuyerTender(db: Executor, tenderId: string, companyId: string, lock = false) {
  let query = db.selectFrom('tenders').selectAll().where('id', '=', tenderId).where('company_id', '=', companyId);
  if (lock) query = query.forUpdate();
  const tender = await query.executeTakeFirst();
  if (!tender) throw notFound('Tender');
  return {
    ...tender,
    criteria: tender.criteria as { criterion: TenderCriterion; weight: number }[],
    conversions: tender.conversions as ComparisonConversions,
  };
}
export type BuyerTenderRow = Awaited<ReturnType<typeof findBuyerTender>>;

export function tenderItems(db: Executor, tenderId: string) {
  return db
    .selectFrom('tender_items')
    .select(['id', 'line_no', 'product_id', 'description', 'quantity', 'unit', 'target_price', 'hsn_code', 'specification'])
    .where('tender_id', '=', tenderId)
    .orderBy('line_no')
    .execute();
}

/** Every supplier's active quote of the tender with its lines, in the order they were submitted. */
export async function activeQuotes(db: Executor, tenderId: string): Promise<ComparisonQuote[]> {
  const quotes = await db
    .selectFrom('quotes')
    .select([
      'id',
      'supplier_company_id',
      companyNameOf(sql.ref('quotes.supplier_company_id')).as('supplier_name'),
      'revision',
      isoTimestamp(sql.ref<Date>('quotes.submitted_at')).as('submitted_at'),
      'currency',
      'lead_time_days',
      'valid_until',
      'payment_terms',
      'payment_term_days',
    ])
    .where('tender_id', '=', tenderId)
    .where('status', '=', 'submitted')
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  const lines = quotes.length
    ? await db
        .selectFrom('quote_lines')
        .innerJoin('tender_items', 'tender_items.id', 'quote_lines.item_id')
        .select([
          'quote_lines.id',
          'quote_lines.quote_id',
          'quote_lines.item_id',
          'quote_lines.alternative_no',
          'quote_lines.description',
          'quote_lines.unit_price',
          'quote_lines.quantity',
          'quote_lines.unit',
          'quote_lines.freight_per_unit',
          'quote_lines.hsn_code',
          'quote_lines.tax_rate',
        ])
        .where(
          'quote_lines.quote_id',
          'in',
          quotes.map((q) => q.id),
        )
        .orderBy('tender_items.line_no')
        .orderBy('quote_lines.alternative_no')
        .execute()
    : [];
  return quotes.map((q) => ({
    quoteId: q.id,
    supplierId: q.supplier_company_id,
    supplierName: q.supplier_name,
    revision: q.revision,
    submittedAt: q.submitted_at,
    currency: q.currency,
    leadTimeDays: q.lead_time_days,
    validUntil: q.valid_until,
    paymentTerms: q.payment_terms ? { kind: q.payment_terms, days: q.payment_term_days } : null,
    lines: lines
      .filter((l) => l.quote_id === q.id)
      .map((l) => ({
        id: l.id,
        itemId: l.item_id,
        alternativeNo: l.alternative_no,
        description: l.description,
        unitPrice: l.unit_price,
        quantity: l.quantity,
        unit: l.unit,
        freightPerUnit: l.freight_per_unit,
        hsnCode: l.hsn_code,
        taxRate: l.tax_rate,
      })),
  }));
}

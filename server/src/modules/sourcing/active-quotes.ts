import type { Executor } from '@tradeloom/db';
import type { ComparisonConversions, ComparisonQuote, TenderCriterion } from '@tradeloom/shared';
import { notFound } from '../../trpc/errors.ts';
import { activeQuoteHeads, quoteTermsOf } from './tender-reads.ts';
import { findBuyerTender as buyerTenderQuery, lockBuyerTender } from './tender-records.ts';

// What comparison, its CSV and award read of a buyer's tender: the tender with its conversions
// and criteria, and every supplier's active (submitted) quote with its lines, through the same
// reads the tender page uses. Drafts, superseded and withdrawn revisions never enter a comparison.

/** The buyer's own tender (locked for a change), its JSON columns typed; another company's is NOT_FOUND. */
export async function findComparedTender(db: Executor, tenderId: string, companyId: string, lock = false) {
  const tender = lock ? await lockBuyerTender(db, tenderId, companyId) : await buyerTenderQuery(db, tenderId, companyId).executeTakeFirst();
  if (!tender) throw notFound('Tender');
  return {
    ...tender,
    criteria: tender.criteria as { criterion: TenderCriterion; weight: number }[],
    conversions: tender.conversions as ComparisonConversions,
  };
}

/**
 * Every supplier's active quote with its lines, in the order they were submitted. Callers check
 * the tender is unsealed first: this reads prices.
 */
export async function activeQuotes(db: Executor, tenderId: string): Promise<ComparisonQuote[]> {
  const heads = await activeQuoteHeads(db, tenderId);
  const terms = await quoteTermsOf(
    db,
    heads.map((q) => q.id),
  );
  return heads.flatMap((head) => {
    const content = terms.get(head.id);
    if (!content) return [];
    return [
      {
        quoteId: head.id,
        supplierId: head.supplierId,
        supplierName: head.supplierName,
        revision: head.revision,
        submittedAt: (head.submitted_at as Date).toISOString(),
        currency: content.currency,
        leadTimeDays: content.leadTimeDays,
        validUntil: content.validUntil,
        paymentTerms: content.paymentTerms,
        lines: content.lines,
      },
    ];
  });
}

import type { Executor } from '@tradeloom/db';
import { type ConversionsInput, compareQuotes, quotesSealed, type TenderComparison } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { appError } from '../../trpc/errors.ts';
import { recordChange } from '../events/record-change.ts';
import { activeQuotes, findComparedTender } from './active-quotes.ts';
import { tenderItemsOf } from './tender-reads.ts';

/** The refusal while quotes are sealed: it names no price, not even whether one exists. */
export function sealedRefusal() {
  return appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Quotes stay sealed until the tender closes.');
}

/** The comparison of a closed tender's active quotes, for the buyer only (procedure and CSV). */
export async function buildComparison(db: Executor, companyId: string, tenderId: string): Promise<TenderComparison> {
  const tender = await findComparedTender(db, tenderId, companyId);
  if (quotesSealed({ status: tender.status, closedAt: tender.closed_at })) throw sealedRefusal();
  const items = await tenderItemsOf(db, tender.id);
  const quotes = await activeQuotes(db, tender.id);
  const compared = compareQuotes({
    currency: tender.currency,
    criteria: tender.criteria,
    conversions: tender.conversions,
    items,
    quotes,
  });
  return {
    tenderId: tender.id,
    number: tender.number,
    currency: tender.currency,
    criteria: tender.criteria,
    conversions: tender.conversions,
    items,
    ...compared,
  };
}

export async function compareTender(ctx: ServiceContext, actor: CompanyActor, tenderId: string): Promise<TenderComparison> {
  return buildComparison(ctx.deps.db, actor.companyId, tenderId);
}

/** The buyer's rates and unit factors; they change the comparison, not a quote, so any time before cancel. */
export async function setConversions(ctx: ServiceContext, actor: CompanyActor, input: ConversionsInput): Promise<void> {
  await idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.setConversions', key: undefined, input }, async (trx) => {
    const tender = await findComparedTender(trx, input.tenderId, actor.companyId, true);
    if (tender.status === 'cancelled') throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'A cancelled tender is not compared.');
    const conversions = { currencies: input.currencies, units: input.units };
    await trx
      .updateTable('tenders')
      .set((eb) => ({ conversions: JSON.stringify(conversions), version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
      .where('id', '=', tender.id)
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'tender.conversions_changed',
      entityType: 'tender',
      entityId: tender.id,
      before: { currencies: tender.conversions.currencies, units: tender.conversions.units },
      after: conversions,
      // Only the buyer's screens refresh: suppliers never learn how they are compared.
      payload: { buyerCompanyId: actor.companyId, actorCompanyId: actor.companyId, recipients: [] },
    });
  });
}

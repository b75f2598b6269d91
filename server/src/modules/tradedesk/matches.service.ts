import { type OfferMatch, oppositeSide, scoreMatch } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notFound } from '../../trpc/errors.ts';
import { MATCH_CANDIDATE_CAP, matchableOf, matchLimitsFor, standingsOf } from './match-inputs.ts';
import { selectOfferSummaries, toOfferSummary } from './offer-reads.ts';
import { LIVE_OFFER_STATUSES } from './offer-records.ts';

// `tradedesk.matches`: the opposite-side offers that fit one offer, best first, scored in TS
// (shared `scoreMatch`) over the newest candidates the caller may see.

/** An offer summary query with what scoring reads of the offer's lot. */
function selectMatchRows(ctx: ServiceContext, viewerCompanyId: string) {
  return selectOfferSummaries(ctx.deps.db, viewerCompanyId).select([
    'ol.quality as lot_quality',
    'ol.state_code as lot_state_code',
    'ol.city as lot_city',
  ]);
}

export async function findMatches(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { offerId: string; limit: number },
): Promise<OfferMatch[]> {
  const { db } = ctx.deps;
  const offer = await selectMatchRows(ctx, actor.companyId).where('o.id', '=', input.offerId).executeTakeFirst();
  if (!offer) throw notFound('Offer');
  const candidates = await selectMatchRows(ctx, actor.companyId)
    .where('o.side', '=', oppositeSide(offer.side))
    .where('o.commodity_code', '=', offer.commodity_code)
    .where('o.status', 'in', LIVE_OFFER_STATUSES)
    .where('o.valid_until', '>', ctx.deps.clock.now())
    // Never the caller's own offers, nor the offer owner's other side: no one trades with itself.
    .where('o.company_id', 'not in', [actor.companyId, offer.company_id])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(MATCH_CANDIDATE_CAP)
    .execute();
  if (candidates.length === 0) return [];
  const limits = await matchLimitsFor(db, offer.company_id, offer.commodity_code);
  const standing = await standingsOf(
    db,
    candidates.map((row) => ({ id: row.company_id, verified: row.company_verified ?? false })),
  );
  const subject = matchableOf(offer);
  return candidates
    .map((row) => {
      const { score, factors } = scoreMatch(subject, matchableOf(row), { limits, standing: standing(row.company_id) });
      return { offerId: row.id, score, factors, offer: toOfferSummary(row, actor.companyId) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, input.limit);
}

import { type Executor, inTransaction, type Tx } from '@tradeloom/db';
import { MATCH_NOTIFY_THRESHOLD, type MatchContext, oppositeSide, scoreMatch } from '@tradeloom/shared';
import { z } from 'zod';
import type { RequestMeta } from '../../deps.ts';
import type { Clock } from '../../lib/clock.ts';
import { companyVerifiedOf } from '../companies/company-reads.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import { emitEvent } from '../events/events.service.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { MATCH_CANDIDATE_CAP, matchableOf, matchLimitsFor, standingsOf } from './match-inputs.ts';
import { LIVE_OFFER_STATUSES, selectVisibleOffers } from './offer-records.ts';

// A new offer that fits existing ones tells their owners: when an offer is posted, a job scores it
// against the live opposite offers; each owner whose offer scores at or above the threshold and
// who may see the new offer is told once (`trade_match_notices` holds the pair), and the new
// offer's owner is told of its best match among the offers it may see.

export const TRADEDESK_MATCH_QUEUE = 'tradedesk.match';
export const TRADEDESK_MATCH_EVENTS = ['trade_offer.created'] as const;

const jobPayload = z.object({ eventId: z.number() });

function selectScoringRows(db: Executor) {
  return db
    .selectFrom('trade_offers as o')
    .leftJoin('lots as ol', 'ol.id', 'o.lot_id')
    .select([
      'o.id',
      'o.number',
      'o.company_id',
      'o.side',
      'o.commodity_code',
      'o.status',
      'o.valid_until',
      'o.remaining_quantity',
      'o.unit',
      'o.price',
      'o.currency',
      'o.price_unit',
      'o.quality',
      'o.delivery_state_code',
      'o.delivery_city',
      'o.delivery_from',
      'o.delivery_to',
      'ol.quality as lot_quality',
      'ol.state_code as lot_state_code',
      'ol.city as lot_city',
    ])
    .select((eb) => companyVerifiedOf(eb.ref('o.company_id')).as('company_verified'));
}
type ScoringRow = Awaited<ReturnType<ReturnType<typeof selectScoringRows>['execute']>>[number];

/**
 * Records that `offer`'s owner was told of `matched` and emits `trade_offer.matched` to it, once
 * per pair: a second run (a retried job, the other offer's own job) inserts nothing and tells no one.
 */
async function tellOnce(trx: Tx, request: RequestMeta, offer: ScoringRow, matched: ScoringRow, score: number): Promise<boolean> {
  const inserted = await trx
    .insertInto('trade_match_notices')
    .values({ offer_id: offer.id, matched_offer_id: matched.id, score })
    .onConflict((oc) => oc.columns(['offer_id', 'matched_offer_id']).doNothing())
    .returning('offer_id')
    .executeTakeFirst();
  if (!inserted) return false;
  await emitEvent(trx, null, request, {
    type: 'trade_offer.matched',
    companyId: offer.company_id,
    entityType: 'trade_offer',
    entityId: offer.id,
    audience: [offer.company_id],
    payload: {
      actorCompanyId: matched.company_id,
      recipients: [offer.company_id],
      document: offer.number,
      score,
      matchedOfferId: matched.id,
    },
  });
  return true;
}

/** Scores a newly posted offer against the desk and tells the owners of strong matches; returns how many were told. */
export async function notifyMatches(db: Executor, clock: Clock, request: RequestMeta, offerId: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const posted = await selectScoringRows(trx).where('o.id', '=', offerId).executeTakeFirst();
    if (!posted || !(LIVE_OFFER_STATUSES as readonly string[]).includes(posted.status) || posted.valid_until <= now) return 0;
    const candidates = await selectScoringRows(trx)
      .where('o.side', '=', oppositeSide(posted.side))
      .where('o.commodity_code', '=', posted.commodity_code)
      .where('o.status', 'in', LIVE_OFFER_STATUSES)
      .where('o.valid_until', '>', now)
      .where('o.company_id', '!=', posted.company_id)
      .orderBy('o.created_at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(MATCH_CANDIDATE_CAP)
      .execute();
    if (candidates.length === 0) return 0;

    const standing = await standingsOf(
      trx,
      [posted, ...candidates].map((row) => ({ id: row.company_id, verified: row.company_verified ?? false })),
    );
    // Each owner scores with its own masters' allowed ranges.
    const limits = new Map<string, Promise<MatchContext['limits']>>();
    const limitsOf = (companyId: string) => {
      let found = limits.get(companyId);
      if (!found) {
        found = matchLimitsFor(trx, companyId, posted.commodity_code);
        limits.set(companyId, found);
      }
      return found;
    };
    // Who may see what, by the one visibility rule: an owner who cannot see the new offer is not told of it.
    const owners = [...new Set(candidates.map((row) => row.company_id))];
    const seeing = new Set<string>();
    for (const owner of owners) {
      const visible = await selectVisibleOffers(trx, owner).select('o.id').where('o.id', '=', posted.id).executeTakeFirst();
      if (visible) seeing.add(owner);
    }
    const visibleToPoster = new Set(
      (
        await selectVisibleOffers(trx, posted.company_id)
          .select('o.id')
          .where(
            'o.id',
            'in',
            candidates.map((row) => row.id),
          )
          .execute()
      ).map((row) => row.id),
    );

    const postedOffer = matchableOf(posted);
    let told = 0;
    let best: { row: ScoringRow; score: number } | undefined;
    for (const row of candidates) {
      const candidate = matchableOf(row);
      if (seeing.has(row.company_id)) {
        const { score } = scoreMatch(candidate, postedOffer, {
          limits: await limitsOf(row.company_id),
          standing: standing(posted.company_id),
        });
        if (score >= MATCH_NOTIFY_THRESHOLD && (await tellOnce(trx, request, row, posted, score))) told += 1;
      }
      if (visibleToPoster.has(row.id)) {
        const { score } = scoreMatch(postedOffer, candidate, {
          limits: await limitsOf(posted.company_id),
          standing: standing(row.company_id),
        });
        if (!best || score > best.score) best = { row, score };
      }
    }
    if (best && best.score >= MATCH_NOTIFY_THRESHOLD && (await tellOnce(trx, request, posted, best.row, best.score))) told += 1;
    return told;
  });
}

export function matchNotifyHandler(db: Executor, clock: Clock): JobHandler {
  return {
    async run(raw, job) {
      const { eventId } = jobPayload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (event.type !== 'trade_offer.created') return;
      await notifyMatches(db, clock, { requestId: `job-${TRADEDESK_MATCH_QUEUE}-${job.id}`, ip: null, userAgent: null }, event.entity_id);
    },
  };
}

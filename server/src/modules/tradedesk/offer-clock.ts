import { type Executor, inTransaction } from '@tradeloom/db';
import type { RequestMeta } from '../../deps.ts';
import type { Clock } from '../../lib/clock.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { recordChange } from '../events/record-change.ts';
import { releaseLot } from './lot-records.ts';
import { announceDeskChange, announceEndedNegotiations, endOpenNegotiations, LIVE_OFFER_STATUSES } from './offer-records.ts';

// The validity clock: a schedule queues a job every minute, and the job expires every live offer
// whose validity has passed. One conditional UPDATE … RETURNING: when two processes (or a retried
// job) run it at once, each offer is returned to exactly one of them and expires once. Negotiations
// are refused from the validity on anyway (transitionOffer's pastValidity); the clock tidies up.

export const OFFER_CLOCK_QUEUE = 'tradedesk.offer-clock';

/** No person or API key acts: the audit row has no actor, the request id names the clock. */
const CLOCK_ACTOR = { userId: null, apiKeyId: null };
const EXPIRED = 'The offer expired.';

/** Expires the offers due at `clock.now()`; returns their ids. */
export async function expireDueOffers(db: Executor, clock: Clock, request: RequestMeta): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const expired = await trx
      .updateTable('trade_offers')
      .set((eb) => ({ status: 'expired', expired_at: now, version: eb('version', '+', 1), updated_at: now }))
      .where('status', 'in', LIVE_OFFER_STATUSES)
      .where('valid_until', '<=', now)
      .returning(['id', 'company_id', 'number', 'commodity_code', 'lot_id', 'status', 'valid_until'])
      .execute();
    for (const offer of expired) {
      const ended = await endOpenNegotiations(trx, offer.id, 'cancelled', EXPIRED, now);
      await announceEndedNegotiations(trx, CLOCK_ACTOR, request, offer, offer.company_id, ended, EXPIRED);
      if (offer.lot_id) await releaseLot(trx, offer.lot_id, now);
      const counterparties = ended.map((negotiation) => negotiation.counterpartyCompanyId);
      await recordChange(trx, CLOCK_ACTOR, request, {
        companyId: offer.company_id,
        action: 'trade_offer.expired',
        entityType: 'trade_offer',
        entityId: offer.id,
        after: { status: 'expired', validUntil: offer.valid_until.toISOString(), negotiationsEnded: ended.length },
        audience: [offer.company_id, ...counterparties],
        // The owner hears its offer expired; the negotiations' counterparties were told above.
        payload: { actorCompanyId: offer.company_id, recipients: [offer.company_id], document: offer.number },
      });
    }
    // One refresh per commodity, however many of its offers expired.
    const byCommodity = new Map(expired.map((offer) => [offer.commodity_code, offer]));
    for (const offer of byCommodity.values()) await announceDeskChange(trx, null, request, offer);
    return expired.map((offer) => offer.id);
  });
}

export function offerClockHandler(db: Executor, clock: Clock): JobHandler {
  return {
    async run(_payload, job) {
      await expireDueOffers(db, clock, { requestId: `job-${OFFER_CLOCK_QUEUE}-${job.id}`, ip: null, userAgent: null });
    },
  };
}

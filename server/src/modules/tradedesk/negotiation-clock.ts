import { type Executor, inTransaction } from '@tradeloom/db';
import type { RequestMeta } from '../../deps.ts';
import type { Clock } from '../../lib/clock.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { recordNegotiationChange } from './negotiation-records.ts';
import { announceDeskChange, lockOffer, settleOfferStatus } from './offer-records.ts';

// The negotiation clock: a schedule queues a job every minute, and the job expires every open
// negotiation past its expiry. Per offer, under the offer's lock (the lock order of every
// negotiation change), one conditional UPDATE returns each negotiation to exactly one runner, so
// two processes (or a retried job) expire it once. Counter and accept refuse past the expiry
// anyway; the clock ends it and tells both parties.

export const NEGOTIATION_CLOCK_QUEUE = 'tradedesk.negotiation-clock';

/** Expires the negotiations due at `clock.now()`; returns their ids. */
export async function expireDueNegotiations(db: Executor, clock: Clock, request: RequestMeta): Promise<string[]> {
  const now = clock.now();
  const due = await db
    .selectFrom('negotiations')
    .select('offer_id')
    .distinct()
    .where('status', '=', 'open')
    .where('expires_at', '<=', now)
    .execute();
  const expired: string[] = [];
  for (const { offer_id } of due) {
    const ids = await inTransaction(db, async (trx) => {
      const offer = await lockOffer(trx, offer_id);
      if (!offer) return [];
      const rows = await trx
        .updateTable('negotiations')
        .set({ status: 'expired', ended_at: now, end_reason: 'No answer before the expiry.', updated_at: now })
        .where('offer_id', '=', offer_id)
        .where('status', '=', 'open')
        .where('expires_at', '<=', now)
        .returning(['id', 'owner_company_id', 'counterparty_company_id', 'current_version'])
        .execute();
      for (const negotiation of rows) {
        await recordNegotiationChange(trx, request, {
          action: 'negotiation.expired',
          negotiation,
          document: offer.number,
          actorCompanyId: null,
          actor: { userId: null },
          before: { status: 'open' },
          after: { status: 'expired', version: negotiation.current_version },
        });
      }
      if (rows.length) {
        await settleOfferStatus(trx, offer_id, now);
        await announceDeskChange(trx, null, request, offer);
      }
      return rows.map((row) => row.id);
    });
    expired.push(...ids);
  }
  return expired;
}

export function negotiationClockHandler(db: Executor, clock: Clock): JobHandler {
  return {
    async run(_payload, job) {
      await expireDueNegotiations(db, clock, { requestId: `job-${NEGOTIATION_CLOCK_QUEUE}-${job.id}`, ip: null, userAgent: null });
    },
  };
}

import { type Executor, inTransaction } from '@tradeloom/db';
import type { RequestMeta } from '../../deps.ts';
import type { Clock } from '../../lib/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';
import type { JobHandler } from '../events/job-runner.ts';

// The deadline clock: a schedule queues a job every minute, and the job closes every open tender
// whose deadline has passed. The close is one conditional UPDATE, so when two processes (or a
// retried job) run it at once, each tender is returned to exactly one of them and closes once.
// Quotes are refused from the deadline on anyway (quotingAllowed); the clock unseals them.

export const TENDER_CLOCK_QUEUE = 'sourcing.tender-clock';

/** No person or API key acts: the audit row has no actor, the request id names the clock. */
const CLOCK_ACTOR = { userId: null, apiKeyId: null };

/** Closes the tenders due at `clock.now()`; returns their ids. */
export async function closeDueTenders(db: Executor, clock: Clock, request: RequestMeta): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const closed = await trx
      .updateTable('tenders')
      .set((eb) => ({ status: 'closed', close_reason: 'deadline', closed_at: now, version: eb('version', '+', 1), updated_at: now }))
      .where('status', '=', 'open')
      .where('closes_at', '<=', now)
      .returning(['id', 'company_id', 'number', 'closes_at'])
      .execute();
    for (const tender of closed) {
      const invitees = await trx
        .selectFrom('tender_invitations')
        .select('supplier_company_id')
        .where('tender_id', '=', tender.id)
        .execute();
      const recipients = [tender.company_id, ...invitees.map((invitee) => invitee.supplier_company_id)];
      await recordAudit(trx, CLOCK_ACTOR, request, {
        companyId: tender.company_id,
        action: 'tender.closed',
        entityType: 'tender',
        entityId: tender.id,
        before: { status: 'open' },
        after: { status: 'closed', reason: 'deadline', closesAt: tender.closes_at.toISOString() },
      });
      await emitEvent(trx, null, request, {
        type: 'tender.closed',
        companyId: tender.company_id,
        entityType: 'tender',
        entityId: tender.id,
        audience: recipients,
        payload: { buyerCompanyId: tender.company_id, actorCompanyId: tender.company_id, recipients, document: tender.number },
      });
    }
    return closed.map((tender) => tender.id);
  });
}

export function tenderClockHandler(db: Executor, clock: Clock): JobHandler {
  return {
    async run(_payload, job) {
      await closeDueTenders(db, clock, { requestId: `job-${TENDER_CLOCK_QUEUE}-${job.id}`, ip: null, userAgent: null });
    },
  };
}

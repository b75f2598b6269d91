import { type Executor, inTransaction } from '@tradeloom/db';
import { ROLE_PERMISSIONS } from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import type { Clock } from '../../lib/clock.ts';
import { activeMembersOf } from '../companies/company-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { notify } from '../notifications/engine.ts';
import { recordComplaintChange } from './complaint-changes.ts';

// The complaints' clock: a schedule queues a job every few minutes that (1) escalates every open
// complaint whose first response or resolution deadline has passed, and (2) reminds whoever must
// act of a deadline due within 4 hours. The escalation is one conditional UPDATE, so two
// processes (or a retried job) each get a complaint at most once; the reminder is deduplicated
// per person, complaint and deadline by notify().

export const SLA_CLOCK_QUEUE = 'support.sla-clock';

/** No person acts: the audit row and the event name no user; the supplier's log holds them. */
const CLOCK_ACTOR = { userId: null, apiKeyId: null };
const REMIND_WITHIN_MS = 4 * 3_600_000;

/** Escalates the complaints overdue at `clock.now()`; returns their ids. */
export async function escalateOverdueComplaints(db: Executor, clock: Clock, request: RequestMeta): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const escalated = await trx
      .updateTable('complaints')
      .set((eb) => ({
        escalated_at: now,
        // The first response missed is named first: it is the earlier promise.
        escalation_reason: eb
          .case()
          .when(eb.and([eb('first_responded_at', 'is', null), eb('first_response_due_at', '<=', now)]))
          .then('first_response_sla' as const)
          .else('resolution_sla' as const)
          .end(),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('status', 'in', ['open', 'in_review'])
      .where('escalated_at', 'is', null)
      .where((eb) =>
        eb.or([eb.and([eb('first_responded_at', 'is', null), eb('first_response_due_at', '<=', now)]), eb('resolution_due_at', '<=', now)]),
      )
      .returning(['id', 'number', 'status', 'buyer_company_id', 'supplier_company_id', 'escalation_reason'])
      .execute();
    for (const complaint of escalated) {
      const reason = complaint.escalation_reason ?? 'resolution_sla';
      await recordComplaintChange(trx, request, complaint, {
        name: 'escalated',
        companyId: complaint.supplier_company_id,
        actor: CLOCK_ACTOR,
        body: reason === 'first_response_sla' ? 'The first response deadline passed.' : 'The resolution deadline passed.',
        fromStatus: complaint.status,
        toStatus: complaint.status,
        after: { status: complaint.status, escalationReason: reason },
        reason,
        at: now,
      });
    }
    return escalated.map((complaint) => complaint.id);
  });
}

type Deadline = 'first_response' | 'resolution';

/** Reminds the assignee (or, with nobody assigned, the supplier's managers) of deadlines due within 4 hours. */
export async function remindDueComplaints(db: Executor, clock: Clock): Promise<number> {
  return inTransaction(db, async (trx) => {
    const now = clock.now();
    const soon = new Date(now.getTime() + REMIND_WITHIN_MS);
    const due = await trx
      .selectFrom('complaints')
      .select([
        'id',
        'number',
        'supplier_company_id',
        'assignee_user_id',
        'first_response_due_at',
        'resolution_due_at',
        'first_responded_at',
      ])
      .where('status', 'in', ['open', 'in_review'])
      .where((eb) =>
        eb.or([
          eb.and([eb('first_responded_at', 'is', null), eb('first_response_due_at', '>', now), eb('first_response_due_at', '<=', soon)]),
          eb.and([eb('resolution_due_at', '>', now), eb('resolution_due_at', '<=', soon)]),
        ]),
      )
      .orderBy('id')
      .execute();
    let sent = 0;
    const managers = new Map<string, string[]>();
    for (const complaint of due) {
      const inWindow = (at: Date) => at > now && at <= soon;
      const deadlines: Deadline[] = [];
      if (!complaint.first_responded_at && inWindow(complaint.first_response_due_at)) deadlines.push('first_response');
      if (inWindow(complaint.resolution_due_at)) deadlines.push('resolution');
      let userIds = complaint.assignee_user_id ? [complaint.assignee_user_id] : managers.get(complaint.supplier_company_id);
      if (!userIds) {
        const members = await activeMembersOf(trx, complaint.supplier_company_id);
        userIds = members.filter((member) => ROLE_PERMISSIONS[member.role].has('support:manage')).map((member) => member.userId);
        managers.set(complaint.supplier_company_id, userIds);
      }
      for (const deadline of deadlines) {
        await notify(trx, {
          companyId: complaint.supplier_company_id,
          kind: 'reminder.complaint_sla_due',
          title:
            deadline === 'first_response'
              ? `Complaint ${complaint.number} needs a first response within 4 hours`
              : `Complaint ${complaint.number} is due to be resolved within 4 hours`,
          linkPath: `/complaints/${complaint.id}`,
          entityType: 'complaint',
          entityId: complaint.id,
          document: complaint.number,
          // One reminder per complaint and deadline, however often the clock ticks.
          dedupeKey: `reminder:complaint_sla_due:${complaint.id}:${deadline}`,
          userIds,
        });
        sent += 1;
      }
    }
    return sent;
  });
}

export function slaClockHandler(db: Executor, clock: Clock): JobHandler {
  return {
    async run(_payload, job) {
      await escalateOverdueComplaints(db, clock, { requestId: `job-${SLA_CLOCK_QUEUE}-${job.id}`, ip: null, userAgent: null });
      await remindDueComplaints(db, clock);
    },
  };
}

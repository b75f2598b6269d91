import type { Executor } from '@tradeloom/db';
import type { ComplaintStatus, EscalationReason } from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';
import { insertEntry } from './complaint-records.ts';

// Every change to a complaint leaves the same three traces in its own transaction: a timeline
// entry, an audit row in the acting company's log and a `complaint.*` event for both parties.

export type ComplaintChangeName = 'filed' | 'assigned' | 'escalated' | 'resolved' | 'rejected' | 'reopened' | 'noted';

export interface ComplaintChange {
  name: ComplaintChangeName;
  /** The company that acted (the supplier for the clock) and the person, if any. */
  companyId: string;
  actor: { userId: string | null; apiKeyId?: string | null };
  body?: string;
  /** An internal note: only the writer's company reads it, and only it hears of it. */
  internal?: boolean;
  fromStatus: ComplaintStatus;
  toStatus: ComplaintStatus;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  assigneeUserId?: string;
  reason?: EscalationReason;
  at: Date;
}

const ENTRY_KIND = {
  filed: 'filed',
  assigned: 'assigned',
  escalated: 'escalated',
  resolved: 'resolved',
  rejected: 'rejected',
  reopened: 'reopened',
  noted: 'note',
} as const;

export async function recordComplaintChange(
  trx: Executor,
  request: RequestMeta,
  complaint: { id: string; buyer_company_id: string; supplier_company_id: string; number: string },
  change: ComplaintChange,
): Promise<void> {
  const statusChanged = change.fromStatus !== change.toStatus || change.name === 'filed';
  await insertEntry(trx, {
    complaintId: complaint.id,
    companyId: change.companyId,
    userId: change.actor.userId,
    kind: ENTRY_KIND[change.name],
    body: change.body,
    internal: change.internal,
    fromStatus: statusChanged && change.name !== 'filed' ? change.fromStatus : null,
    toStatus: statusChanged ? change.toStatus : null,
    at: change.at,
  });
  await recordAudit(trx, change.actor, request, {
    companyId: change.companyId,
    action: `complaint.${change.name}`,
    entityType: 'complaint',
    entityId: complaint.id,
    before: change.before ?? (change.name === 'filed' ? undefined : { status: change.fromStatus }),
    after: change.after ?? { status: change.toStatus },
  });
  const parties = [complaint.buyer_company_id, complaint.supplier_company_id];
  await emitEvent(trx, change.actor.userId, request, {
    type: `complaint.${change.name}`,
    companyId: change.companyId,
    entityType: 'complaint',
    entityId: complaint.id,
    audience: change.internal ? [change.companyId] : parties,
    payload: {
      buyerCompanyId: complaint.buyer_company_id,
      supplierCompanyId: complaint.supplier_company_id,
      actorCompanyId: change.companyId,
      document: complaint.number,
      assigneeUserId: change.assigneeUserId,
      reason: change.reason,
      internal: change.internal,
    },
  });
}

import { type Database, inTransaction, type Tx } from '@tradeloom/db';
import {
  COMPLAINT_STATUS_LABELS,
  type ComplaintAction,
  type ComplaintSide,
  type ComplaintStatus,
  complaintStep,
  formatMoney,
  RESOLUTION_KIND_LABELS,
  type ResolutionKind,
  ROLE_PERMISSIONS,
} from '@tradeloom/shared';
import type { Updateable } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { findMembershipStanding } from '../companies/company-reads.ts';
import { recordComplaintChange } from './complaint-changes.ts';
import { type ComplaintRow, insertEvidence, lockComplaint, sideOf } from './complaint-records.ts';
import { assertOwnFiles } from './evidence-files.ts';

// What the parties do to a complaint once filed. Each change locks the row, checks the version
// the caller read (where it names one) and asks the shared machine whether this side may take
// this step now; an illegal one is a CONFLICT with the machine's reason.

type Changed = { id: string; status: ComplaintStatus; version: number };

const WRONG_SIDE_MESSAGES: Partial<Record<ComplaintAction, string>> = {
  assign: 'Only the supplier assigns a complaint.',
  resolve: 'Only the supplier resolves a complaint.',
  reject: 'Only the supplier rejects a complaint.',
  reopen: 'Only the buyer that filed a complaint reopens it.',
};

const DONE: Record<ComplaintAction, string> = {
  assign: 'assigned',
  escalate: 'escalated',
  resolve: 'resolved',
  reject: 'rejected',
  reopen: 'reopened',
  note: 'noted',
};

interface Step {
  trx: Tx;
  row: ComplaintRow;
  side: ComplaintSide;
  next: ComplaintStatus;
  now: Date;
}

/** Locks the complaint, checks version and machine, then runs `work` in the same transaction. */
function withStep<T>(
  ctx: ServiceContext,
  actor: CompanyActor,
  target: { complaintId: string; version?: number; action: ComplaintAction },
  work: (step: Step) => Promise<T>,
): Promise<T> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const row = await lockComplaint(trx, target.complaintId, actor.companyId);
    if (!row) throw notFound('Complaint');
    if (target.version !== undefined && row.version !== target.version) throw staleVersion('complaint');
    const side = sideOf(row, actor.companyId);
    const now = ctx.deps.clock.now();
    const step = complaintStep(row.status, target.action, side, { now, closedAt: row.closed_at, escalated: row.escalated_at !== null });
    if (!step.ok) {
      const status = COMPLAINT_STATUS_LABELS[row.status].toLowerCase();
      const message =
        step.reason === 'WRONG_SIDE'
          ? (WRONG_SIDE_MESSAGES[target.action] ?? 'The other side makes this change.')
          : step.reason === 'REOPEN_WINDOW_PASSED'
            ? 'A complaint can be reopened only within 14 days of being closed.'
            : target.action === 'escalate' && row.escalated_at
              ? 'This complaint is already escalated.'
              : `A complaint that is ${status} cannot be ${DONE[target.action]}.`;
      throw appError('CONFLICT', step.reason, message);
    }
    return work({ trx, row, side, next: step.status, now });
  });
}

async function saveComplaint(
  trx: Tx,
  row: ComplaintRow,
  set: Updateable<Database['complaints']>,
  now: Date,
  bump = true,
): Promise<Changed> {
  return trx
    .updateTable('complaints')
    .set((eb) => ({ ...set, updated_at: now, ...(bump ? { version: eb('version', '+', 1) } : {}) }))
    .where('id', '=', row.id)
    .returning(['id', 'status', 'version'])
    .executeTakeFirstOrThrow();
}

/** The supplier hands the complaint to one of its people who can work complaints; it is then in review. */
export function assignComplaint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { complaintId: string; assigneeUserId: string; version: number },
): Promise<Changed> {
  return withStep(ctx, actor, { ...input, action: 'assign' }, async ({ trx, row, next, now }) => {
    const standing = await findMembershipStanding(trx, row.supplier_company_id, input.assigneeUserId);
    if (!standing || standing.disabledAt || !ROLE_PERMISSIONS[standing.role].has('support:write')) {
      throw appError(
        'CONFLICT',
        'ASSIGNEE_NOT_MEMBER',
        'The person to assign must be an active member of your company who handles complaints.',
      );
    }
    const changed = await saveComplaint(
      trx,
      row,
      // Taking ownership is the supplier's first response.
      { status: next, assignee_user_id: input.assigneeUserId, first_responded_at: row.first_responded_at ?? now },
      now,
    );
    await recordComplaintChange(trx, ctx.request, row, {
      name: 'assigned',
      companyId: actor.companyId,
      actor,
      fromStatus: row.status,
      toStatus: next,
      before: { status: row.status, assigneeUserId: row.assignee_user_id },
      after: { status: next, assigneeUserId: input.assigneeUserId },
      assigneeUserId: input.assigneeUserId,
      at: now,
    });
    return changed;
  });
}

/** Either side hands the complaint to the supplier's managers, once; the note says why. */
export function escalateComplaint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { complaintId: string; note?: string },
): Promise<Changed> {
  return withStep(ctx, actor, { ...input, action: 'escalate' }, async ({ trx, row, next, now }) => {
    const changed = await saveComplaint(trx, row, { escalated_at: now, escalation_reason: 'manual' }, now);
    await recordComplaintChange(trx, ctx.request, row, {
      name: 'escalated',
      companyId: actor.companyId,
      actor,
      body: input.note ?? '',
      fromStatus: row.status,
      toStatus: next,
      after: { status: next, escalationReason: 'manual' },
      reason: 'manual',
      at: now,
    });
    return changed;
  });
}

function resolutionText(kind: ResolutionKind, creditAmount: string | null, currency: string): string {
  return kind === 'credit_note' && creditAmount
    ? `${RESOLUTION_KIND_LABELS[kind]} of ${formatMoney(creditAmount, currency)}`
    : RESOLUTION_KIND_LABELS[kind];
}

/** The supplier settles the complaint: a replacement, a credit note for an amount, or nothing, with its note. */
export function resolveComplaint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { complaintId: string; version: number; resolution: ResolutionKind; creditAmount?: string; note: string },
): Promise<Changed> {
  return withStep(ctx, actor, { ...input, action: 'resolve' }, async ({ trx, row, next, now }) => {
    const creditAmount = input.resolution === 'credit_note' ? (input.creditAmount ?? null) : null;
    const changed = await saveComplaint(
      trx,
      row,
      {
        status: next,
        closed_at: now,
        resolution_kind: input.resolution,
        credit_amount: creditAmount,
        resolution_note: input.note,
        first_responded_at: row.first_responded_at ?? now,
      },
      now,
    );
    await recordComplaintChange(trx, ctx.request, row, {
      name: 'resolved',
      companyId: actor.companyId,
      actor,
      body: `${resolutionText(input.resolution, creditAmount, row.currency)}: ${input.note}`,
      fromStatus: row.status,
      toStatus: next,
      after: { status: next, resolution: input.resolution, creditAmount },
      at: now,
    });
    return changed;
  });
}

/** The supplier turns the complaint down, saying why. */
export function rejectComplaint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { complaintId: string; version: number; reason: string },
): Promise<Changed> {
  return withStep(ctx, actor, { ...input, action: 'reject' }, async ({ trx, row, next, now }) => {
    const changed = await saveComplaint(trx, row, { status: next, closed_at: now, first_responded_at: row.first_responded_at ?? now }, now);
    await recordComplaintChange(trx, ctx.request, row, {
      name: 'rejected',
      companyId: actor.companyId,
      actor,
      body: input.reason,
      fromStatus: row.status,
      toStatus: next,
      at: now,
    });
    return changed;
  });
}

/**
 * The buyer reopens a closed complaint within 14 days: back in review with the same assignee.
 * What had been agreed is cleared from the record; the timeline keeps it in the reopening entry.
 */
export function reopenComplaint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { complaintId: string; version: number; reason: string },
): Promise<Changed> {
  return withStep(ctx, actor, { ...input, action: 'reopen' }, async ({ trx, row, next, now }) => {
    const changed = await saveComplaint(
      trx,
      row,
      {
        status: next,
        closed_at: null,
        resolution_kind: null,
        credit_amount: null,
        resolution_note: null,
        reopen_count: row.reopen_count + 1,
      },
      now,
    );
    const was = row.resolution_kind
      ? `Was ${COMPLAINT_STATUS_LABELS[row.status].toLowerCase()}: ${resolutionText(row.resolution_kind, row.credit_amount, row.currency)}${row.resolution_note ? ` — ${row.resolution_note}` : ''}`
      : `Was ${COMPLAINT_STATUS_LABELS[row.status].toLowerCase()}`;
    await recordComplaintChange(trx, ctx.request, row, {
      name: 'reopened',
      companyId: actor.companyId,
      actor,
      body: `${input.reason}\n\n${was}`,
      fromStatus: row.status,
      toStatus: next,
      before: {
        status: row.status,
        resolution: row.resolution_kind,
        creditAmount: row.credit_amount,
        closedAt: row.closed_at?.toISOString(),
      },
      after: { status: next, reopenCount: row.reopen_count + 1 },
      at: now,
    });
    return changed;
  });
}

/**
 * A note on the timeline: shared with the other party, or internal to the writer's company. The
 * supplier's first shared note is its first response. A note changes no terms, so it leaves the
 * version alone (a pending resolve is not made stale by a comment).
 */
export function addComplaintNote(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { complaintId: string; body: string; internal: boolean; fileIds: string[] },
): Promise<Changed> {
  return withStep(ctx, actor, { ...input, action: 'note' }, async ({ trx, row, side, next, now }) => {
    const fileIds = [...new Set(input.fileIds)];
    // Evidence is shown to both parties, so an internal note cannot carry files.
    if (input.internal && fileIds.length) throw invalidFields({ fileIds: 'cannot be attached to an internal note' });
    await assertOwnFiles(trx, actor.companyId, fileIds, 'fileIds');
    await insertEvidence(trx, row.id, actor.companyId, fileIds, now);
    const responds = side === 'supplier' && !input.internal && row.first_responded_at === null;
    const changed = await saveComplaint(trx, row, responds ? { first_responded_at: now } : {}, now, false);
    await recordComplaintChange(trx, ctx.request, row, {
      name: 'noted',
      companyId: actor.companyId,
      actor,
      body: input.body,
      internal: input.internal,
      fromStatus: row.status,
      toStatus: next,
      after: { status: next, internal: input.internal, files: fileIds.length },
      at: now,
    });
    return changed;
  });
}

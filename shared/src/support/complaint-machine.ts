// A complaint's life as a pure function: (status, action, side) → next status, or why not. The
// server applies it inside the transaction that changes the row; the app reads it to show only
// the buttons that can work.

export const COMPLAINT_STATUSES = ['open', 'in_review', 'resolved', 'rejected'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  open: 'Open',
  in_review: 'In review',
  resolved: 'Resolved',
  rejected: 'Rejected',
};

export const COMPLAINT_ACTIONS = ['assign', 'escalate', 'resolve', 'reject', 'reopen', 'note'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];
/** The buyer files and may reopen; the supplier assigns, resolves and rejects; either escalates or writes notes. */
export type ComplaintSide = 'buyer' | 'supplier';

/** Days after resolving or rejecting during which the buyer may reopen. */
export const REOPEN_DAYS = 14;

export type ComplaintStep =
  | { ok: true; status: ComplaintStatus }
  | { ok: false; reason: 'ILLEGAL_TRANSITION' | 'WRONG_SIDE' | 'REOPEN_WINDOW_PASSED' };

const OPEN: readonly ComplaintStatus[] = ['open', 'in_review'];
const CLOSED: readonly ComplaintStatus[] = ['resolved', 'rejected'];

const SIDE_OF: Record<ComplaintAction, ComplaintSide | 'either'> = {
  assign: 'supplier',
  escalate: 'either',
  resolve: 'supplier',
  reject: 'supplier',
  reopen: 'buyer',
  note: 'either',
};

/** When the step is taken, and what of the complaint besides its status decides it. */
export interface ComplaintMoment {
  now: Date;
  closedAt: Date | null;
  /** Escalated already (by hand or by the clock): a second escalation changes nothing. */
  escalated?: boolean;
}

/**
 * The next status after `action` by `side`. Assigning moves an open complaint into review;
 * escalating (once) and notes keep the status; resolve and reject close it; the buyer may reopen
 * a closed complaint within 14 days of `closedAt` (into review, with the same assignee).
 */
export function complaintStep(
  status: ComplaintStatus,
  action: ComplaintAction,
  side: ComplaintSide,
  at: ComplaintMoment = { now: new Date(), closedAt: null },
): ComplaintStep {
  const allowed = SIDE_OF[action];
  if (allowed !== 'either' && allowed !== side) return { ok: false, reason: 'WRONG_SIDE' };
  switch (action) {
    case 'note':
      return { ok: true, status };
    case 'assign':
      return OPEN.includes(status) ? { ok: true, status: 'in_review' } : { ok: false, reason: 'ILLEGAL_TRANSITION' };
    case 'escalate':
      return OPEN.includes(status) && !at.escalated ? { ok: true, status } : { ok: false, reason: 'ILLEGAL_TRANSITION' };
    case 'resolve':
      return OPEN.includes(status) ? { ok: true, status: 'resolved' } : { ok: false, reason: 'ILLEGAL_TRANSITION' };
    case 'reject':
      return OPEN.includes(status) ? { ok: true, status: 'rejected' } : { ok: false, reason: 'ILLEGAL_TRANSITION' };
    case 'reopen': {
      if (!CLOSED.includes(status) || !at.closedAt) return { ok: false, reason: 'ILLEGAL_TRANSITION' };
      const deadline = at.closedAt.getTime() + REOPEN_DAYS * 86_400_000;
      return at.now.getTime() <= deadline ? { ok: true, status: 'in_review' } : { ok: false, reason: 'REOPEN_WINDOW_PASSED' };
    }
  }
}

/** The actions `side` could take on a complaint now (the app's buttons; permissions apart). */
export function complaintActions(status: ComplaintStatus, side: ComplaintSide, at: ComplaintMoment): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((action) => complaintStep(status, action, side, at).ok);
}

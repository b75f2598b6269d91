// A tender and a quote as pure functions: (state, action, context) → next state or a refusal.
// The server enforces them; the app shows only the actions they allow.

export const TENDER_STATUSES = ['draft', 'open', 'closed', 'awarded', 'cancelled'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

export const TENDER_ACTIONS = ['edit', 'invite', 'publish', 'extend', 'close', 'award', 'cancel'] as const;
export type TenderAction = (typeof TENDER_ACTIONS)[number];

export const TENDER_STATUS_LABELS: Record<TenderStatus, string> = {
  draft: 'Draft',
  open: 'Open for quotes',
  closed: 'Closed',
  awarded: 'Awarded',
  cancelled: 'Cancelled',
};

export interface TenderState {
  status: TenderStatus;
  /** The deadline has passed (the clock may not have closed the tender yet). */
  pastDeadline: boolean;
  /** Every invitee has submitted a quote or declined. */
  everyInviteeAnswered: boolean;
}

export type TenderRefusal = 'ILLEGAL_TRANSITION' | 'DEADLINE_PASSED' | 'INVITEES_PENDING';
export type TenderTransition = { ok: true; next: TenderStatus } | { ok: false; reason: TenderRefusal };

const to = (next: TenderStatus): TenderTransition => ({ ok: true, next });
const refuse = (reason: TenderRefusal): TenderTransition => ({ ok: false, reason });

export function transitionTender(state: TenderState, action: TenderAction): TenderTransition {
  const { status } = state;
  switch (action) {
    case 'edit':
      return status === 'draft' ? to('draft') : refuse('ILLEGAL_TRANSITION');
    case 'invite':
      if (status === 'draft') return to('draft');
      if (status !== 'open') return refuse('ILLEGAL_TRANSITION');
      return state.pastDeadline ? refuse('DEADLINE_PASSED') : to('open');
    case 'publish':
      return status === 'draft' ? to('open') : refuse('ILLEGAL_TRANSITION');
    case 'extend':
      if (status !== 'open') return refuse('ILLEGAL_TRANSITION');
      return state.pastDeadline ? refuse('DEADLINE_PASSED') : to('open');
    case 'close':
      // The clock closes at the deadline; the buyer early only once every invitee has answered.
      if (status !== 'open') return refuse('ILLEGAL_TRANSITION');
      return state.pastDeadline || state.everyInviteeAnswered ? to('closed') : refuse('INVITEES_PENDING');
    case 'award':
      return status === 'closed' ? to('awarded') : refuse('ILLEGAL_TRANSITION');
    case 'cancel':
      return status === 'draft' || status === 'open' || status === 'closed' ? to('cancelled') : refuse('ILLEGAL_TRANSITION');
  }
}

/** The actions the buyer may take now, for the screen. */
export function allowedTenderActions(state: TenderState): TenderAction[] {
  return TENDER_ACTIONS.filter((action) => transitionTender(state, action).ok);
}

export const QUOTE_STATUSES = ['draft', 'submitted', 'superseded', 'withdrawn'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/**
 * Whether a supplier may still submit, revise or withdraw: only while the tender is open and its
 * deadline has not passed (a quote a second late is refused even before the clock closes it).
 */
export function quotingAllowed(
  tender: { status: TenderStatus; closesAt: Date },
  now: Date,
): { ok: true } | { ok: false; reason: 'TENDER_NOT_OPEN' | 'DEADLINE_PASSED' } {
  if (tender.status !== 'open') return { ok: false, reason: 'TENDER_NOT_OPEN' };
  if (tender.closesAt.getTime() <= now.getTime()) return { ok: false, reason: 'DEADLINE_PASSED' };
  return { ok: true };
}

/**
 * Sealed: until the tender closes, the buyer learns who quoted and when, never a price or term. A
 * tender cancelled while open never closed, so its quotes stay sealed for good.
 */
export function quotesSealed(tender: { status: TenderStatus; closedAt: Date | null }): boolean {
  return tender.closedAt === null || tender.status === 'draft' || tender.status === 'open';
}

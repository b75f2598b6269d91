// A partner link between a buyer and a supplier, as a pure function the server enforces and the
// app uses to offer only legal actions. One link per (buyer, supplier) pair; the buyer asks.

export const LINK_STATUSES = ['pending', 'accepted', 'denied', 'blocked', 'unlinked', 'cancelled'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const LINK_ACTIONS = ['request', 'accept', 'deny', 'block', 'cancel', 'unlink', 'unblock'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export type LinkSide = 'buyer' | 'supplier';

export interface LinkState {
  status: LinkStatus;
  blockedBy: LinkSide | null;
}

export type LinkRefusal = 'LINK_EXISTS' | 'LINK_BLOCKED' | 'ILLEGAL_TRANSITION' | 'WRONG_SIDE';

export type LinkTransition = { ok: true; next: LinkState } | { ok: false; reason: LinkRefusal };

const refuse = (reason: LinkRefusal): LinkTransition => ({ ok: false, reason });
const to = (status: LinkStatus, blockedBy: LinkSide | null = null): LinkTransition => ({ ok: true, next: { status, blockedBy } });

/** `current` is null when the two companies have never been linked. */
export function transitionLink(current: LinkState | null, action: LinkAction, side: LinkSide): LinkTransition {
  const status = current?.status ?? null;
  switch (action) {
    case 'request':
      if (side !== 'buyer') return refuse('WRONG_SIDE');
      if (status === 'blocked') return refuse('LINK_BLOCKED');
      if (status === 'pending' || status === 'accepted') return refuse('LINK_EXISTS');
      return to('pending');
    case 'accept':
    case 'deny':
      if (side !== 'supplier') return refuse('WRONG_SIDE');
      if (status !== 'pending') return refuse('ILLEGAL_TRANSITION');
      return to(action === 'accept' ? 'accepted' : 'denied');
    case 'cancel':
      if (side !== 'buyer') return refuse('WRONG_SIDE');
      if (status !== 'pending') return refuse('ILLEGAL_TRANSITION');
      return to('cancelled');
    case 'unlink':
      if (status !== 'accepted') return refuse('ILLEGAL_TRANSITION');
      return to('unlinked');
    case 'block':
      // The supplier may block a request; either side may block an existing or past link.
      if (status === 'blocked' || status === null) return refuse('ILLEGAL_TRANSITION');
      if ((status === 'pending' || status === 'cancelled') && side !== 'supplier') return refuse('WRONG_SIDE');
      return to('blocked', side);
    case 'unblock':
      if (status !== 'blocked') return refuse('ILLEGAL_TRANSITION');
      if (current?.blockedBy !== side) return refuse('WRONG_SIDE');
      return to('unlinked');
  }
}

/** The actions one side may take now: the app shows exactly these buttons. */
export function availableLinkActions(current: LinkState | null, side: LinkSide): LinkAction[] {
  return LINK_ACTIONS.filter((action) => transitionLink(current, action, side).ok);
}

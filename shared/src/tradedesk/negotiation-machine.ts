// Offers and negotiations as pure functions: (state, action, actor) → next state or a refusal.
// The server enforces them; the desk shows only the actions they allow.

export const OFFER_SIDES = ['buy', 'sell'] as const;
export type OfferSide = (typeof OFFER_SIDES)[number];
export const oppositeSide = (side: OfferSide): OfferSide => (side === 'buy' ? 'sell' : 'buy');

export const OFFER_STATUSES = ['open', 'negotiating', 'closed', 'withdrawn', 'expired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  open: 'Open',
  negotiating: 'Negotiating',
  closed: 'Closed (deal)',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

/** An offer still on the desk: others may see it, negotiate on it and deal. */
export const isLiveOffer = (status: OfferStatus): boolean => status === 'open' || status === 'negotiating';

/**
 * The status a live offer settles to after a negotiation opens or ends: closed once nothing is
 * left, negotiating while any negotiation runs, open otherwise.
 */
export function liveOfferStatus(input: { remainingIsZero: boolean; openNegotiations: number }): OfferStatus {
  if (input.remainingIsZero) return 'closed';
  return input.openNegotiations > 0 ? 'negotiating' : 'open';
}

export type OfferAction = 'negotiate' | 'withdraw' | 'expire';
export type OfferRefusal = 'OFFER_NOT_OPEN' | 'OWN_OFFER' | 'WRONG_SIDE';
export type OfferTransition = { ok: true; next: OfferStatus } | { ok: false; reason: OfferRefusal };

/**
 * `negotiate`: another company opens a negotiation (never the owner; never past validity).
 * `withdraw`: the owner takes the offer off the desk. `expire`: the clock, at validity.
 */
export function transitionOffer(
  offer: { status: OfferStatus; pastValidity: boolean },
  action: OfferAction,
  actor: 'owner' | 'other' | 'system',
): OfferTransition {
  if (!isLiveOffer(offer.status)) return { ok: false, reason: 'OFFER_NOT_OPEN' };
  switch (action) {
    case 'negotiate':
      if (actor === 'owner') return { ok: false, reason: 'OWN_OFFER' };
      return offer.pastValidity ? { ok: false, reason: 'OFFER_NOT_OPEN' } : { ok: true, next: 'negotiating' };
    case 'withdraw':
      return actor === 'owner' ? { ok: true, next: 'withdrawn' } : { ok: false, reason: 'WRONG_SIDE' };
    case 'expire':
      return actor === 'system' ? { ok: true, next: 'expired' } : { ok: false, reason: 'WRONG_SIDE' };
  }
}

export const NEGOTIATION_STATUSES = ['open', 'accepted', 'rejected', 'expired', 'cancelled'] as const;
export type NegotiationStatus = (typeof NEGOTIATION_STATUSES)[number];

export const NEGOTIATION_STATUS_LABELS: Record<NegotiationStatus, string> = {
  open: 'Open',
  accepted: 'Accepted (deal)',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export const NEGOTIATION_ACTIONS = ['counter', 'accept', 'reject', 'cancel', 'expire'] as const;
export type NegotiationAction = (typeof NEGOTIATION_ACTIONS)[number];

/**
 * Who acts, seen from the current version: `responder` is the side that did not propose it (its
 * turn), `proposer` the side that did, `system` the clock or the offer's end.
 */
export type NegotiationActor = 'responder' | 'proposer' | 'system';

export type NegotiationRefusal = 'ILLEGAL_TRANSITION' | 'NOT_YOUR_TURN' | 'NEGOTIATION_EXPIRED' | 'WRONG_SIDE';
export type NegotiationTransition = { ok: true; next: NegotiationStatus } | { ok: false; reason: NegotiationRefusal };

const to = (next: NegotiationStatus): NegotiationTransition => ({ ok: true, next });
const refuse = (reason: NegotiationRefusal): NegotiationTransition => ({ ok: false, reason });

/**
 * Rounds alternate: only the responder counters, accepts or rejects the current version. Either
 * party may call it off (`cancel`), and so may the system when the offer ends; only the clock
 * expires it, once past its expiry. Past its expiry nobody may counter or accept, even before the clock runs.
 */
export function transitionNegotiation(
  state: { status: NegotiationStatus; pastExpiry: boolean },
  action: NegotiationAction,
  actor: NegotiationActor,
): NegotiationTransition {
  if (state.status !== 'open') return refuse('ILLEGAL_TRANSITION');
  switch (action) {
    case 'counter':
    case 'accept':
    case 'reject':
      if (actor === 'system') return refuse('WRONG_SIDE');
      if (actor === 'proposer') return refuse('NOT_YOUR_TURN');
      if (state.pastExpiry) return refuse('NEGOTIATION_EXPIRED');
      return to(action === 'counter' ? 'open' : action === 'accept' ? 'accepted' : 'rejected');
    case 'cancel':
      return to('cancelled');
    case 'expire':
      if (actor !== 'system') return refuse('WRONG_SIDE');
      // The clock ends a negotiation only once its time is up.
      return state.pastExpiry ? to('expired') : refuse('ILLEGAL_TRANSITION');
  }
}

/** The actions a party may take now, for the screen. */
export function allowedNegotiationActions(
  state: { status: NegotiationStatus; pastExpiry: boolean },
  actor: Exclude<NegotiationActor, 'system'>,
): NegotiationAction[] {
  return NEGOTIATION_ACTIONS.filter((action) => action !== 'expire' && transitionNegotiation(state, action, actor).ok);
}

// The order shared by buyer and supplier, as a pure function: (state, action, actor) → next state
// or a refusal. The server enforces it; the app shows only the actions it allows.

import type { Permission } from '../permissions.ts';

export const ORDER_STATUSES = [
  'draft',
  'pending_approval',
  'submitted',
  'accepted',
  'rejected',
  'in_progress',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['submit', 'approve', 'accept', 'reject', 'start', 'ship', 'deliver', 'complete', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export type OrderSide = 'buyer' | 'supplier';

export interface OrderActor {
  side: OrderSide;
  /** Whether the actor's company created the order (its side drafts and submits it). */
  isCreatorSide: boolean;
  /** May approve orders above the company's threshold (manager and up). */
  canApprove: boolean;
  /** Whether this user is the one who submitted it: nobody approves their own order. */
  isSubmitter: boolean;
  /**
   * The partner is an unclaimed counterparty (not on Tradeloom): it cannot act, so the creating
   * side records its steps as well (the supplier's acceptance and shipment, say).
   */
  partnerOffline?: boolean;
}

export interface OrderState {
  status: OrderStatus;
  /** The creating company requires approval for this order's amount. */
  needsApproval: boolean;
}

export type OrderRefusal = 'ILLEGAL_TRANSITION' | 'WRONG_SIDE' | 'NEEDS_APPROVER' | 'SELF_APPROVAL';
export type OrderTransition = { ok: true; next: OrderStatus } | { ok: false; reason: OrderRefusal };

const to = (next: OrderStatus): OrderTransition => ({ ok: true, next });
const refuse = (reason: OrderRefusal): OrderTransition => ({ ok: false, reason });

export function transitionOrder(state: OrderState, action: OrderAction, actor: OrderActor): OrderTransition {
  const own = decide(state, action, actor);
  if (own.ok || !actor.partnerOffline || own.reason !== 'WRONG_SIDE') return own;
  return decide(state, action, { ...actor, side: actor.side === 'buyer' ? 'supplier' : 'buyer', isCreatorSide: !actor.isCreatorSide });
}

function decide(state: OrderState, action: OrderAction, actor: OrderActor): OrderTransition {
  const { status } = state;
  switch (action) {
    case 'submit':
      if (!actor.isCreatorSide) return refuse('WRONG_SIDE');
      if (status !== 'draft') return refuse('ILLEGAL_TRANSITION');
      return to(state.needsApproval ? 'pending_approval' : 'submitted');
    case 'approve':
      if (!actor.isCreatorSide) return refuse('WRONG_SIDE');
      if (status !== 'pending_approval') return refuse('ILLEGAL_TRANSITION');
      if (!actor.canApprove) return refuse('NEEDS_APPROVER');
      if (actor.isSubmitter) return refuse('SELF_APPROVAL');
      return to('submitted');
    case 'accept':
    case 'reject':
      // The other party decides: a buyer cannot accept its own purchase order.
      if (actor.isCreatorSide) return refuse('WRONG_SIDE');
      if (status !== 'submitted') return refuse('ILLEGAL_TRANSITION');
      return to(action === 'accept' ? 'accepted' : 'rejected');
    case 'start':
    case 'ship':
      if (actor.side !== 'supplier') return refuse('WRONG_SIDE');
      if (action === 'start' && status !== 'accepted') return refuse('ILLEGAL_TRANSITION');
      if (action === 'ship' && status !== 'in_progress' && status !== 'accepted') return refuse('ILLEGAL_TRANSITION');
      return to(action === 'start' ? 'in_progress' : 'shipped');
    case 'deliver':
      if (actor.side !== 'buyer') return refuse('WRONG_SIDE');
      if (status !== 'shipped') return refuse('ILLEGAL_TRANSITION');
      return to('delivered');
    case 'complete':
      if (actor.side !== 'buyer') return refuse('WRONG_SIDE');
      if (status !== 'delivered') return refuse('ILLEGAL_TRANSITION');
      return to('completed');
    case 'cancel':
      // The creator may withdraw before the other side has committed; after acceptance either
      // side may cancel until work starts.
      if (status === 'draft' || status === 'pending_approval' || status === 'submitted')
        return actor.isCreatorSide ? to('cancelled') : refuse('WRONG_SIDE');
      if (status === 'accepted') return to('cancelled');
      return refuse('ILLEGAL_TRANSITION');
  }
}

export function availableOrderActions(state: OrderState, actor: OrderActor): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => transitionOrder(state, action, actor).ok);
}

/** The permission an action takes beyond the machine's rules: deciding is a manager's call. */
export function orderActionPermission(action: OrderAction): Permission {
  return action === 'approve' || action === 'accept' || action === 'reject' ? 'orders:approve' : 'orders:write';
}

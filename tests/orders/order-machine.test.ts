import { availableOrderActions, ORDER_ACTIONS, ORDER_STATUSES, type OrderActor, type OrderState, transitionOrder } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

const buyerCreator: OrderActor = { side: 'buyer', isCreatorSide: true, canApprove: false, isSubmitter: true };
const buyerManager: OrderActor = { side: 'buyer', isCreatorSide: true, canApprove: true, isSubmitter: false };
const supplier: OrderActor = { side: 'supplier', isCreatorSide: false, canApprove: true, isSubmitter: false };
const state = (status: OrderState['status'], needsApproval = false): OrderState => ({ status, needsApproval });

describe('order state machine (a purchase order created by the buyer)', () => {
  it('walks the happy path draft → completed', () => {
    const steps: [OrderState['status'], Parameters<typeof transitionOrder>[1], OrderActor, OrderState['status']][] = [
      ['draft', 'submit', buyerCreator, 'submitted'],
      ['submitted', 'accept', supplier, 'accepted'],
      ['accepted', 'start', supplier, 'in_progress'],
      ['in_progress', 'ship', supplier, 'shipped'],
      ['shipped', 'deliver', buyerCreator, 'delivered'],
      ['delivered', 'complete', buyerCreator, 'completed'],
    ];
    for (const [from, action, actor, next] of steps) expect(transitionOrder(state(from), action, actor)).toEqual({ ok: true, next });
  });

  it('sends orders above the threshold to approval; no self-approval; only approvers approve', () => {
    expect(transitionOrder(state('draft', true), 'submit', buyerCreator)).toEqual({ ok: true, next: 'pending_approval' });
    expect(transitionOrder(state('pending_approval', true), 'approve', { ...buyerManager, isSubmitter: true })).toEqual({
      ok: false,
      reason: 'SELF_APPROVAL',
    });
    expect(transitionOrder(state('pending_approval', true), 'approve', buyerCreator)).toEqual({ ok: false, reason: 'NEEDS_APPROVER' });
    expect(transitionOrder(state('pending_approval', true), 'approve', supplier)).toEqual({ ok: false, reason: 'WRONG_SIDE' });
    expect(transitionOrder(state('pending_approval', true), 'approve', buyerManager)).toEqual({ ok: true, next: 'submitted' });
  });

  it('a buyer cannot accept its own order; the supplier cannot deliver or complete it', () => {
    expect(transitionOrder(state('submitted'), 'accept', buyerManager)).toEqual({ ok: false, reason: 'WRONG_SIDE' });
    expect(transitionOrder(state('shipped'), 'deliver', supplier)).toEqual({ ok: false, reason: 'WRONG_SIDE' });
    expect(transitionOrder(state('delivered'), 'complete', supplier)).toEqual({ ok: false, reason: 'WRONG_SIDE' });
  });

  it('cancels: the creator before acceptance, either side after acceptance, nobody once work started', () => {
    expect(transitionOrder(state('submitted'), 'cancel', buyerCreator)).toEqual({ ok: true, next: 'cancelled' });
    expect(transitionOrder(state('submitted'), 'cancel', supplier)).toEqual({ ok: false, reason: 'WRONG_SIDE' });
    expect(transitionOrder(state('accepted'), 'cancel', supplier)).toEqual({ ok: true, next: 'cancelled' });
    for (const status of ['in_progress', 'shipped', 'delivered', 'completed', 'rejected', 'cancelled'] as const) {
      expect(transitionOrder(state(status), 'cancel', buyerManager)).toEqual({ ok: false, reason: 'ILLEGAL_TRANSITION' });
    }
  });

  it('terminal states allow nothing, for anyone', () => {
    for (const status of ['completed', 'rejected', 'cancelled'] as const) {
      for (const actor of [buyerCreator, buyerManager, supplier]) expect(availableOrderActions(state(status), actor)).toEqual([]);
    }
  });

  it('every transition lands on a known state', () => {
    for (const status of ORDER_STATUSES) {
      for (const action of ORDER_ACTIONS) {
        for (const actor of [buyerCreator, buyerManager, supplier]) {
          const result = transitionOrder(state(status, true), action, actor);
          if (result.ok) expect(ORDER_STATUSES).toContain(result.next);
        }
      }
    }
  });

  it('offers each side its legal actions', () => {
    expect(availableOrderActions(state('draft'), buyerCreator)).toEqual(['submit', 'cancel']);
    expect(availableOrderActions(state('submitted'), supplier)).toEqual(['accept', 'reject']);
    expect(availableOrderActions(state('accepted'), supplier)).toEqual(['start', 'ship', 'cancel']);
  });

  it('with a partner not on Tradeloom, the buyer records the supplier’s steps too — but approval rules still hold', () => {
    const offline: OrderActor = { ...buyerManager, partnerOffline: true };
    let status: OrderState['status'] = 'draft';
    for (const action of ['submit', 'accept', 'start', 'ship', 'deliver', 'complete'] as const) {
      const result = transitionOrder(state(status), action, offline);
      if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
      status = result.next;
    }
    expect(status).toBe('completed');
    expect(transitionOrder(state('pending_approval', true), 'approve', { ...buyerCreator, partnerOffline: true })).toEqual({
      ok: false,
      reason: 'NEEDS_APPROVER',
    });
    expect(availableOrderActions(state('submitted'), offline)).toEqual(['accept', 'reject', 'cancel']);
    expect(availableOrderActions(state('submitted'), buyerManager)).toEqual(['cancel']);
  });
});

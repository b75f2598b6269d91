import { availableLinkActions, LINK_ACTIONS, LINK_STATUSES, type LinkSide, type LinkState, transitionLink } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

const state = (status: LinkState['status'], blockedBy: LinkSide | null = null): LinkState => ({ status, blockedBy });

describe('partner link state machine', () => {
  it.each([
    [null, 'request', 'buyer', 'pending'],
    [state('denied'), 'request', 'buyer', 'pending'],
    [state('unlinked'), 'request', 'buyer', 'pending'],
    [state('cancelled'), 'request', 'buyer', 'pending'],
    [state('pending'), 'accept', 'supplier', 'accepted'],
    [state('pending'), 'deny', 'supplier', 'denied'],
    [state('pending'), 'block', 'supplier', 'blocked'],
    [state('pending'), 'cancel', 'buyer', 'cancelled'],
    [state('accepted'), 'unlink', 'buyer', 'unlinked'],
    [state('accepted'), 'unlink', 'supplier', 'unlinked'],
    [state('accepted'), 'block', 'buyer', 'blocked'],
    [state('accepted'), 'block', 'supplier', 'blocked'],
    [state('denied'), 'block', 'supplier', 'blocked'],
    [state('unlinked'), 'block', 'buyer', 'blocked'],
    [state('blocked', 'supplier'), 'unblock', 'supplier', 'unlinked'],
    [state('blocked', 'buyer'), 'unblock', 'buyer', 'unlinked'],
  ] as const)('%o --%s by %s--> %s', (from, action, side, to) => {
    const result = transitionLink(from, action, side);
    expect(result).toEqual({ ok: true, next: { status: to, blockedBy: to === 'blocked' ? side : null } });
  });

  it.each([
    [state('blocked', 'supplier'), 'request', 'buyer', 'LINK_BLOCKED'],
    [state('pending'), 'request', 'buyer', 'LINK_EXISTS'],
    [state('accepted'), 'request', 'buyer', 'LINK_EXISTS'],
    [null, 'request', 'supplier', 'WRONG_SIDE'],
    [state('pending'), 'accept', 'buyer', 'WRONG_SIDE'],
    [state('pending'), 'deny', 'buyer', 'WRONG_SIDE'],
    [state('pending'), 'block', 'buyer', 'WRONG_SIDE'],
    [state('pending'), 'cancel', 'supplier', 'WRONG_SIDE'],
    [state('blocked', 'supplier'), 'unblock', 'buyer', 'WRONG_SIDE'],
    [state('accepted'), 'accept', 'supplier', 'ILLEGAL_TRANSITION'],
    [state('denied'), 'accept', 'supplier', 'ILLEGAL_TRANSITION'],
    [state('unlinked'), 'unlink', 'buyer', 'ILLEGAL_TRANSITION'],
    [state('blocked', 'buyer'), 'block', 'supplier', 'ILLEGAL_TRANSITION'],
    [null, 'block', 'supplier', 'ILLEGAL_TRANSITION'],
    [state('accepted'), 'unblock', 'buyer', 'ILLEGAL_TRANSITION'],
  ] as const)('%o refuses %s by %s with %s', (from, action, side, reason) => {
    expect(transitionLink(from, action, side)).toEqual({ ok: false, reason });
  });

  it('never returns an unknown state, from any state, for any action and side', () => {
    for (const status of [null, ...LINK_STATUSES]) {
      for (const blockedBy of [null, 'buyer', 'supplier'] as const) {
        for (const action of LINK_ACTIONS) {
          for (const side of ['buyer', 'supplier'] as const) {
            const result = transitionLink(status ? state(status, blockedBy) : null, action, side);
            if (result.ok) expect(LINK_STATUSES).toContain(result.next.status);
          }
        }
      }
    }
  });

  it('offers each side only its legal actions', () => {
    expect(availableLinkActions(state('pending'), 'supplier')).toEqual(['accept', 'deny', 'block']);
    expect(availableLinkActions(state('pending'), 'buyer')).toEqual(['cancel']);
    expect(availableLinkActions(state('accepted'), 'buyer')).toEqual(['block', 'unlink']);
    expect(availableLinkActions(state('blocked', 'supplier'), 'buyer')).toEqual([]);
    expect(availableLinkActions(null, 'buyer')).toEqual(['request']);
  });
});

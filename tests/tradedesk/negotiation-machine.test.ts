import {
  allowedNegotiationActions,
  NEGOTIATION_ACTIONS,
  NEGOTIATION_STATUSES,
  type NegotiationAction,
  type NegotiationActor,
  type NegotiationStatus,
  type NegotiationTransition,
  transitionNegotiation,
} from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

// The negotiation machine, every action × status × actor × expiry against a table written out by
// hand from the trade's rules, so a change to the machine shows up as a named case here.

const ACTORS: NegotiationActor[] = ['responder', 'proposer', 'system'];

/** The expected answer for an open negotiation, spelled out rule by rule. */
function expectedOnOpen(action: NegotiationAction, actor: NegotiationActor, pastExpiry: boolean): NegotiationTransition {
  const refuse = (reason: string) => ({ ok: false, reason }) as NegotiationTransition;
  const to = (next: NegotiationStatus) => ({ ok: true, next }) as NegotiationTransition;
  if (action === 'cancel') return to('cancelled');
  if (action === 'expire') return actor !== 'system' ? refuse('WRONG_SIDE') : pastExpiry ? to('expired') : refuse('ILLEGAL_TRANSITION');
  if (actor === 'system') return refuse('WRONG_SIDE');
  if (actor === 'proposer') return refuse('NOT_YOUR_TURN');
  if (pastExpiry) return refuse('NEGOTIATION_EXPIRED');
  return to(action === 'counter' ? 'open' : action === 'accept' ? 'accepted' : 'rejected');
}

const cases = NEGOTIATION_STATUSES.flatMap((status) =>
  [false, true].flatMap((pastExpiry) =>
    NEGOTIATION_ACTIONS.flatMap((action) => ACTORS.map((actor) => ({ status, pastExpiry, action, actor }))),
  ),
);

describe('the negotiation machine', () => {
  it('covers every status, expiry, action and actor', () => {
    expect(cases).toHaveLength(NEGOTIATION_STATUSES.length * 2 * NEGOTIATION_ACTIONS.length * ACTORS.length);
  });

  it.each(cases)('$status (past expiry: $pastExpiry): $actor may $action as the rules say', ({ status, pastExpiry, action, actor }) => {
    const result = transitionNegotiation({ status, pastExpiry }, action, actor);
    if (status !== 'open') expect(result).toEqual({ ok: false, reason: 'ILLEGAL_TRANSITION' });
    else expect(result).toEqual(expectedOnOpen(action, actor, pastExpiry));
  });

  it('lets the side whose turn it is counter, accept or reject, and either side call it off', () => {
    const open = { status: 'open' as const, pastExpiry: false };
    expect(allowedNegotiationActions(open, 'responder')).toEqual(['counter', 'accept', 'reject', 'cancel']);
    expect(allowedNegotiationActions(open, 'proposer')).toEqual(['cancel']);
  });

  it('leaves only calling off once the time is up, and nothing once it ended', () => {
    expect(allowedNegotiationActions({ status: 'open', pastExpiry: true }, 'responder')).toEqual(['cancel']);
    for (const status of NEGOTIATION_STATUSES.filter((s) => s !== 'open')) {
      expect(allowedNegotiationActions({ status, pastExpiry: false }, 'responder')).toEqual([]);
      expect(allowedNegotiationActions({ status, pastExpiry: false }, 'proposer')).toEqual([]);
    }
  });
});

import { randomBytes } from 'node:crypto';

// What a webhook says. Every delivery's body is fixed when it is queued, so each retry and replay
// sends the same message:
//
//   { "type": "order.submitted",               the domain event (or `webhook.test`)
//     "timestamp": "2026-12-01T08:00:00.000Z",  when it happened
//     "data": { "id": "<record id>", "entityType": "order", ...the event's payload } }
//
// The payload is the registry's (shared/src/events/registry.ts) for that event, minus what the
// receiving company could not read through the API itself (see `payloadFor`).

export interface WebhookBody {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** The `webhook-id` of a new message: `msg_` and 24 random characters, like the specification's examples. */
export function newMessageId(): string {
  return `msg_${randomBytes(18).toString('base64url')}`;
}

/**
 * The exact bytes sent. The body is kept as jsonb, so it is serialised from the stored value on
 * every attempt: jsonb returns the same key order each time, so every attempt (and a replay, and
 * the delivery log) reads the same string, and the signature covers exactly that string.
 */
export function bodyText(stored: unknown): string {
  return JSON.stringify(stored);
}

/**
 * An event's payload as one audience company may see it. Several events name the companies that
 * were told (`recipients`) and, on an award, the winners: a tender's other suppliers are not for a
 * supplier to learn, nor a trade offer's other counterparties. Those lists stay with the company
 * that acted and a tender's buyer; every other company reads only whether it won (`won`).
 */
export function payloadFor(companyId: string, payload: Record<string, unknown>): Record<string, unknown> {
  const { recipients, winners, ...rest } = payload;
  const seesEveryone = companyId === payload.actorCompanyId || companyId === payload.buyerCompanyId;
  if (seesEveryone) return payload;
  return Array.isArray(winners) ? { ...rest, won: winners.includes(companyId) } : rest;
}

export function webhookBody(message: { type: string; occurredAt: Date; data: Record<string, unknown> }): WebhookBody {
  return { type: message.type, timestamp: message.occurredAt.toISOString(), data: message.data };
}

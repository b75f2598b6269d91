import type { Executor } from '@tradeloom/db';
import type { DomainEventName } from '@tradeloom/shared';

// The webhook outbox (implemented by the delivery-engine helper): a delivery row per event and
// subscribed endpoint, written in the event's own transaction, and the job that sends it.

export interface WebhookEventRecord {
  eventId: number;
  type: DomainEventName;
  /** The companies the event is for (its audience): each one's subscribed endpoints get a delivery. */
  companyIds: readonly string[];
  entityType: string;
  entityId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** CONTRACT STUB: called by emitEvent in the event's transaction. */
export async function queueWebhookDeliveries(_trx: Executor, _event: WebhookEventRecord): Promise<void> {}

export interface WebhookMessage {
  /** A domain event name, or `webhook.test`. */
  type: string;
  data: Record<string, unknown>;
  eventId: number | null;
  isTest: boolean;
  occurredAt: Date;
}

/** CONTRACT STUB: one delivery of `message` to the endpoint, queued to send now. Returns its id. */
export async function queueDelivery(
  _trx: Executor,
  _endpoint: { id: string; companyId: string },
  _message: WebhookMessage,
): Promise<string> {
  throw new Error('CONTRACT STUB: queueDelivery');
}

/** CONTRACT STUB: a finished (succeeded or failed) delivery goes out again now, same webhook-id and body (replay). */
export async function sendAgain(_trx: Executor, _deliveryId: string): Promise<void> {
  throw new Error('CONTRACT STUB: sendAgain');
}

import type { Executor } from '@tradeloom/db';
import type { DomainEventName } from '@tradeloom/shared';
import { sql } from 'kysely';
import { appError } from '../../trpc/errors.ts';
import { enqueueJob } from '../events/jobs.ts';
import { publishLive } from '../live/live.publish.ts';
import { newMessageId, payloadFor, webhookBody } from './webhook-body.ts';

// The webhook outbox: a delivery row per event and subscribed endpoint, with the job that sends
// it, written in the event's own transaction. A mutation that rolls back sends nothing; one that
// commits has its deliveries and jobs committed with it, so a crash before sending loses none.

export const WEBHOOK_DELIVER_QUEUE = 'webhooks.deliver';

/** The deliver job's payload: which delivery, and whether an admin asked for it again. */
export interface DeliverJob {
  deliveryId: string;
  trigger: 'automatic' | 'replay';
}

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

/**
 * Called by emitEvent in the event's transaction: one delivery per active or paused endpoint of
 * the audience companies subscribed to the event (a paused one's wait until it resumes). Each
 * company's copy holds only what that company may read (`payloadFor`).
 */
export async function queueWebhookDeliveries(trx: Executor, event: WebhookEventRecord): Promise<void> {
  const companyIds = [...new Set(event.companyIds)];
  if (companyIds.length === 0) return;
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'company_id as companyId'])
    .where('company_id', 'in', companyIds)
    .where('status', 'in', ['active', 'paused'])
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`${event.type} = any(events)`)
    .orderBy('created_at')
    .execute();
  for (const endpoint of endpoints) {
    await queueDelivery(trx, endpoint, {
      type: event.type,
      data: { ...payloadFor(endpoint.companyId, event.payload), id: event.entityId, entityType: event.entityType },
      eventId: event.eventId,
      isTest: false,
      occurredAt: event.occurredAt,
    });
  }
}

export interface WebhookMessage {
  /** A domain event name, or `webhook.test`. */
  type: string;
  data: Record<string, unknown>;
  eventId: number | null;
  isTest: boolean;
  occurredAt: Date;
}

/** One delivery of `message` to the endpoint, its body fixed now, queued to send at once. Returns its id. */
export async function queueDelivery(trx: Executor, endpoint: { id: string; companyId: string }, message: WebhookMessage): Promise<string> {
  const now = new Date();
  const delivery = await trx
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: endpoint.id,
      company_id: endpoint.companyId,
      event_id: message.eventId,
      event_type: message.type,
      message_id: newMessageId(),
      payload: JSON.stringify(webhookBody(message)),
      is_test: message.isTest,
      next_attempt_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueDeliverJob(trx, { deliveryId: delivery.id, trigger: 'automatic' }, now);
  await publishDeliveryChange(trx, endpoint.companyId, delivery.id);
  return delivery.id;
}

/**
 * A finished (succeeded or failed) delivery goes out again now: same webhook-id, same body, one
 * attempt logged with trigger `replay` (not retried on failure: the admin sees it and decides).
 * CONFLICT `WEBHOOK_DELIVERY_PENDING` while it is still waiting to be sent.
 */
export async function sendAgain(trx: Executor, deliveryId: string): Promise<void> {
  const now = new Date();
  const delivery = await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now })
    .where('id', '=', deliveryId)
    .where('status', 'in', ['succeeded', 'failed'])
    .returning(['id', 'company_id'])
    .executeTakeFirst();
  if (!delivery) throw appError('CONFLICT', 'WEBHOOK_DELIVERY_PENDING', 'This delivery is still waiting to be sent.');
  await enqueueDeliverJob(trx, { deliveryId, trigger: 'replay' }, now);
  await publishDeliveryChange(trx, delivery.company_id, deliveryId);
}

/** The job that makes the next attempt, due at `runAt`. Its own retries cover a database hiccup only. */
export function enqueueDeliverJob(trx: Executor, job: DeliverJob, runAt: Date): Promise<number> {
  return enqueueJob(trx, WEBHOOK_DELIVER_QUEUE, job, { runAt });
}

/** The company's delivery log screens refetch (heard by those with `webhooks:manage`). */
export function publishDeliveryChange(trx: Executor, companyId: string, deliveryId: string): Promise<void> {
  return publishLive(trx, {
    companies: [companyId],
    type: 'webhook.delivery_changed',
    entityType: 'webhook_delivery',
    entityId: deliveryId,
  });
}

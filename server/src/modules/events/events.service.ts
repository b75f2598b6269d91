import type { Executor } from '@tradeloom/db';
import { type DomainEventEntityType, type DomainEventName, type DomainEventPayload, domainEvents } from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import { publishLive } from '../live/live.publish.ts';
import { queueWebhookDeliveries } from '../webhooks/outbox.ts';
import { enqueueJob } from './jobs.ts';
import { subscriptions } from './subscribers.ts';

/** An event without payload fields may leave `payload` out; one with fields must carry them. */
export type PayloadOf<T extends DomainEventName> =
  Record<string, never> extends DomainEventPayload<T> ? { payload?: DomainEventPayload<T> } : { payload: DomainEventPayload<T> };

/** A domain event: its type is a name from the shared registry, which fixes entity type and payload. */
export type DomainEvent<T extends DomainEventName = DomainEventName> = {
  type: T;
  companyId: string | null;
  entityType: DomainEventEntityType<T>;
  entityId: string;
  /**
   * Companies whose open screens should refresh; by default the acting company. `everyone`: every
   * company's screens (the trade desk's `desk.changed`, which carries no record id).
   */
  audience?: string[] | 'everyone';
} & PayloadOf<T>;

/**
 * Records a domain event in the mutation's transaction and queues one job per subscriber, so
 * notifications, emails, webhooks and live pushes happen at least once and only after commit.
 * The payload is checked against the registry: subscribers and webhooks read what it promises.
 */
export async function emitEvent<T extends DomainEventName>(
  trx: Executor,
  actorUserId: string | null,
  request: RequestMeta,
  event: DomainEvent<T>,
): Promise<number> {
  const payload = domainEvents[event.type].payload.parse(event.payload ?? {});
  const row = await trx
    .insertInto('domain_events')
    .values({
      type: event.type,
      company_id: event.companyId,
      entity_type: event.entityType,
      entity_id: event.entityId,
      payload: JSON.stringify(payload),
      actor_user_id: actorUserId,
      request_id: request.requestId,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  for (const queue of subscriptions.queuesFor(event.type)) await enqueueJob(trx, queue, { eventId: row.id });
  const companies = Array.isArray(event.audience) ? event.audience : event.companyId ? [event.companyId] : [];
  // Webhooks go to the audience's endpoints, never to every company (`everyone` broadcasts name no record).
  await queueWebhookDeliveries(trx, {
    eventId: row.id,
    type: event.type,
    companyIds: event.audience === 'everyone' ? [] : companies,
    entityType: event.entityType,
    entityId: event.entityId,
    payload,
    occurredAt: row.created_at,
  });
  await publishLive(trx, {
    companies,
    broadcast: event.audience === 'everyone',
    type: event.type,
    entityType: event.entityType,
    entityId: event.entityId,
  });
  return row.id;
}

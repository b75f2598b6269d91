import type { Executor } from '@tradeloom/db';
import type { RequestMeta } from '../../deps.ts';
import { publishLive } from '../live/live.publish.ts';
import { enqueueJob } from './jobs.ts';
import { subscribersOf } from './subscribers.ts';

export interface DomainEvent {
  type: string;
  companyId: string | null;
  entityType: string;
  entityId: string;
  payload?: Record<string, unknown>;
  /** Companies whose open screens should refresh; by default the acting company. */
  audience?: string[];
}

/**
 * Records a domain event in the mutation's transaction and queues one job per subscriber, so
 * notifications, emails, webhooks and live pushes happen at least once and only after commit.
 */
export async function emitEvent(trx: Executor, actorUserId: string | null, request: RequestMeta, event: DomainEvent): Promise<number> {
  const row = await trx
    .insertInto('domain_events')
    .values({
      type: event.type,
      company_id: event.companyId,
      entity_type: event.entityType,
      entity_id: event.entityId,
      payload: JSON.stringify(event.payload ?? {}),
      actor_user_id: actorUserId,
      request_id: request.requestId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const queue of subscribersOf(event.type)) await enqueueJob(trx, queue, { eventId: row.id });
  await publishLive(trx, {
    companies: event.audience ?? (event.companyId ? [event.companyId] : []),
    type: event.type,
    entityType: event.entityType,
    entityId: event.entityId,
  });
  return row.id;
}

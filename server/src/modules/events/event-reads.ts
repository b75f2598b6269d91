import type { Executor } from '@tradeloom/db';

/** One recorded domain event, for a job that reacts to it by id. */
export function findDomainEvent(db: Executor, eventId: number) {
  return db
    .selectFrom('domain_events')
    .select(['type', 'entity_type', 'entity_id', 'payload', 'actor_user_id'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
}

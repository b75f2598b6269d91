import type { Database, Executor } from '@tradeloom/db';
import { type ExpressionBuilder, sql } from 'kysely';
import { enqueueDeliverJob } from './outbox.ts';

// The order rule: a delivery about a record (the `data.id` and `data.entityType` of its body) is
// not sent to an endpoint while an older delivery about the same record to the same endpoint is
// still pending — `order.accepted` never overtakes `order.submitted`, even while the first is
// being retried. "Older" is the event's id (events about one record are written under that
// record's lock, so their ids follow the order they happened in). Deliveries about other records,
// and test events, never wait for each other. A failed (dead-lettered) one no longer holds the
// next back.
//
// A delivery that may not go yet is held: pending with no `next_attempt_at` and no job. It is
// woken (given a job) when the one ahead of it finishes, when its paused endpoint is resumed, or
// by the minute sweep, which catches whatever those missed.

type Deliveries = ExpressionBuilder<Database & { d: Database['webhook_deliveries'] }, 'd'>;

/** Whether an older delivery about the same record to the same endpoint is still pending. */
export function olderPendingExists(eb: Deliveries) {
  return eb.exists(
    eb
      .selectFrom('webhook_deliveries as o')
      .select(sql.lit(1).as('one'))
      .whereRef('o.endpoint_id', '=', 'd.endpoint_id')
      .where('o.status', '=', 'pending')
      .whereRef('o.event_id', '<', 'd.event_id')
      .where(sql<boolean>`o.payload -> 'data' ->> 'id' = d.payload -> 'data' ->> 'id'`)
      .where(sql<boolean>`o.payload -> 'data' ->> 'entityType' = d.payload -> 'data' ->> 'entityType'`),
  );
}

/** True when the delivery must wait for an older one (see the rule above). */
export async function mustWait(executor: Executor, deliveryId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('webhook_deliveries as d')
    .select((eb) => olderPendingExists(eb).as('waits'))
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  return row?.waits === true;
}

/**
 * Gives a job to every held delivery that may go now (its endpoint active, nothing older ahead
 * of it), of one endpoint or all. The conditional update hands each to one caller only, however
 * many wake at once. Returns how many were woken.
 */
export async function wakeReadyDeliveries(executor: Executor, now: Date, endpointId?: string): Promise<number> {
  let query = executor
    .updateTable('webhook_deliveries as d')
    .set({ next_attempt_at: now })
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('webhook_endpoints as e')
          .select(sql.lit(1).as('one'))
          .whereRef('e.id', '=', 'd.endpoint_id')
          .where('e.status', '=', 'active')
          .where('e.deleted_at', 'is', null),
      ),
    )
    .where((eb) => eb.not(olderPendingExists(eb)));
  if (endpointId) query = query.where('d.endpoint_id', '=', endpointId);
  const woken = await query.returning('d.id').execute();
  for (const delivery of woken) await enqueueDeliverJob(executor, { deliveryId: delivery.id, trigger: 'automatic' }, now);
  return woken.length;
}

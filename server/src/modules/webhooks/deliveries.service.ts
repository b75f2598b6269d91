import { type Executor, inTransaction } from '@tradeloom/db';
import type { Page, WebhookDeliveryView, webhookDeliveryDetail, webhookDeliveryListInput } from '@tradeloom/shared';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isLiveEndpoint } from './endpoints.repository.ts';
import { sendAgain } from './outbox.ts';
import { bodyText } from './webhook-body.ts';

// The delivery log of an endpoint (newest first) and the admin's replay of a delivered or failed
// one. A deleted endpoint's deliveries are gone with it, as the endpoint is.

/** The company's deliveries to its live endpoints, as the log shows them. */
function selectDeliveries(db: Executor, companyId: string) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select((eb) => [
      'd.id',
      'd.endpoint_id as endpointId',
      'd.message_id as messageId',
      'd.event_type as eventType',
      'd.is_test as isTest',
      'd.status',
      'd.attempts',
      isoTimestamp(eb.ref('d.next_attempt_at')).as('nextAttemptAt'),
      isoTimestamp(eb.ref('d.last_attempt_at')).as('lastAttemptAt'),
      'd.last_status_code as lastStatusCode',
      'd.last_error as lastError',
      isoTimestamp(eb.ref('d.created_at')).as('createdAt'),
    ])
    .where('d.company_id', '=', companyId)
    .where('e.deleted_at', 'is', null);
}

/** Newest first, in keyset pages; the cursor names the last delivery seen. */
export async function listDeliveries(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.output<typeof webhookDeliveryListInput>,
): Promise<Page<WebhookDeliveryView>> {
  const { db } = ctx.deps;
  if (!(await isLiveEndpoint(db, actor.companyId, input.endpointId))) throw notFound('Webhook endpoint');
  let query = selectDeliveries(db, actor.companyId)
    .where('d.endpoint_id', '=', input.endpointId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(input.limit + 1);
  if (input.status) query = query.where('d.status', '=', input.status);
  if (input.cursor) {
    // A cursor positions only within this endpoint's log: another one's delivery id finds nothing.
    const scope = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.endpoint_id`)} = ${input.endpointId}`;
    const key = (alias: string) => sql.ref(`${alias}.created_at`);
    query = query.where(afterCursorRow(input.cursor, { name: 'webhook_deliveries', alias: 'd' }, key, 'desc', scope));
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

export async function getDelivery(
  ctx: ServiceContext,
  actor: CompanyActor,
  deliveryId: string,
): Promise<z.infer<typeof webhookDeliveryDetail>> {
  const { db } = ctx.deps;
  const delivery = await selectDeliveries(db, actor.companyId).select('d.payload').where('d.id', '=', deliveryId).executeTakeFirst();
  if (!delivery) throw notFound('Webhook delivery');
  const attempts = await db
    .selectFrom('webhook_attempts as a')
    .select((eb) => [
      sql<string>`${eb.ref('a.id')}::text`.as('id'),
      isoTimestamp(eb.ref('a.attempted_at')).as('attemptedAt'),
      'a.status_code as statusCode',
      'a.duration_ms as durationMs',
      'a.error',
      'a.response_excerpt as responseExcerpt',
      'a.trigger',
    ])
    .where('a.delivery_id', '=', deliveryId)
    .orderBy('a.attempted_at')
    .orderBy('a.id')
    .execute();
  const { payload, ...view } = delivery;
  return { delivery: view, body: bodyText(payload), attempts };
}

/** Sends the same message (same webhook-id and body) again, now; CONFLICT while it is still pending. */
export async function replayDelivery(ctx: ServiceContext, actor: CompanyActor, deliveryId: string): Promise<WebhookDeliveryView> {
  return inTransaction(ctx.deps.db, async (trx) => {
    // Locked, so two replays at once cannot both find it finished.
    const delivery = await trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select(['d.id', 'd.status', 'd.endpoint_id'])
      .where('d.id', '=', deliveryId)
      .where('d.company_id', '=', actor.companyId)
      .where('e.deleted_at', 'is', null)
      .forUpdate('d')
      .executeTakeFirst();
    if (!delivery) throw notFound('Webhook delivery');
    if (delivery.status === 'pending') {
      throw appError(
        'CONFLICT',
        'WEBHOOK_DELIVERY_PENDING',
        'This delivery is still waiting for its next attempt. Replay it once it has been delivered or has failed.',
      );
    }
    await sendAgain(trx, deliveryId);
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'webhook_delivery.replayed',
      entityType: 'webhook_delivery',
      entityId: deliveryId,
      before: { status: delivery.status },
      after: { endpointId: delivery.endpoint_id },
    });
    return selectDeliveries(trx, actor.companyId).where('d.id', '=', deliveryId).executeTakeFirstOrThrow();
  });
}

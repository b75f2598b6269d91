import { type Executor, inTransaction } from '@tradeloom/db';
import { type DeliveryView, type deliveryListInput, isNotifiableKind, notificationKindSpec, type Page } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { escapeLike } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { requeueJobByPayload } from '../events/jobs.ts';
import { NOTIFICATION_EMAIL_QUEUE } from './email-delivery.ts';

// The company's delivery log: every email (and digest) to its members, with its outcome, and
// the admin's one repair: send a failed or abandoned one again.

function selectDeliveries(db: Executor, companyId: string) {
  return db
    .selectFrom('notification_deliveries as d')
    .select((eb) => [
      'd.id',
      'd.event_type as event',
      'd.channel',
      'd.user_id as userId',
      eb.fn.coalesce(userNameOf(eb.ref('d.user_id')), eb.val('')).as('name'),
      'd.to_address as address',
      'd.subject',
      'd.status',
      'd.attempts',
      'd.last_error as lastError',
      isoTimestamp(eb.ref('d.not_before')).as('notBefore'),
      isoTimestamp(eb.ref('d.next_attempt_at')).as('nextAttemptAt'),
      isoTimestamp(eb.ref('d.sent_at')).as('sentAt'),
      isoTimestamp(eb.ref('d.created_at')).as('createdAt'),
    ])
    .where('d.company_id', '=', companyId);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof selectDeliveries>['executeTakeFirstOrThrow']>>;

function toView({ userId, name, address, ...row }: DeliveryRow): DeliveryView {
  return {
    ...row,
    eventLabel: isNotifiableKind(row.event) ? notificationKindSpec(row.event).label : row.event,
    recipient: { userId, name, address },
  };
}

/** Newest first, in keyset pages (the cursor is the last id seen). */
export async function listDeliveries(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.infer<typeof deliveryListInput>,
): Promise<Page<DeliveryView>> {
  if (input.cursor && !/^[1-9]\d{0,14}$/.test(input.cursor)) {
    throw invalidFields({ cursor: 'is not a valid page cursor; start from the first page' }, 'CURSOR_INVALID');
  }
  let query = selectDeliveries(ctx.deps.db, actor.companyId)
    .orderBy('d.id', 'desc')
    .limit(input.limit + 1);
  if (input.status) query = query.where('d.status', '=', input.status);
  if (input.channel) query = query.where('d.channel', '=', input.channel);
  if (input.cursor) query = query.where('d.id', '<', Number(input.cursor));
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    query = query.where((eb) => eb.or([eb('d.to_address', 'ilike', pattern), eb('d.subject', 'ilike', pattern)]));
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items: items.map(toView), nextCursor: rows.length > input.limit && last ? String(last.id) : null };
}

/** The queue whose job sends each channel's deliveries (payload `{ deliveryId, … }`). */
const SENDING_QUEUES: Partial<Record<DeliveryView['channel'], string>> = {
  email: NOTIFICATION_EMAIL_QUEUE,
  digest: NOTIFICATION_EMAIL_QUEUE,
};

const notRetriable = () =>
  appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Only a failed or abandoned delivery can be sent again; this one is sent or on its way.');

/** Queues a dead (or failed) delivery again, due now, with a fresh set of attempts. */
export async function retryDelivery(ctx: ServiceContext, actor: CompanyActor, deliveryId: number): Promise<DeliveryView> {
  const { db, clock } = ctx.deps;
  return inTransaction(db, async (trx) => {
    const delivery = await trx
      .selectFrom('notification_deliveries')
      .select(['status', 'channel'])
      .where('id', '=', deliveryId)
      .where('company_id', '=', actor.companyId)
      .forUpdate()
      .executeTakeFirst();
    if (!delivery) throw notFound('Delivery');
    if (delivery.status !== 'dead' && delivery.status !== 'failed') throw notRetriable();
    // The job keeps what the email says; it runs again from its first attempt.
    const queue = SENDING_QUEUES[delivery.channel];
    if (!queue || !(await requeueJobByPayload(trx, clock, queue, { key: 'deliveryId', value: deliveryId }))) {
      throw notRetriable();
    }
    await trx
      .updateTable('notification_deliveries')
      .set({ status: 'queued', next_attempt_at: clock.now(), updated_at: clock.now() })
      .where('id', '=', deliveryId)
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'notification_delivery.retried',
      entityType: 'notification_delivery',
      entityId: String(deliveryId),
      before: { status: delivery.status },
      after: { status: 'queued' },
    });
    return toView(await selectDeliveries(trx, actor.companyId).where('d.id', '=', deliveryId).executeTakeFirstOrThrow());
  });
}

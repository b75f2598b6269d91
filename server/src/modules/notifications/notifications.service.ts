import type { Executor } from '@tradeloom/db';
import type { Page } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { publishLive } from '../live/live.publish.ts';

export interface NewNotification {
  companyId: string;
  type: string;
  title: string;
  body?: string;
  linkPath?: string;
  entityType: string;
  entityId: string;
  eventId: number;
}

/** Idempotent per event and company: a retried job does not notify twice. */
export async function createNotification(db: Executor, notification: NewNotification): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      company_id: notification.companyId,
      type: notification.type,
      title: notification.title,
      body: notification.body ?? '',
      link_path: notification.linkPath ?? null,
      entity_type: notification.entityType,
      entity_id: notification.entityId,
      event_id: notification.eventId,
    })
    .onConflict((oc) => oc.columns(['event_id', 'company_id']).doNothing())
    .execute();
  await publishLive(db, {
    companies: [notification.companyId],
    type: 'notification.created',
    entityType: 'notification',
    entityId: String(notification.eventId),
  });
}

export interface NotificationRow {
  id: number;
  type: string;
  title: string;
  body: string;
  linkPath: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export async function listNotifications(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { unreadOnly: boolean; cursor?: string; limit: number },
): Promise<Page<NotificationRow> & { unread: number }> {
  let query = ctx.deps.db
    .selectFrom('notifications')
    .select(['id', 'type', 'title', 'body', 'link_path as linkPath', 'read_at as readAt', 'created_at as createdAt'])
    .where('company_id', '=', actor.companyId)
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.unreadOnly) query = query.where('read_at', 'is', null);
  if (input.cursor) query = query.where('id', '<', Number(input.cursor));
  const [rows, unread] = await Promise.all([
    query.execute(),
    ctx.deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('company_id', '=', actor.companyId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? String(last.id) : null, unread: Number(unread.n) };
}

/** Marks some (or all) of the company's notifications read. Reading is not audited: it changes no business record. */
export async function markNotificationsRead(ctx: ServiceContext, actor: CompanyActor, ids?: number[]): Promise<{ marked: number }> {
  let query = ctx.deps.db
    .updateTable('notifications')
    .set({ read_at: ctx.deps.clock.now() })
    .where('company_id', '=', actor.companyId)
    .where('read_at', 'is', null);
  if (ids) query = query.where('id', 'in', ids.length ? ids : [-1]);
  const result = await query.executeTakeFirst();
  return { marked: Number(result.numUpdatedRows) };
}

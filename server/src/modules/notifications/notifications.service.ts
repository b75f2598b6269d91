import type { Page } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError } from '../../trpc/errors.ts';

/** Notifications are a person's: an API key (no person) reads none. */
export function personOf(actor: CompanyActor): string {
  if (!actor.userId) throw appError('FORBIDDEN', 'API_KEY_NOT_ALLOWED', 'Notifications belong to a signed-in person, not an API key.');
  return actor.userId;
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
    .where('user_id', '=', personOf(actor))
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
      .where('user_id', '=', personOf(actor))
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? String(last.id) : null, unread: Number(unread.n) };
}

/** Marks some (or all) of the person's notifications in the company read. Reading is not audited: it changes no business record. */
export async function markNotificationsRead(ctx: ServiceContext, actor: CompanyActor, ids?: number[]): Promise<{ marked: number }> {
  let query = ctx.deps.db
    .updateTable('notifications')
    .set({ read_at: ctx.deps.clock.now() })
    .where('company_id', '=', actor.companyId)
    .where('user_id', '=', personOf(actor))
    .where('read_at', 'is', null);
  if (ids) query = query.where('id', 'in', ids.length ? ids : [-1]);
  const result = await query.executeTakeFirst();
  return { marked: Number(result.numUpdatedRows) };
}

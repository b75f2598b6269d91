import type { Executor } from '@tradeloom/db';
import type { SecurityEventKind, SecurityEventListInput } from '@tradeloom/shared';
import type { RequestMeta } from '../../deps.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';

export type SecurityEventType = SecurityEventKind;

/** Append-only trail of authentication events; never holds a password or a token. */
export async function recordSecurityEvent(
  db: Executor,
  request: RequestMeta,
  event: { type: SecurityEventType; userId?: string | null; email?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('security_events')
    .values({
      type: event.type,
      user_id: event.userId ?? null,
      email: event.email ?? null,
      ip: request.ip,
      user_agent: request.userAgent?.slice(0, 400) ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

/** One page of the trail, newest first, narrowed by kind, email, IP address and time. */
export async function listSecurityEvents(db: Executor, input: SecurityEventListInput) {
  let query = db
    .selectFrom('security_events')
    .select((eb) => [
      'id',
      'type as kind',
      'user_id as userId',
      'email',
      'ip',
      'user_agent as userAgent',
      isoTimestamp(eb.ref('created_at')).as('occurredAt'),
    ])
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.cursor) query = query.where('id', '<', Number(input.cursor));
  if (input.kind) query = query.where('type', '=', input.kind);
  if (input.email) query = query.where('email', '=', input.email);
  if (input.ip) query = query.where('ip', '=', input.ip);
  if (input.from) query = query.where('created_at', '>=', input.from);
  if (input.to) query = query.where('created_at', '<=', input.to);
  const rows = await query.execute();
  const items = rows.slice(0, input.limit).map((row) => ({ ...row, id: Number(row.id) }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? String(last.id) : null };
}

/** A user's latest sign-ins and refused attempts: when, from which address and device. */
export async function recentSignIns(db: Executor, userId: string, limit = 10) {
  const rows = await db
    .selectFrom('security_events')
    .select((eb) => ['type', 'ip', 'user_agent as device', isoTimestamp(eb.ref('created_at')).as('occurredAt')])
    .where('user_id', '=', userId)
    .where('type', 'in', ['login.succeeded', 'login.failed', 'login.disabled_account'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ type, ...row }) => ({ ...row, succeeded: type === 'login.succeeded' }));
}

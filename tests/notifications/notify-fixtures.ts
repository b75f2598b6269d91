import { randomUUID } from 'node:crypto';
import { type NotifyRequest, notify } from '../../server/src/modules/notifications/engine.ts';
import type { TestApp } from '../harness/app.ts';
import type { TestUser } from '../harness/factories.ts';

/** Tells a company something through the engine, as a module would: a fresh cause each time. */
export async function tell(app: TestApp, request: Pick<NotifyRequest, 'companyId' | 'kind'> & Partial<NotifyRequest>) {
  const entityId = randomUUID();
  await notify(app.db, {
    title: `Something happened to ${entityId.slice(0, 8)}`,
    entityType: 'order',
    entityId,
    linkPath: `/orders/${entityId}`,
    dedupeKey: `test:${entityId}`,
    now: app.clock.now(),
    ...request,
  });
  return entityId;
}

/** The kinds in a person's bell (newest first). */
export async function kindsFor(user: TestUser): Promise<string[]> {
  return (await user.caller.notifications.list({ limit: 100 })).items.map((item) => item.type);
}

/** The email deliveries queued for a person, oldest first. */
export function deliveriesTo(app: TestApp, userId: string) {
  return app.db
    .selectFrom('notification_deliveries')
    .select(['id', 'event_type', 'to_address', 'subject', 'status', 'not_before', 'notification_id', 'attempts', 'last_error'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

import type { Executor } from '@tradeloom/db';
import { defaultTemplate, type NotifiableKind, type NotificationChannel, type NotificationTemplate } from '@tradeloom/shared';

// The wording in force for a kind on a channel: an operator's override (notification_templates)
// when there is one, else the built-in template. The email job, the digest and the template
// screens all read wording through here, so an override applies everywhere at once.

export interface StoredTemplate extends NotificationTemplate {
  /** An operator changed the built-in wording. */
  custom: boolean;
}

export async function templateFor(db: Executor, kind: NotifiableKind, channel: NotificationChannel): Promise<StoredTemplate> {
  const row = await db
    .selectFrom('notification_templates')
    .select(['subject', 'body'])
    .where('event_type', '=', kind)
    .where('channel', '=', channel)
    .executeTakeFirst();
  return row ? { ...row, custom: true } : { ...defaultTemplate(kind, channel), custom: false };
}

/** Every override at once, keyed `<kind>:<channel>` (for lists that show all kinds). */
export async function templateOverrides(db: Executor): Promise<Map<string, NotificationTemplate>> {
  const rows = await db.selectFrom('notification_templates').select(['event_type', 'channel', 'subject', 'body']).execute();
  return new Map(rows.map((row) => [templateKey(row.event_type, row.channel), { subject: row.subject, body: row.body }]));
}

export function templateKey(kind: string, channel: NotificationChannel): string {
  return `${kind}:${channel}`;
}

import type { Executor } from '@tradeloom/db';
import { NOTIFIABLE_KINDS, type NotifiableKind, renderSubject, type TemplateFields } from '@tradeloom/shared';
import { z } from 'zod';
import { enqueueJob } from '../events/jobs.ts';
import { quietUntil } from './quiet-hours.ts';
import { templateFor } from './template-store.ts';
import { userSettingsOf } from './user-settings.ts';

// Queues a notification's emails in the caller's transaction: one delivery row per person (the
// log an admin reads) and one job that sends it, held past the person's quiet hours.

export const NOTIFICATION_EMAIL_QUEUE = 'notifications.email';
/** Attempts per email before it is given up on (`dead`): with the runner's back-off, about two minutes. */
export const EMAIL_MAX_ATTEMPTS = 6;

/**
 * What an email says, kept in its job: a person who turned the in-app notice off has no
 * notification row to read it from, and a retried delivery must say the same thing.
 */
export const emailContent = z.object({
  kind: z.enum(NOTIFIABLE_KINDS as [NotifiableKind, ...NotifiableKind[]]),
  recipient: z.string(),
  company: z.string(),
  title: z.string(),
  body: z.string(),
  actor: z.string(),
  document: z.string(),
  linkPath: z.string().nullable(),
});
export type EmailContent = z.infer<typeof emailContent>;
/** An email its sender wrote whole (the daily digest): sent as it is, with the same log and retries. */
export const renderedEmail = z.object({ subject: z.string(), text: z.string(), html: z.string() });
export const emailJobPayload = z.union([
  z.object({ deliveryId: z.number().int(), content: emailContent }),
  z.object({ deliveryId: z.number().int(), rendered: renderedEmail }),
]);

/** The template's fields but the two addresses, which need the app's public URL (the job adds them). */
export function contentFields(content: EmailContent): TemplateFields {
  const { recipient, company, title, body, actor, document } = content;
  return { recipient, company, title, body, actor, document };
}

export interface EmailRecipient {
  userId: string;
  name: string;
  email: string;
  notificationId: number | null;
}

export interface EmailNotice {
  companyId: string;
  companyName: string;
  kind: NotifiableKind;
  title: string;
  body: string;
  actorName: string;
  document: string;
  linkPath: string | null;
  /** Mandatory notices ignore quiet hours. */
  mandatory: boolean;
  now: Date;
}

export async function queueNotificationEmails(trx: Executor, notice: EmailNotice, recipients: readonly EmailRecipient[]): Promise<void> {
  if (recipients.length === 0) return;
  const [template, settings] = await Promise.all([
    templateFor(trx, notice.kind, 'email'),
    userSettingsOf(
      trx,
      recipients.map((recipient) => recipient.userId),
    ),
  ]);
  for (const recipient of recipients) {
    const content: EmailContent = {
      kind: notice.kind,
      recipient: recipient.name,
      company: notice.companyName,
      title: notice.title,
      body: notice.body,
      actor: notice.actorName,
      document: notice.document,
      linkPath: notice.linkPath,
    };
    const quiet = settings.get(recipient.userId);
    const notBefore =
      notice.mandatory || !quiet?.quietHours ? null : quietUntil(notice.now, { timeZone: quiet.timeZone, ...quiet.quietHours });
    const delivery = await trx
      .insertInto('notification_deliveries')
      .values({
        notification_id: recipient.notificationId,
        user_id: recipient.userId,
        company_id: notice.companyId,
        event_type: notice.kind,
        channel: 'email',
        to_address: recipient.email,
        subject: renderSubject(template.subject, contentFields(content)),
        not_before: notBefore,
        updated_at: notice.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueJob(
      trx,
      NOTIFICATION_EMAIL_QUEUE,
      { deliveryId: delivery.id, content },
      { runAt: notBefore ?? notice.now, maxAttempts: EMAIL_MAX_ATTEMPTS },
    );
  }
}

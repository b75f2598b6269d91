import { renderTemplate } from '@tradeloom/shared';
import type { AppDeps } from '../../deps.ts';
import { type JobHandler, retryBaseDelayMs } from '../events/job-runner.ts';
import { contentFields, EMAIL_MAX_ATTEMPTS, type EmailContent, emailJobPayload } from './email-delivery.ts';
import { templateFor } from './template-store.ts';

interface Outcome {
  status: 'sent' | 'failed' | 'dead';
  last_error: string | null;
  next_attempt_at: Date | null;
  sent_at?: Date;
  subject?: string;
}

/** The reason kept in the log: the error's first line, short enough to read in a table. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim().slice(0, 300) || 'unknown error';
}

async function renderNotice({ db, config }: Pick<AppDeps, 'db' | 'config'>, content: EmailContent) {
  const fields = {
    ...contentFields(content),
    link: `${config.publicUrl}${content.linkPath ?? '/'}`,
    settingsLink: `${config.publicUrl}/settings/notifications`,
  };
  return renderTemplate(await templateFor(db, content.kind, 'email'), fields);
}

/**
 * Sends one notification email: renders the wording in force (an operator's override or the
 * built-in one) and records the outcome on its delivery. A failure is logged with its reason and
 * rethrown so the runner retries with back-off; the last attempt leaves it `dead`, never dropped.
 */
export function notificationEmailHandler(deps: Pick<AppDeps, 'db' | 'mailer' | 'clock' | 'config'>): JobHandler {
  const { db, mailer, clock } = deps;
  return {
    async run(raw, job) {
      const payload = emailJobPayload.parse(raw);
      const { deliveryId } = payload;
      const delivery = await db
        .selectFrom('notification_deliveries')
        .select(['to_address', 'status'])
        .where('id', '=', deliveryId)
        .executeTakeFirst();
      // Sent already (a job run twice) or given up on: a retry sets it queued again first.
      if (!delivery || (delivery.status !== 'queued' && delivery.status !== 'failed')) return;
      // A digest comes written whole; a notice is worded now, with the template in force.
      const rendered = 'rendered' in payload ? payload.rendered : await renderNotice(deps, payload.content);
      /** One attempt's outcome on the delivery (the log an admin reads). */
      const record = (outcome: Outcome) =>
        db
          .updateTable('notification_deliveries')
          .set((eb) => ({ ...outcome, attempts: eb('attempts', '+', 1), updated_at: clock.now() }))
          .where('id', '=', deliveryId)
          .execute();
      if (mailer.kind === 'disabled') {
        // Retrying cannot help while the server sends no mail: say so in the log instead.
        await record({
          status: 'dead',
          last_error: 'Email is turned off on this server (MAIL_TRANSPORT=disabled).',
          next_attempt_at: null,
        });
        return;
      }
      try {
        await mailer.send({ to: delivery.to_address, subject: rendered.subject, text: rendered.text, html: rendered.html });
      } catch (error) {
        const last = job.attempts >= EMAIL_MAX_ATTEMPTS;
        await record({
          status: last ? 'dead' : 'failed',
          last_error: shortReason(error),
          // The runner adds up to a quarter either way, so this is when the retry is due, about.
          next_attempt_at: last ? null : new Date(clock.now().getTime() + retryBaseDelayMs(job.attempts)),
        });
        throw error;
      }
      await record({ status: 'sent', subject: rendered.subject, last_error: null, next_attempt_at: null, sent_at: clock.now() });
    },
  };
}

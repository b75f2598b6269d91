import type { AppDeps } from './deps.ts';
import type { JobHandler } from './modules/events/job-runner.ts';
import { MAIL_QUEUE, mailJobHandler } from './modules/mail/mail.jobs.ts';
import { NOTIFY_QUEUE, partnerNotificationHandler } from './modules/notifications/notifications.jobs.ts';

/** Every background queue and what runs it; the server and the tests start runners with this. */
export function jobHandlers(deps: Pick<AppDeps, 'db' | 'mailer'>): Record<string, JobHandler> {
  return {
    [MAIL_QUEUE]: mailJobHandler(deps.mailer),
    [NOTIFY_QUEUE]: partnerNotificationHandler(deps.db),
  };
}

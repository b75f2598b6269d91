import { notifyingEvents } from '@tradeloom/shared';
import type { AppDeps } from './deps.ts';
import { pruneStaleCounters } from './modules/auth/rate-limits.ts';
import type { JobHandler } from './modules/events/job-runner.ts';
import { PRUNE_JOBS_QUEUE, pruneJobsHandler } from './modules/events/jobs.ts';
import type { ScheduleDefinition } from './modules/events/schedules.ts';
import type { SubscriptionRegistry } from './modules/events/subscribers.ts';
import { INVOICE_REMINDERS_QUEUE, invoiceRemindersHandler } from './modules/finance/overdue-reminders.ts';
import { YEAR_CLOSE_QUEUE, yearCloseHandler } from './modules/finance/year-close.job.ts';
import { MAIL_QUEUE, mailJobHandler } from './modules/mail/mail.jobs.ts';
import {
  MESSAGING_NOTIFY_EVENTS,
  MESSAGING_NOTIFY_QUEUE,
  messagingNotificationHandler,
} from './modules/messaging/messaging.notifications.ts';
import { DIGEST_QUEUE, digestHandler } from './modules/notifications/digest.ts';
import { notificationEmailHandler } from './modules/notifications/email.jobs.ts';
import { NOTIFICATION_EMAIL_QUEUE } from './modules/notifications/email-delivery.ts';
import { NOTIFY_QUEUE, partnerNotificationHandler } from './modules/notifications/notifications.jobs.ts';
import { REMINDERS_QUEUE, remindersHandler } from './modules/notifications/reminders.ts';
import { SOURCING_NOTIFY_EVENTS, SOURCING_NOTIFY_QUEUE, sourcingNotificationHandler } from './modules/sourcing/sourcing.notifications.ts';
import { TENDER_CLOCK_QUEUE, tenderClockHandler } from './modules/sourcing/tender-clock.ts';
import { SLA_CLOCK_QUEUE, slaClockHandler } from './modules/support/sla-clock.ts';
import { SUPPORT_NOTIFY_EVENTS, SUPPORT_NOTIFY_QUEUE, supportNotificationHandler } from './modules/support/support.notifications.ts';
import { matchNotifyHandler, TRADEDESK_MATCH_EVENTS, TRADEDESK_MATCH_QUEUE } from './modules/tradedesk/match-notify.ts';
import { NEGOTIATION_CLOCK_QUEUE, negotiationClockHandler } from './modules/tradedesk/negotiation-clock.ts';
import { OFFER_CLOCK_QUEUE, offerClockHandler } from './modules/tradedesk/offer-clock.ts';
import {
  TRADEDESK_NOTIFY_EVENTS,
  TRADEDESK_NOTIFY_QUEUE,
  tradedeskNotificationHandler,
} from './modules/tradedesk/tradedesk.notifications.ts';
import { webhookDeliveryHandler } from './modules/webhooks/deliver.job.ts';
import { WEBHOOK_DELIVER_QUEUE } from './modules/webhooks/outbox.ts';
import { WEBHOOK_SWEEP_QUEUE, webhookSweepHandler } from './modules/webhooks/sweep.job.ts';
import { sendWebhookRequest } from './modules/webhooks/url-guard.ts';

/** Every background queue and what runs it; the server and the tests start runners with this. */
export function jobHandlers(deps: Pick<AppDeps, 'db' | 'mailer' | 'clock' | 'config'>): Record<string, JobHandler> {
  return {
    [MAIL_QUEUE]: mailJobHandler(deps.mailer),
    [NOTIFY_QUEUE]: partnerNotificationHandler(deps),
    [NOTIFICATION_EMAIL_QUEUE]: notificationEmailHandler(deps),
    [PRUNE_JOBS_QUEUE]: pruneJobsHandler(deps.db, deps.clock),
    [PRUNE_RATE_LIMITS_QUEUE]: { run: () => pruneStaleCounters(deps.db, deps.clock).then(() => undefined) },
    [SOURCING_NOTIFY_QUEUE]: sourcingNotificationHandler(deps),
    [TENDER_CLOCK_QUEUE]: tenderClockHandler(deps.db, deps.clock),
    [NEGOTIATION_CLOCK_QUEUE]: negotiationClockHandler(deps.db, deps.clock),
    [OFFER_CLOCK_QUEUE]: offerClockHandler(deps.db, deps.clock),
    [TRADEDESK_MATCH_QUEUE]: matchNotifyHandler(deps.db, deps.clock),
    [TRADEDESK_NOTIFY_QUEUE]: tradedeskNotificationHandler(deps.db),
    [MESSAGING_NOTIFY_QUEUE]: messagingNotificationHandler(deps.db),
    [SLA_CLOCK_QUEUE]: slaClockHandler(deps.db, deps.clock),
    [SUPPORT_NOTIFY_QUEUE]: supportNotificationHandler(deps.db),
    [DIGEST_QUEUE]: digestHandler(deps),
    [REMINDERS_QUEUE]: remindersHandler(deps),
    [WEBHOOK_DELIVER_QUEUE]: webhookDeliveryHandler(deps, sendWebhookRequest),
    [WEBHOOK_SWEEP_QUEUE]: webhookSweepHandler(deps),
    [INVOICE_REMINDERS_QUEUE]: invoiceRemindersHandler(deps),
    [YEAR_CLOSE_QUEUE]: yearCloseHandler(deps),
  };
}

/** Rate-limit counters (sign-in throttles, API limits per key and per client address) a day stale. */
export const PRUNE_RATE_LIMITS_QUEUE = 'rate_limits.prune';

/** Clock-driven work: each queues a job on its queue at every occurrence, once across processes. */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  { name: 'prune-finished-jobs', queue: PRUNE_JOBS_QUEUE, every: '1h' },
  { name: 'prune-rate-limits', queue: PRUNE_RATE_LIMITS_QUEUE, every: '1h' },
  // Tenders close within a minute of their deadline; quotes are refused from the deadline itself.
  { name: 'close-due-tenders', queue: TENDER_CLOCK_QUEUE, every: '1m' },
  // Negotiations expire within a minute of their expiry; counter and accept are refused from it on.
  { name: 'expire-negotiations', queue: NEGOTIATION_CLOCK_QUEUE, every: '1m' },
  // Offers leave the desk within a minute of their validity; negotiating on them stops at it.
  { name: 'expire-trade-offers', queue: OFFER_CLOCK_QUEUE, every: '1m' },
  // Complaints escalate within 5 minutes of a missed deadline; reminders go 4 hours ahead.
  { name: 'complaint-sla-clock', queue: SLA_CLOCK_QUEUE, every: '5m' },
  // Each person's daily digest goes out in the run that falls in their chosen local hour.
  { name: 'notification-digests', queue: DIGEST_QUEUE, every: '1h' },
  // Certifications expiring in 30 days, tenders closing within 24 hours.
  { name: 'notification-reminders', queue: REMINDERS_QUEUE, every: '1h' },
  // Held webhook deliveries (paused endpoint resumed, the one ahead finished) go within a minute.
  { name: 'webhook-sweep', queue: WEBHOOK_SWEEP_QUEUE, every: '1m' },
  // Invoices past their due date remind the buyer once per stage (1, 31, 61, 91 days).
  { name: 'invoice-overdue-reminders', queue: INVOICE_REMINDERS_QUEUE, every: '1h' },
];

/**
 * Every subscription of the process, in one place: which queue reacts to which events. Called at
 * start-up (createServer, the test harness); a queue without a handler is a start-up error, as
 * its jobs would pile up unrun.
 */
export function registerSubscriptions(registry: SubscriptionRegistry, handlers: Record<string, JobHandler>): SubscriptionRegistry {
  registry.clear();
  registry.subscribe(notifyingEvents(), NOTIFY_QUEUE);
  registry.subscribe(SOURCING_NOTIFY_EVENTS, SOURCING_NOTIFY_QUEUE);
  registry.subscribe(TRADEDESK_MATCH_EVENTS, TRADEDESK_MATCH_QUEUE);
  registry.subscribe(TRADEDESK_NOTIFY_EVENTS, TRADEDESK_NOTIFY_QUEUE);
  registry.subscribe(MESSAGING_NOTIFY_EVENTS, MESSAGING_NOTIFY_QUEUE);
  registry.subscribe(SUPPORT_NOTIFY_EVENTS, SUPPORT_NOTIFY_QUEUE);
  const unhandled = [...registry.queues()].filter((queue) => !Object.hasOwn(handlers, queue));
  if (unhandled.length > 0) throw new Error(`events are routed to queues nothing runs: ${unhandled.join(', ')}`);
  return registry;
}

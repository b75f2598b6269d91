import { type Executor, inTransaction, type Tx } from '@tradeloom/db';
import { webhookHeaders } from '@tradeloom/shared';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { disableIfFailingTooLong } from './auto-disable.ts';
import { mustWait, wakeReadyDeliveries } from './delivery-order.ts';
import { endpointSecrets } from './endpoint-secrets.ts';
import { enqueueDeliverJob, publishDeliveryChange } from './outbox.ts';
import { nextAttemptAt, WEBHOOK_MAX_ATTEMPTS } from './retry-schedule.ts';
import type { sendWebhookRequest } from './url-guard.ts';
import { bodyText } from './webhook-body.ts';

// Sends one delivery: one attempt per job. The job claims the delivery, signs and posts it
// through the SSRF-guarded sender, logs the attempt, and either finishes the delivery or queues
// the job for its next attempt (retry-schedule.ts). A receiver's failure is an outcome, logged
// and retried on our schedule; only a failure of our own (the database) throws, and the job
// runner retries that job.

const deliverJob = z.object({ deliveryId: z.string(), trigger: z.enum(['automatic', 'replay']) });
type Trigger = z.infer<typeof deliverJob>['trigger'];

/** How long a claimed attempt keeps others off it: past this, a crashed worker's job may try again. */
const CLAIM_MARGIN_MS = 60_000;

type Sender = typeof sendWebhookRequest;
type SendResult = Awaited<ReturnType<Sender>>;
type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export function webhookDeliveryHandler(deps: Deps, send: Sender): JobHandler {
  return {
    async run(raw) {
      const job = deliverJob.parse(raw);
      const now = deps.clock.now();
      const claimed = await inTransaction(deps.db, (trx) => claim(trx, deps, job.deliveryId, job.trigger, now));
      if (!claimed) return;
      const { delivery, endpoint } = claimed;
      const body = bodyText(delivery.payload);
      const headers = await webhookHeaders(endpointSecrets(deps.config, endpoint, now), {
        id: delivery.message_id,
        timestamp: Math.floor(now.getTime() / 1000),
        body,
      });
      const result = await send({
        url: endpoint.url,
        headers: { ...headers },
        body,
        timeoutMs: deps.config.webhooks.timeoutMs,
        config: deps.config.webhooks,
      });
      await inTransaction(deps.db, (trx) => record(trx, claimed, { trigger: job.trigger, now, result }));
    },
  };
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claim>>>;

/**
 * Takes the delivery for this attempt, or says why not: already sent or given up (a job run
 * twice), not due (another job holds it), its endpoint deleted (failed), paused or disabled
 * (held until resumed), or an older delivery about the same record still pending (held).
 */
async function claim(trx: Tx, deps: Deps, deliveryId: string, trigger: Trigger, now: Date) {
  const delivery = await trx
    .selectFrom('webhook_deliveries')
    .select(['id', 'endpoint_id', 'company_id', 'message_id', 'payload', 'status', 'attempts', 'next_attempt_at'])
    .where('id', '=', deliveryId)
    .forUpdate()
    .executeTakeFirst();
  if (delivery?.status !== 'pending' || !delivery.next_attempt_at || delivery.next_attempt_at > now) return null;
  const endpoint = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'company_id', 'url', 'status', 'secret', 'previous_secret', 'previous_secret_expires_at', 'deleted_at'])
    .where('id', '=', delivery.endpoint_id)
    .executeTakeFirstOrThrow();
  if (endpoint.deleted_at) {
    await finishWithoutSending(trx, delivery, now, 'The endpoint was deleted.');
    return null;
  }
  if (endpoint.status !== 'active' || (trigger === 'automatic' && (await mustWait(trx, delivery.id)))) {
    await hold(trx, delivery.id);
    return null;
  }
  await trx
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: new Date(now.getTime() + deps.config.webhooks.timeoutMs + CLAIM_MARGIN_MS) })
    .where('id', '=', delivery.id)
    .execute();
  return { delivery, endpoint };
}

/** Pending without a due time or a job: woken when its endpoint resumes or the one ahead finishes. */
async function hold(trx: Executor, deliveryId: string): Promise<void> {
  await trx.updateTable('webhook_deliveries').set({ next_attempt_at: null }).where('id', '=', deliveryId).execute();
}

async function finishWithoutSending(trx: Executor, delivery: { id: string; company_id: string }, now: Date, reason: string) {
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: reason, last_attempt_at: now })
    .where('id', '=', delivery.id)
    .execute();
  await publishDeliveryChange(trx, delivery.company_id, delivery.id);
}

const succeeded = (result: SendResult) =>
  result.error === null && result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;

/** The reason kept on the delivery: the sender's error, else the status the receiver answered. */
const failureOf = (result: SendResult) => result.error ?? `The receiver answered HTTP ${result.statusCode}.`;

/** Logs the attempt and moves the delivery on: sent, retried later, or failed for good. */
async function record(
  trx: Tx,
  { delivery, endpoint }: Claimed,
  { trigger, now, result }: { trigger: Trigger; now: Date; result: SendResult },
) {
  const attempts = delivery.attempts + 1;
  await trx
    .insertInto('webhook_attempts')
    .values({
      delivery_id: delivery.id,
      attempted_at: now,
      status_code: result.statusCode,
      duration_ms: Math.round(result.durationMs),
      error: result.error,
      response_excerpt: result.responseExcerpt,
      trigger,
    })
    .execute();
  const ok = succeeded(result);
  // A replay is one attempt the admin asked for; automatic retries follow the schedule.
  const retryAt = ok || trigger === 'replay' || attempts >= WEBHOOK_MAX_ATTEMPTS ? null : nextAttemptAt(now, attempts);
  await trx
    .updateTable('webhook_deliveries')
    .set({
      status: ok ? 'succeeded' : retryAt ? 'pending' : 'failed',
      attempts,
      last_attempt_at: now,
      last_status_code: result.statusCode,
      last_error: ok ? null : failureOf(result),
      next_attempt_at: retryAt,
      ...(ok ? { succeeded_at: now } : {}),
    })
    .where('id', '=', delivery.id)
    .execute();
  if (retryAt) await enqueueDeliverJob(trx, { deliveryId: delivery.id, trigger: 'automatic' }, retryAt);
  await trx
    .updateTable('webhook_endpoints')
    .set(ok ? { failing_since: null } : (eb) => ({ failing_since: eb.fn.coalesce('failing_since', eb.val(now)) }))
    .where('id', '=', endpoint.id)
    .execute();
  await publishDeliveryChange(trx, delivery.company_id, delivery.id);
  if (!ok) await disableIfFailingTooLong(trx, endpoint.id, now);
  // Finished: the next delivery about the same record may go.
  if (!retryAt) await wakeReadyDeliveries(trx, now, endpoint.id);
}

import type { DomainEventName } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../deps.ts';
import { countKeyUsage, utcDay } from '../modules/api-keys/api-key-usage.ts';
import { createApiKey, setApiKeyRateLimit } from '../modules/api-keys/api-keys.service.ts';
import { webhookDeliveryHandler } from '../modules/webhooks/deliver.job.ts';
import { listDeliveries, replayDelivery } from '../modules/webhooks/deliveries.service.ts';
import { createEndpoint, getEndpoint, updateEndpoint } from '../modules/webhooks/endpoints.service.ts';
import type { sendWebhookRequest } from '../modules/webhooks/url-guard.ts';

/**
 * Where the demo supplier's webhook endpoint posts: a receiver on the same machine (README,
 * "Integrations"). Nothing listens there until someone starts one; the endpoint is paused.
 */
export const DEMO_WEBHOOK_URL = 'http://127.0.0.1:9000/tradeloom-webhooks';

/** What the trader's Tally bridge wants to hear about: its sales orders moving, and complaints. */
const DEMO_WEBHOOK_EVENTS: DomainEventName[] = [
  'order.submitted',
  'order.accepted',
  'order.shipped',
  'order.delivered',
  'order.completed',
  'complaint.filed',
  'complaint.resolved',
];

/** The seed's own context, allowed to reach the documented local address (a receiver on 127.0.0.1 over http). */
function localReceiverContext(ctx: ServiceContext): ServiceContext {
  const { config } = ctx.deps;
  const webhooks = { ...config.webhooks, allowHosts: [...config.webhooks.allowHosts, '127.0.0.1'], allowHttp: true };
  return { ...ctx, deps: { ...ctx.deps, config: { ...config, webhooks } } };
}

/**
 * The trader's endpoint, registered before its orders are seeded: every order and complaint event
 * after this queues a delivery through the outbox, in the event's own transaction, as in real use.
 */
export async function subscribeDemoWebhook(ctx: ServiceContext, trader: CompanyActor): Promise<string> {
  const { id } = await createEndpoint(localReceiverContext(ctx), trader, {
    url: DEMO_WEBHOOK_URL,
    events: DEMO_WEBHOOK_EVENTS,
    description: 'Tally bridge on the accounts PC',
  });
  return id;
}

type Sender = typeof sendWebhookRequest;
const answered =
  (statusCode: number, excerpt: string, durationMs: number): Sender =>
  async () => ({
    statusCode,
    responseExcerpt: excerpt,
    error: statusCode < 300 ? null : `The receiver answered HTTP ${statusCode}.`,
    address: '127.0.0.1',
    durationMs,
  });

/**
 * The delivery log as a week of use leaves it: the queued deliveries go out through the real
 * delivery job, to a stand-in for the receiver (the demo cannot count on one listening): most are
 * taken, the newest met a 503 and waits for its retry, one replay failed while Tally was closed;
 * then the admin paused the endpoint, so what came after waits for it to be resumed.
 */
export async function settleDemoWebhooks(ctx: ServiceContext, trader: CompanyActor, endpointId: string): Promise<void> {
  const local = localReceiverContext(ctx);
  const pending = (await listDeliveries(ctx, trader, { endpointId, status: 'pending', limit: 100 })).items.reverse();
  const retrying = pending.at(-1);
  const delivered = pending.slice(0, -1);
  const accept = webhookDeliveryHandler(local.deps, answered(200, '{"ok":true,"voucher":"imported"}', 184));
  const unavailable = webhookDeliveryHandler(local.deps, answered(503, 'Tally is not running on this PC', 41));
  // Run here rather than by the job runner (their queued jobs then find nothing left to send).
  const direct = { id: 0, attempts: 0 };
  for (const delivery of delivered) await accept.run({ deliveryId: delivery.id, trigger: 'automatic' }, direct);
  if (retrying) await unavailable.run({ deliveryId: retrying.id, trigger: 'automatic' }, direct);
  const replayed = delivered.at(0);
  if (replayed) {
    await replayDelivery(local, trader, replayed.id);
    await unavailable.run({ deliveryId: replayed.id, trigger: 'replay' }, direct);
  }
  const { version } = await getEndpoint(ctx, trader, endpointId);
  await updateEndpoint(local, trader, { endpointId, version, status: 'paused' });
}

/**
 * The trader's ERP key: orders and catalog read, limited below the default, with a week of calls
 * per day (two days ran into the limit during the month-end sync).
 */
export async function seedDemoApiKey(ctx: ServiceContext, trader: CompanyActor): Promise<void> {
  const key = await createApiKey(ctx, trader, { name: 'Tally sync (accounts PC)', scopes: ['orders:read', 'catalog:read'] });
  await setApiKeyRateLimit(ctx, trader, { apiKeyId: key.id, perMinute: 120 });
  const week = [412, 388, 1_960, 2_240, 405, 397, 126];
  const limitedOn = new Map([
    [2, 37],
    [3, 112],
  ]);
  const today = ctx.deps.clock.now().getTime();
  for (const [index, requests] of week.entries()) {
    const day = utcDay(new Date(today - (week.length - 1 - index) * 86_400_000));
    await countKeyUsage(ctx.deps.db, {
      apiKeyId: key.id,
      companyId: trader.companyId,
      day,
      requests,
      limited: limitedOn.get(index) ?? 0,
    });
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '@tradeloom/server';
import { expect } from 'vitest';
import type { Caller, TestApp } from '../harness/app.ts';
import { startWebhookReceiver } from '../harness/webhook-receiver.ts';

// A real receiver for webhook tests (node:http on 127.0.0.1, port 0), endpoints registered through
// the endpoint service, and a signature check independent of the app's code.

/** Plain http to 127.0.0.1 is allowed for the local receiver; attempts time out fast. */
export const WEBHOOK_TEST_CONFIG: Partial<Config> = {
  webhooks: { allowHosts: ['127.0.0.1'], allowHttp: true, timeoutMs: 3000 },
};

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  answered: number;
}

/** Answers each request with a status chosen from what arrived so far (200 unless told otherwise). */
export type Answer = (hook: Omit<ReceivedHook, 'answered'>) => number;

export async function startReceiver(answer: Answer = () => 200) {
  const received: ReceivedHook[] = [];
  let respond = answer;
  const receiver = await startWebhookReceiver((hook) => {
    const status = respond(hook);
    received.push({ ...hook, answered: status });
    return { status, body: status < 300 ? 'thanks' : 'receiver is down' };
  });
  return {
    /** A fresh path per endpoint, so one receiver can serve several and tell them apart. */
    url: (name: string) => `${receiver.url}/${name}`,
    received,
    to: (name: string) => received.filter((hook) => hook.path === `/${name}`),
    answerWith(next: Answer) {
      respond = next;
    },
    close: receiver.close,
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * An endpoint registered by the company's admin through `webhooks.endpoints.create` (URL checks,
 * sealed secret and all), paused afterwards if asked. Returns its id and the secret shown once.
 */
export async function addEndpoint(admin: Caller, url: string, events: string[], options: { paused?: boolean } = {}) {
  const { id, secret, endpoint } = await admin.webhooks.endpoints.create({ url, events });
  if (options.paused) await admin.webhooks.endpoints.update({ endpointId: id, version: endpoint.version, status: 'paused' });
  return { id, secret };
}

/** The signature a receiver expects for one secret, computed here with node:crypto (not the app's code). */
export function expectedSignature(secret: string, hook: ReceivedHook): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = `${hook.headers['webhook-id']}.${hook.headers['webhook-timestamp']}.${hook.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

/** The hook carries a valid `v1` signature for `secret` among its space-separated signatures. */
export function expectSignedWith(secret: string, hook: ReceivedHook): void {
  const expected = Buffer.from(expectedSignature(secret, hook));
  const given = String(hook.headers['webhook-signature'] ?? '').split(' ');
  expect(given.some((signature) => signature.length === expected.length && timingSafeEqual(Buffer.from(signature), expected))).toBe(true);
}

export async function deliveriesOf(app: TestApp, endpointId: string) {
  return app.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at')
    .orderBy('event_id')
    .execute();
}

export async function attemptsOf(app: TestApp, deliveryId: string) {
  return app.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhook, verifyWebhook, WebhookVerificationError, webhookHeaders } from '@tradeloom/shared';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';

// The published example of the Standard Webhooks reference library
// (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts, "sign function works").
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const specTime = new Date(SPEC.timestamp * 1000);

function headersFor(signature: string, timestamp = SPEC.timestamp, id = SPEC.id) {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

async function rejection(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe('signWebhook', () => {
  it('reproduces the specification example signature', async () => {
    expect(await signWebhook(SPEC.secret, { id: SPEC.id, timestamp: SPEC.timestamp, body: SPEC.body })).toBe(SPEC.signature);
  });

  it('accepts the secret without its whsec_ prefix, as the reference library does', async () => {
    const bare = SPEC.secret.slice('whsec_'.length);
    expect(await signWebhook(bare, { id: SPEC.id, timestamp: SPEC.timestamp, body: SPEC.body })).toBe(SPEC.signature);
  });

  it('equals an HMAC-SHA256 computed independently with node:crypto over id.timestamp.body', async () => {
    const secret = newWebhookSecret();
    const message = { id: 'msg_1', timestamp: 1_800_000_000, body: '{"type":"order.submitted","data":{"note":"₹ 1,00,000"}}' };
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${message.id}.${message.timestamp}.${message.body}`, 'utf8').digest('base64');
    expect(await signWebhook(secret, message)).toBe(`v1,${expected}`);
  });

  it('refuses an empty or malformed secret', async () => {
    await expect(signWebhook('whsec_', { id: 'a', timestamp: 1, body: '{}' })).rejects.toThrow('empty');
    await expect(signWebhook('whsec_not base64!', { id: 'a', timestamp: 1, body: '{}' })).rejects.toThrow('base64');
  });
});

describe('newWebhookSecret', () => {
  it('is whsec_ and the base64 of 32 random bytes, different every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => newWebhookSecret()));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
  });
});

describe('verifyWebhook', () => {
  it('accepts the specification example and returns the parsed body', async () => {
    const payload = await verifyWebhook(SPEC.secret, headersFor(SPEC.signature), SPEC.body, { now: specTime });
    expect(payload).toEqual({ test: 2432232314 });
  });

  it('reads the headers in any letter case and from a fetch Headers object', async () => {
    const upper = { 'Webhook-Id': SPEC.id, 'WEBHOOK-TIMESTAMP': String(SPEC.timestamp), 'Webhook-Signature': SPEC.signature };
    await expect(verifyWebhook(SPEC.secret, upper, SPEC.body, { now: specTime })).resolves.toEqual({ test: 2432232314 });
    await expect(verifyWebhook(SPEC.secret, new Headers(upper), SPEC.body, { now: specTime })).resolves.toEqual({ test: 2432232314 });
  });

  it('refuses a tampered body', async () => {
    const error = await rejection(verifyWebhook(SPEC.secret, headersFor(SPEC.signature), '{"test": 2432232315}', { now: specTime }));
    expect(error.message).toMatch(/No matching signature/);
  });

  it('refuses a changed webhook-id or timestamp (both are signed)', async () => {
    await rejection(verifyWebhook(SPEC.secret, headersFor(SPEC.signature, SPEC.timestamp, 'msg_other'), SPEC.body, { now: specTime }));
    await rejection(verifyWebhook(SPEC.secret, headersFor(SPEC.signature, SPEC.timestamp + 1), SPEC.body, { now: specTime }));
  });

  it('refuses the right signature checked with another secret', async () => {
    const error = await rejection(verifyWebhook(newWebhookSecret(), headersFor(SPEC.signature), SPEC.body, { now: specTime }));
    expect(error.message).toMatch(/No matching signature/);
  });

  it('refuses a timestamp older or newer than the tolerance, and accepts one just inside it', async () => {
    const at = (seconds: number) => new Date((SPEC.timestamp + seconds) * 1000);
    const old = await rejection(verifyWebhook(SPEC.secret, headersFor(SPEC.signature), SPEC.body, { now: at(301) }));
    expect(old.message).toMatch(/too old/);
    const future = await rejection(verifyWebhook(SPEC.secret, headersFor(SPEC.signature), SPEC.body, { now: at(-301) }));
    expect(future.message).toMatch(/too new/);
    await expect(verifyWebhook(SPEC.secret, headersFor(SPEC.signature), SPEC.body, { now: at(300) })).resolves.toBeDefined();
    await expect(verifyWebhook(SPEC.secret, headersFor(SPEC.signature), SPEC.body, { now: at(-300) })).resolves.toBeDefined();
    const strict = await rejection(
      verifyWebhook(SPEC.secret, headersFor(SPEC.signature), SPEC.body, { now: at(11), toleranceSeconds: 10 }),
    );
    expect(strict.message).toMatch(/too old: more than 10 s/);
  });

  it('names each missing header and refuses a timestamp that is not whole seconds', async () => {
    const missing = await rejection(verifyWebhook(SPEC.secret, { 'webhook-id': SPEC.id }, SPEC.body, { now: specTime }));
    expect(missing.message).toBe('Missing header: webhook-timestamp, webhook-signature');
    for (const timestamp of ['hello', '1614265330.5', '-1614265330', '']) {
      const headers = { ...headersFor(SPEC.signature), 'webhook-timestamp': timestamp };
      await rejection(verifyWebhook(SPEC.secret, headers, SPEC.body, { now: specTime }));
    }
  });

  it('refuses truncated, empty, unversioned and other-scheme signatures', async () => {
    const sig = SPEC.signature.slice(3);
    for (const signature of [SPEC.signature.slice(0, 8), 'v1,', sig, `v1a,${sig}`, `v2,${sig}`, 'v1,dawfeoifkpqwoekfpqoekf', '  ']) {
      await rejection(verifyWebhook(SPEC.secret, headersFor(signature), SPEC.body, { now: specTime }));
    }
  });

  it('accepts when any one of several space-separated signatures matches', async () => {
    const decoy = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';
    const list = [decoy, 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', 'v1,not*base64', SPEC.signature, decoy].join(' ');
    await expect(verifyWebhook(SPEC.secret, headersFor(list), SPEC.body, { now: specTime })).resolves.toEqual({ test: 2432232314 });
  });

  it('refuses a signed body that is not JSON', async () => {
    const message = { id: 'msg_x', timestamp: SPEC.timestamp, body: 'not json' };
    const headers = await webhookHeaders([SPEC.secret], message);
    const error = await rejection(verifyWebhook(SPEC.secret, headers, message.body, { now: specTime }));
    expect(error.message).toMatch(/not valid JSON/);
  });
});

describe('webhookHeaders and secret rotation', () => {
  const message = {
    id: 'msg_rotation',
    timestamp: 1_800_000_000,
    body: '{"type":"webhook.test","timestamp":"2027-01-15T08:00:00.000Z","data":{}}',
  };
  const now = new Date(message.timestamp * 1000);

  it('builds the three headers with one signature per secret', async () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = await webhookHeaders([current, previous], message);
    expect(headers['webhook-id']).toBe(message.id);
    expect(headers['webhook-timestamp']).toBe('1800000000');
    expect(headers['webhook-signature'].split(' ')).toEqual([await signWebhook(current, message), await signWebhook(previous, message)]);
  });

  it('during the overlap a receiver holding either the new or the old secret verifies, a third does not', async () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = await webhookHeaders([current, previous], message);
    await expect(verifyWebhook(current, headers, message.body, { now })).resolves.toMatchObject({ type: 'webhook.test' });
    await expect(verifyWebhook(previous, headers, message.body, { now })).resolves.toMatchObject({ type: 'webhook.test' });
    await rejection(verifyWebhook(newWebhookSecret(), headers, message.body, { now }));
  });

  it('after the overlap only the new secret signs: the old one no longer verifies', async () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = await webhookHeaders([current], message);
    await expect(verifyWebhook(current, headers, message.body, { now })).resolves.toBeDefined();
    await rejection(verifyWebhook(previous, headers, message.body, { now }));
  });

  it('refuses to build headers without a secret', async () => {
    await expect(webhookHeaders([], message)).rejects.toThrow('at least one secret');
  });
});

describe('interoperability with the official standardwebhooks library', () => {
  it('the official library verifies what we sign, with both rotation signatures in the header', async () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const message = {
      id: 'msg_interop',
      timestamp: Math.floor(Date.now() / 1000),
      body: '{"type":"order.accepted","data":{"orderId":"o-1"}}',
    };
    const headers = await webhookHeaders([current, previous], message);
    expect(new Webhook(current).verify(message.body, { ...headers })).toEqual(JSON.parse(message.body));
    expect(new Webhook(previous).verify(message.body, { ...headers })).toEqual(JSON.parse(message.body));
    expect(() => new Webhook(newWebhookSecret()).verify(message.body, { ...headers })).toThrow();
  });

  it('we verify what the official library signs', async () => {
    const secret = newWebhookSecret();
    const id = 'msg_official';
    const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000);
    const body = '{"type":"invoice.issued","data":{}}';
    const signature = new Webhook(secret).sign(id, timestamp, body);
    const headers = headersFor(signature, timestamp.getTime() / 1000, id);
    await expect(verifyWebhook(secret, headers, body)).resolves.toEqual(JSON.parse(body));
  });
});

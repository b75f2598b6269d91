import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WebhookVerificationError } from '@tradeloom/sdk';
import { newWebhookSecret, webhookHeaders } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A receiver written the way an integrator would, with nothing but the SDK: it verifies each POST
// against its endpoint secret and answers 204, or 400 with the reason.
const secret = newWebhookSecret();
const received: unknown[] = [];
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      received.push(await verifyWebhook(secret, request.headers, Buffer.concat(chunks).toString('utf8')));
      response.writeHead(204).end();
    } catch (error) {
      const refused = error instanceof WebhookVerificationError;
      response.writeHead(refused ? 400 : 500).end(refused ? error.message : 'receiver bug');
    }
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/tradeloom`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function post(headers: Record<string, string>, body: string) {
  const response = await fetch(receiverUrl, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

describe('SDK verifyWebhook in a receiver', () => {
  it('verifies the specification example through the SDK export', async () => {
    const payload = await verifyWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      {
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': '1614265330',
        'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      },
      '{"test": 2432232314}',
      { now: new Date(1614265330 * 1000) },
    );
    expect(payload).toEqual({ test: 2432232314 });
  });

  it('accepts a signed delivery over HTTP and hands over its payload', async () => {
    const body = JSON.stringify({ type: 'order.submitted', timestamp: new Date().toISOString(), data: { orderId: 'o-42' } });
    const headers = await webhookHeaders([secret], { id: 'msg_sdk_ok', timestamp: Math.floor(Date.now() / 1000), body });
    expect(await post({ ...headers }, body)).toEqual({ status: 204, text: '' });
    expect(received).toContainEqual(JSON.parse(body));
  });

  it('answers 400 with the reason when the body was changed on the way', async () => {
    const body = JSON.stringify({ type: 'order.submitted', data: { amount: '1000' } });
    const headers = await webhookHeaders([secret], { id: 'msg_sdk_bad', timestamp: Math.floor(Date.now() / 1000), body });
    const answer = await post({ ...headers }, body.replace('1000', '9000'));
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/No matching signature/);
  });

  it('answers 400 to a replay of an old delivery', async () => {
    const body = '{"type":"order.accepted","data":{}}';
    const headers = await webhookHeaders([secret], { id: 'msg_sdk_old', timestamp: Math.floor(Date.now() / 1000) - 3600, body });
    const answer = await post({ ...headers }, body);
    expect(answer).toEqual({ status: 400, text: expect.stringMatching(/too old/) });
  });
});

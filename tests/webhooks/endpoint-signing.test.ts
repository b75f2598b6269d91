import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';
import { expectedSignature, expectSignedWith, type Receiver, startReceiver, WEBHOOK_TEST_CONFIG } from './delivery-fixtures.ts';

// The endpoint service and the sender together, through the router, to a real receiver: the
// secret shown once at create (stored sealed) is the one that signs, a rotation's overlap signs
// with both, and a replay sends the same message again.

let app: TestApp;
let receiver: Receiver;
beforeAll(async () => {
  app = await setupTestApp(WEBHOOK_TEST_CONFIG);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await app.close();
});

describe('an admin’s endpoint, signed end to end', () => {
  it('the test event is signed with the secret shown at create', async () => {
    const co = await createCompany(app, 'SignCreate');
    const admin = co.members.admin.caller;
    const created = await admin.webhooks.endpoints.create({ url: receiver.url('create'), events: ['order.submitted'] });
    const { deliveryId } = await admin.webhooks.endpoints.test({ endpointId: created.id });
    await app.runner.drain();
    const [hook] = receiver.to('create');
    expect(hook).toBeDefined();
    if (!hook) return;
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: created.id, company: co.name } });
    expect(hook.headers['webhook-signature']).toBe(expectedSignature(created.secret, hook));
    const detail = await admin.webhooks.deliveries.get({ deliveryId });
    expect(detail).toMatchObject({ delivery: { status: 'succeeded', attempts: 1 }, body: hook.body });
    expect(detail.attempts.map((attempt) => attempt.statusCode)).toEqual([200]);
    expect((await admin.webhooks.endpoints.get({ endpointId: created.id })).recent).toEqual({ succeeded: 1, failed: 0, pending: 0 });
  });

  it('during a rotation’s overlap both secrets sign; with overlap 0 only the new one', async () => {
    const co = await createCompany(app, 'SignRotate');
    const admin = co.members.admin.caller;
    const created = await admin.webhooks.endpoints.create({ url: receiver.url('rotate'), events: ['order.submitted'] });
    const first = await admin.webhooks.endpoints.rotateSecret({ endpointId: created.id, version: 1, overlapHours: 24 });
    await admin.webhooks.endpoints.test({ endpointId: created.id });
    await app.runner.drain();
    const overlapping = receiver.to('rotate').at(-1);
    if (!overlapping) throw new Error('nothing received during the overlap');
    expectSignedWith(first.secret, overlapping);
    expectSignedWith(created.secret, overlapping);

    const second = await admin.webhooks.endpoints.rotateSecret({ endpointId: created.id, version: 2, overlapHours: 0 });
    await admin.webhooks.endpoints.test({ endpointId: created.id });
    await app.runner.drain();
    const after = receiver.to('rotate').at(-1);
    if (!after || after === overlapping) throw new Error('nothing received after the second rotation');
    expect(after.headers['webhook-signature']).toBe(expectedSignature(second.secret, after));
  });

  it('a replayed delivery reaches the receiver again with the same webhook-id and body', async () => {
    const co = await createCompany(app, 'SignReplay');
    const admin = co.members.admin.caller;
    const created = await admin.webhooks.endpoints.create({ url: receiver.url('replay'), events: ['order.submitted'] });
    const { deliveryId } = await admin.webhooks.endpoints.test({ endpointId: created.id });
    await app.runner.drain();
    const replayed = await admin.webhooks.deliveries.replay({ deliveryId });
    expect(replayed.status).toBe('pending');
    await app.runner.drain();
    const hooks = receiver.to('replay');
    expect(hooks).toHaveLength(2);
    expect(hooks[1]?.headers['webhook-id']).toBe(hooks[0]?.headers['webhook-id']);
    expect(hooks[1]?.body).toBe(hooks[0]?.body);
    const detail = await admin.webhooks.deliveries.get({ deliveryId });
    expect(detail.attempts.map((attempt) => attempt.trigger)).toEqual(['automatic', 'replay']);
  });
});

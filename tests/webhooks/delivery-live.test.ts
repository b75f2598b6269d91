import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';
import { type LiveStream, openLiveStream } from '../harness/live.ts';
import { addEndpoint, type Receiver, startReceiver, WEBHOOK_TEST_CONFIG } from './delivery-fixtures.ts';

// The delivery log refreshes live: each change of a delivery is announced to the company's
// streams, heard only by those who may manage webhooks (owner and admin).

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
let receiver: Receiver;
const streams: LiveStream[] = [];
beforeAll(async () => {
  app = await setupTestApp(WEBHOOK_TEST_CONFIG);
  http = await app.startHttp();
  receiver = await startReceiver();
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await receiver?.close();
  await http?.close();
  await app?.close();
});

async function listen(token: string) {
  const stream = await openLiveStream(http.url, { cookie: `tl_session=${token}` });
  streams.push(stream);
  return stream;
}

it('announces a delivery when queued and when sent, to admins only', async () => {
  const company = await createCompany(app, 'LiveHook');
  const admin = company.members.admin;
  const endpoint = await addEndpoint(admin.caller, receiver.url('live'), ['order.submitted']);
  const adminTab = await listen(admin.token);
  const staffTab = await listen(company.members.staff.token);

  const { deliveryId } = await admin.caller.webhooks.endpoints.test({ endpointId: endpoint.id });
  const aboutIt = (m: { type: string; entityType: string; entityId: string }) =>
    m.entityType === 'webhook_delivery' && m.entityId === deliveryId;
  await adminTab.waitFor(aboutIt);
  const heardWhenQueued = adminTab.messages.length;
  await app.runner.drain();
  expect(receiver.to('live')).toHaveLength(1);
  await adminTab.waitFor((m) => aboutIt(m) && adminTab.messages.length > heardWhenQueued);

  // The staff member's stream is open and hears other things, never a delivery.
  expect(staffTab.status).toBe(200);
  expect(staffTab.messages).not.toContainEqual(expect.objectContaining({ entityType: 'webhook_delivery' }));
}, 60_000);

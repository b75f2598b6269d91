import { vi } from 'vitest';

// Before the server module loads: streams end after two seconds, so reconnection shows quickly.
vi.hoisted(() => {
  process.env.LIVE_STREAM_MAX_MS = '2000';
});

import { createClient } from '@tradeloom/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';

// The server read it on import; later test files in this worker process must get the default.
delete process.env.LIVE_STREAM_MAX_MS;

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

it('a live stream that reaches its maximum duration reconnects by itself and keeps delivering', async () => {
  const company = await createCompany(app, 'Reconnect');
  const { key } = await company.members.admin.caller.apiKeys.create({ name: 'listener', scopes: ['company:read', 'catalog:read'] });
  const client = createClient({ url: http.url, apiKey: key });
  const heard: string[] = [];
  const subscription = client.live.updates.subscribe(undefined, { onData: (change) => heard.push(change.type) });
  try {
    const streams = () => heard.filter((type) => type === 'live.ready').length;
    // The first stream ends after two seconds; the client opens the next one (after EventSource's retry delay).
    await expect.poll(streams, { timeout: 10_000, interval: 100 }).toBeGreaterThan(1);
    // Change something early in a fresh stream, far from its end (a change between streams is not replayed).
    const seen = streams();
    await expect.poll(streams, { timeout: 10_000, interval: 50 }).toBeGreaterThan(seen);
    await company.members.staff.caller.catalog.products.create({
      sku: 'RC-1',
      name: 'After reconnect',
      unit: 'kg',
      price: '1',
      currency: 'INR',
    });
    await expect.poll(() => heard, { timeout: 5000 }).toContain('product.created');
  } finally {
    subscription.unsubscribe();
  }
}, 30_000);

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// /metrics labels requests by route template — never by raw path, which carries ids and lets anyone
// grow the registry without bound — and is readable only by whoever the configuration allows.
let app: TestApp;
let company: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  company = await createCompany(app, 'Metrics');
});
afterAll(() => app.close());

const routeLabels = (metrics: string) => new Set([...metrics.matchAll(/route="([^"]*)"/g)].map((match) => match[1]));

async function withHttp<T>(config: Partial<TestApp['deps']['config']>, run: (url: string) => Promise<T>): Promise<T> {
  const http = await app.startHttp({ config: { ...app.deps.config, ...config } });
  try {
    return await run(http.url);
  } finally {
    await http.close();
  }
}

describe('metrics labels', () => {
  it('labels by route template: ids never appear, and distinct random paths add no labels', async () => {
    await withHttp({}, async (url) => {
      const cookie = { cookie: `tl_session=${company.members.owner.token}` };
      const fileId = randomUUID();
      const orderId = randomUUID();
      await fetch(`${url}/files/${fileId}`, { headers: cookie });
      await fetch(`${url}/documents/orders/${orderId}.pdf`, { headers: cookie });
      await fetch(`${url}/trpc/auth.me`, { headers: cookie });
      await fetch(`${url}/healthz`);
      await fetch(`${url}/files`, { method: 'POST', headers: { ...cookie, origin: 'http://tradeloom.test' } });
      const seeded = routeLabels(await (await fetch(`${url}/metrics`)).text());
      expect(seeded).toEqual(new Set(['/files/:fileId', '/files', '/documents/orders/:orderId.pdf', '/trpc/auth.me', '/healthz']));

      const noise = Array.from({ length: 300 }, (_, i) => [
        `/no-such-page-${randomUUID()}`,
        `/trpc/made.up${i}`,
        `/trpc/auth.me,made.up${i}`,
        `/files/${randomUUID()}-x`,
        `/assets/${randomUUID()}.js`,
      ]).flat();
      for (const path of noise) await fetch(`${url}${path}`, { method: 'GET' });
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(routeLabels(text)).toEqual(new Set([...seeded, '/metrics', 'unmatched']));
      expect(text).not.toContain(fileId);
      expect(text).not.toContain(orderId);
      expect(text).not.toContain('made.up');
    });
  });
});

describe('metrics access', () => {
  const TOKEN = 'metrics-token-0123456789';

  it('with METRICS_TOKEN, answers only a scraper that sends it as a bearer token', async () => {
    await withHttp({ metricsToken: TOKEN, env: 'production' }, async (url) => {
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abc' } })).status).toBe(401);
      const allowed = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('process_cpu_seconds_total');
    });
  });

  it('without a token: absent (404) in production, open outside it', async () => {
    await withHttp({ metricsToken: undefined, env: 'production' }, async (url) => {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('process_cpu_seconds_total');
    });
    await withHttp({ metricsToken: undefined, env: 'development' }, async (url) => {
      expect((await fetch(`${url}/metrics`)).status).toBe(200);
    });
  });
});

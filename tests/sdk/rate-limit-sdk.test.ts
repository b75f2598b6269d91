import { createClient, errorReason, retryAfterSeconds } from '@tradeloom/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// The SDK against the server's own limiter (per key, per minute, over real HTTP). The window is
// the limiter's minute on the app's clock, which the test moves forward instead of waiting.
const PER_MINUTE = 2;

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let company: TestCompany;
beforeAll(async () => {
  app = await setupTestApp({ apiRateLimit: { defaultPerMinute: PER_MINUTE, ceilingPerMinute: 50, anonymousPerMinute: 100 } });
  http = await app.startHttp();
  company = await createCompany(app, 'SdkLimits');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

/** A client on a new key, and the status of every HTTP answer it got. */
async function keyedClient(rateLimit?: { maxRetryWaitSeconds: number }) {
  const { key } = await company.members.admin.caller.apiKeys.create({ name: 'ERP', scopes: ['company:read'] });
  const statuses: number[] = [];
  const client = createClient({
    url: http.url,
    apiKey: key,
    ...(rateLimit ? { rateLimit } : {}),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
  return { client, statuses };
}

describe('SDK against the server rate limiter', () => {
  it('a call over the limit near the end of the window waits Retry-After, retries once and succeeds', async () => {
    const { client, statuses } = await keyedClient();
    for (let i = 0; i < PER_MINUTE; i++) await client.companies.current.query();
    // Half a second before the window ends: the server answers 429 with Retry-After: 1.
    app.clock.advance(59_500);
    const current = await client.companies.current.query();
    expect(current.id).toBe(company.id);
    expect(statuses).toEqual([200, 200, 429, 200]);
  });

  it('a wait longer than the SDK sleeps through fails at once with RATE_LIMITED and the seconds to wait', async () => {
    const { client, statuses } = await keyedClient({ maxRetryWaitSeconds: 5 });
    for (let i = 0; i < PER_MINUTE; i++) await client.companies.current.query();
    const error = await client.companies.current.query().catch((e: unknown) => e);
    expect(errorReason(error)).toBe('RATE_LIMITED');
    const wait = retryAfterSeconds(error);
    expect(wait).toBeGreaterThan(5);
    expect(wait).toBeLessThanOrEqual(60);
    expect((error as Error).message).toContain(`this API key may make ${PER_MINUTE} a minute`);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

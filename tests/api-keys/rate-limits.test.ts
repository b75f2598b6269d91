import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers, PRUNE_RATE_LIMITS_QUEUE } from '../../server/src/jobs.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// Real HTTP against the app: the limiter sits in front of /trpc and /api/v1, so callers that skip
// Express would not see it. Small limits keep the calls few; each test uses its own key or IP.
const LIMITS = { defaultPerMinute: 5, ceilingPerMinute: 50, anonymousPerMinute: 4 };

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let company: TestCompany;
beforeAll(async () => {
  // One proxy hop trusted, so each test can speak from its own client address.
  app = await setupTestApp({ apiRateLimit: LIMITS, trustProxyHops: 1 });
  http = await app.startHttp();
  company = await createCompany(app, 'Limits');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const newKey = async (name = 'ERP') => company.members.admin.caller.apiKeys.create({ name, scopes: ['company:read'] });
// Each call a fresh address (a random one could repeat another test's and meet its count).
let lastIp = 0;
const uniqueIp = () => `198.51.100.${++lastIp}`;

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${http.url}${path}`, { headers });
}
const withKey = (key: string, path = '/trpc/companies.current') => get(path, { authorization: `Bearer ${key}` });
const fromIp = (ip: string, path = '/trpc/auth.me') => get(path, { 'x-forwarded-for': ip });

function limitHeaders(response: Response) {
  const header = (name: string) => response.headers.get(name);
  return {
    limit: Number(header('ratelimit-limit')),
    remaining: Number(header('ratelimit-remaining')),
    reset: Number(header('ratelimit-reset')),
    retryAfter: header('retry-after') === null ? null : Number(header('retry-after')),
  };
}

async function callsUntilRefused(call: () => Promise<Response>, max: number): Promise<Response[]> {
  const responses: Response[] = [];
  for (let i = 0; i < max; i++) responses.push(await call());
  return responses;
}

describe('API-key rate limits over HTTP', () => {
  it('tells a caller under the limit what it has left', async () => {
    const { key } = await newKey();
    const first = await withKey(key);
    expect(first.status).toBe(200);
    const headers = limitHeaders(first);
    expect(headers).toMatchObject({ limit: 5, remaining: 4, retryAfter: null });
    expect(headers.reset).toBeGreaterThanOrEqual(1);
    expect(headers.reset).toBeLessThanOrEqual(60);
    expect(limitHeaders(await withKey(key)).remaining).toBe(3);
  });

  it('answers 429 with Retry-After and the RateLimit headers over the limit, and lets calls through in the next window', async () => {
    const { key } = await newKey();
    const responses = await callsUntilRefused(() => withKey(key), 6);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = responses[5] as Response;
    const headers = limitHeaders(refused);
    expect(headers).toMatchObject({ limit: 5, remaining: 0 });
    expect(headers.retryAfter).toBeGreaterThanOrEqual(1);
    expect(headers.retryAfter).toBeLessThanOrEqual(60);
    expect(headers.retryAfter).toBe(headers.reset);
    const body = await refused.json();
    expect(body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED' });
    expect(body.error.message).toMatch(/5 a minute.*Try again in \d+ seconds/);
    app.clock.advance(61_000);
    const later = await withKey(key);
    expect(later.status).toBe(200);
    expect(limitHeaders(later).remaining).toBe(4);
  });

  it('counts each call of a tRPC batch, and refuses a batch that does not fit whole', async () => {
    const { key } = await newKey();
    const batch = (n: number) =>
      withKey(key, `/trpc/${Array.from({ length: n }, () => 'companies.current').join(',')}?batch=1&input=${encodeURIComponent('{}')}`);
    const three = await batch(3);
    expect(three.status).toBe(200);
    expect(limitHeaders(three).remaining).toBe(2);
    const another = await batch(3);
    expect(another.status).toBe(429);
    expect(limitHeaders(another).retryAfter).toBeGreaterThanOrEqual(1);
  });

  it('limits the REST API under /api/v1 with the same counter', async () => {
    const { key } = await newKey();
    await callsUntilRefused(() => withKey(key), 5);
    const rest = await withKey(key, '/api/v1/orders?side=purchase');
    expect(rest.status).toBe(429);
    expect(limitHeaders(rest).limit).toBe(5);
  });

  it("applies a key's own limit set by an admin, leaving the company's other keys at the default", async () => {
    const custom = await newKey('custom');
    const other = await newKey('other');
    const set = await company.members.admin.caller.apiKeys.setRateLimit({ apiKeyId: custom.id, perMinute: 2 });
    expect(set).toEqual({ apiKeyId: custom.id, customLimitPerMinute: 2, limitPerMinute: 2 });
    const statuses = (await callsUntilRefused(() => withKey(custom.key), 3)).map((r) => r.status);
    expect(statuses).toEqual([200, 200, 429]);
    const otherCall = await withKey(other.key);
    expect(otherCall.status).toBe(200);
    expect(limitHeaders(otherCall).limit).toBe(5);
    // Back to the default: the same window's count now has room up to 5.
    await company.members.admin.caller.apiKeys.setRateLimit({ apiKeyId: custom.id, perMinute: null });
    const reset = await withKey(custom.key);
    expect(reset.status).toBe(200);
    expect(limitHeaders(reset)).toMatchObject({ limit: 5, remaining: 1 });
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'api_key.rate_limit_changed')
      .where('entity_id', '=', custom.id)
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.after)).toEqual([{ rateLimitPerMinute: 2 }, { rateLimitPerMinute: null }]);
  });

  it('refuses a limit above the plan ceiling, naming the field and the ceiling, and changes nothing', async () => {
    const { id } = await newKey();
    const error = await failure(company.members.admin.caller.apiKeys.setRateLimit({ apiKeyId: id, perMinute: 51 }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error).perMinute?.[0]).toBe('At most 50 calls a minute on your plan.');
    const row = await app.db.selectFrom('api_keys').select('rate_limit_per_minute').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.rate_limit_per_minute).toBeNull();
    expect((await failure(company.members.admin.caller.apiKeys.setRateLimit({ apiKeyId: id, perMinute: 0 }))).code).toBe('BAD_REQUEST');
  });

  it("lets only admins set limits, and treats another company's key as not found", async () => {
    const { id } = await newKey();
    const denied = await failure(company.members.manager.caller.apiKeys.setRateLimit({ apiKeyId: id, perMinute: 10 }));
    expect(denied.code).toBe('FORBIDDEN');
    const stranger = await createCompany(app, 'Stranger');
    const hidden = await failure(stranger.members.admin.caller.apiKeys.setRateLimit({ apiKeyId: id, perMinute: 10 }));
    expect(hidden.code).toBe('NOT_FOUND');
    expect((await failure(stranger.members.admin.caller.apiKeys.usage({ apiKeyId: id, days: 14 }))).code).toBe('NOT_FOUND');
  });

  it('limits calls without a key per client IP, each address on its own', async () => {
    const ip = uniqueIp();
    // auth.me without a session answers 401 itself: what matters is that the fifth call never reaches it.
    const statuses = (await callsUntilRefused(() => fromIp(ip), 5)).map((r) => r.status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const refused = await fromIp(ip);
    expect(limitHeaders(refused)).toMatchObject({ limit: 4, remaining: 0 });
    expect((await refused.json()).error.message).toContain('your address may make 4 a minute');
    expect((await fromIp(uniqueIp())).status).toBe(401);
  });

  it('counts a key that is not valid against the address, so guessing keys is limited too', async () => {
    const ip = uniqueIp();
    const guess = () => get('/trpc/companies.current', { authorization: 'Bearer tlk_guessing_not-a-key', 'x-forwarded-for': ip });
    const statuses = (await callsUntilRefused(guess, 5)).map((r) => r.status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('does not limit a signed-in person, but a made-up session cookie counts as anonymous', async () => {
    const ip = uniqueIp();
    const cookie = `tl_session=${company.members.viewer.token}`;
    const signedIn = await callsUntilRefused(() => get('/trpc/auth.me', { cookie, 'x-forwarded-for': ip }), 8);
    expect(signedIn.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(signedIn[0]?.headers.get('ratelimit-limit')).toBeNull();
    const forged = `tl_session=${company.members.viewer.token.split('.')[0]}.forged`;
    const statuses = (await callsUntilRefused(() => get('/trpc/auth.me', { cookie: forged, 'x-forwarded-for': ip }), 5)).map(
      (r) => r.status,
    );
    expect(statuses.at(-1)).toBe(429);
  });

  it('counts calls and refusals per key per UTC day, shown by usage and in the list', async () => {
    const { id, key } = await newKey();
    await company.members.admin.caller.apiKeys.setRateLimit({ apiKeyId: id, perMinute: 3 });
    await callsUntilRefused(() => withKey(key), 4); // 3 pass, 1 refused
    app.clock.advance(24 * 60 * 60 * 1000);
    await withKey(key, `/trpc/companies.current,companies.current?batch=1&input=${encodeURIComponent('{}')}`);
    const usage = await company.members.admin.caller.apiKeys.usage({ apiKeyId: id, days: 14 });
    expect(usage).toMatchObject({ limitPerMinute: 3, customLimitPerMinute: 3, defaultPerMinute: 5, ceilingPerMinute: 50 });
    expect(usage.days).toHaveLength(14);
    const today = app.clock.now().toISOString().slice(0, 10);
    const yesterday = new Date(app.clock.now().getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    expect(usage.days.at(-1)).toEqual({ day: today, requests: 2, limited: 0 });
    expect(usage.days.at(-2)).toEqual({ day: yesterday, requests: 4, limited: 1 });
    expect(usage.days.slice(0, 12).every((d) => d.requests === 0 && d.limited === 0)).toBe(true);
    const listed = (await company.members.admin.caller.apiKeys.list()).find((k) => k.id === id);
    expect(listed).toMatchObject({ requestsToday: 2, limitPerMinute: 3, customLimitPerMinute: 3 });
  });

  it('drops counters a day stale on the hourly prune, keeping live ones', async () => {
    const ip = uniqueIp();
    await fromIp(ip);
    const now = app.clock.now();
    const stale = `api:ip:stale-${ip}`;
    await app.db
      .insertInto('rate_limits')
      .values({ key: stale, window_start: new Date(now.getTime() - 25 * 3_600_000), count: 9 })
      .execute();
    await jobHandlers(app.deps)[PRUNE_RATE_LIMITS_QUEUE]?.run(null, { id: 0, attempts: 1 });
    const keys = (
      await app.db
        .selectFrom('rate_limits')
        .select('key')
        .where('key', 'in', [stale, `api:ip:${ip}`])
        .execute()
    ).map((r) => r.key);
    expect(keys).toEqual([`api:ip:${ip}`]);
  });
});

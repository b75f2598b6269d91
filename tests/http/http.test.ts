import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { countRows, createCompany, PASSWORD, type TestCompany } from '../harness/factories.ts';

// Over real HTTP: the defences that live in Express and the adapter, invisible to createCaller.
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let company: TestCompany;
const ORIGIN = 'http://tradeloom.test';

beforeAll(async () => {
  app = await setupTestApp({ secureCookies: true, corsOrigins: ['https://partner.example'] });
  http = await app.startHttp();
  company = await createCompany(app, 'Http');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

function statusOf(method: string, path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    request(`${http.url}${path}`, { method }, (response) => {
      response.resume();
      resolve(response.statusCode);
    })
      .on('error', reject)
      .end();
  });
}

const cookieFor = (token: string) => `__Host-tl_session=${token}`;
const json = (input: unknown) => JSON.stringify(input);

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${http.url}/trpc/${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

describe('session cookie', () => {
  it('is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain', async () => {
    const response = await post('auth.login', json({ email: company.members.staff.email, password: PASSWORD }), { origin: ORIGIN });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-tl_session=[a-z2-9]{24}\.[a-z2-9]{32};/);
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']) expect(setCookie).toContain(attribute);
    expect(setCookie).not.toMatch(/Domain=/i);
  });
});

describe('CSRF', () => {
  const attack = (headers: Record<string, string>, contentType = 'application/json') =>
    fetch(`${http.url}/trpc/companies.branches.create`, {
      method: 'POST',
      body: json({ name: 'CSRF branch', country: 'IN' }),
      headers: { 'content-type': contentType, cookie: cookieFor(company.members.admin.token), ...headers },
    });

  it.each([
    ['cross-site with an evil Origin', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['a same-site sibling', { origin: 'https://evil.tradeloom.test', 'sec-fetch-site': 'same-site' }],
    ['no Origin and no Sec-Fetch-Site', {}],
    ['an evil Origin without Sec-Fetch-Site', { origin: 'https://evil.example' }],
    ['the cookie plus a bogus bearer key', { authorization: 'Bearer tlk_bogus' }],
    ['the null origin', { origin: 'null' }],
  ])('refuses a cookie POST with %s, before the procedure runs', async (_label, headers) => {
    const before = await countRows(app, 'branches');
    const response = await attack(headers);
    expect(response.status).toBe(403);
    expect(await countRows(app, 'branches')).toBe(before);
  });

  it('refuses multipart and form posts from another site', async () => {
    const before = await countRows(app, 'branches');
    for (const type of ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain']) {
      const response = await attack({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, type);
      expect(response.status).toBe(403);
    }
    expect(await countRows(app, 'branches')).toBe(before);
  });

  it('accepts the same request from the app itself', async () => {
    const response = await attack({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' });
    expect(response.status).toBe(200);
  });

  it('accepts an API key without a cookie and without an Origin (the SDK)', async () => {
    const { key } = await company.members.admin.caller.apiKeys.create({ name: 'http', scopes: ['company:read'] });
    const response = await fetch(`${http.url}/trpc/companies.current`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.result.data.id).toBe(company.id);
    expect((await fetch(`${http.url}/trpc/companies.current?api_key=${key}`)).status).toBe(401);
  });
});

describe('CORS', () => {
  it.each([
    ['https://partner.example', 'https://partner.example'],
    ['https://evil.example', null],
    ['null', null],
    ['https://partner.example.evil.example', null],
    ['https://sub.partner.example', null],
    ['http://partner.example', null],
  ])('origin %s gets ACAO %s and never a wildcard', async (origin, expected) => {
    const preflight = await fetch(`${http.url}/trpc/auth.login`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    const actual = await fetch(`${http.url}/trpc/auth.me`, { headers: { origin } });
    for (const response of [preflight, actual]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(expected);
      expect(response.headers.get('access-control-allow-credentials')).toBe(expected ? 'true' : null);
    }
  });
});

describe('limits', () => {
  it('refuses a batch of 50 logins outright: no guesses are bought', async () => {
    const paths = Array.from({ length: 50 }, () => 'auth.login').join(',');
    const body = JSON.stringify(
      Object.fromEntries(Array.from({ length: 50 }, (_, i) => [i, { email: company.members.viewer.email, password: `guess-${i}-x` }])),
    );
    const before = await countRows(app, 'audit_log');
    const response = await post(`${paths}?batch=1`, body, { origin: ORIGIN });
    expect(response.status).toBe(400);
    const failures = await app.db
      .selectFrom('security_events')
      .select('id')
      .where('type', '=', 'login.failed')
      .where('user_id', '=', company.members.viewer.id)
      .execute();
    expect(failures).toHaveLength(0);
    expect(await countRows(app, 'audit_log')).toBe(before);
  });

  it('counts each call in an allowed batch: 10 wrong logins are 10 attempts', async () => {
    const user = company.members.manager;
    const paths = Array.from({ length: 10 }, () => 'auth.login').join(',');
    const body = JSON.stringify(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { email: user.email, password: `guess-${i}-y` }])),
    );
    const response = await post(`${paths}?batch=1`, body, { origin: ORIGIN });
    const results = (await response.json()) as { error?: { data: { code: string } } }[];
    const codes = results.map((r) => r.error?.data.code);
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(5);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await post('auth.login', json({ email: 'a@example.test', password: 'x'.repeat(2 * 1024 * 1024) }), { origin: ORIGIN });
    expect(response.status).toBe(413);
  });
});

describe('errors over the wire', () => {
  it('names the field for bad input, with per-field messages and a request id', async () => {
    const response = await post('auth.register', json({ email: 'not-an-email', password: 'short', name: '' }), {
      origin: ORIGIN,
      'x-request-id': 'req-123',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toBe('req-123');
    const { error } = await response.json();
    expect(error.message).toMatch(/^(email|password|name): /);
    expect(Object.keys(error.data.fieldErrors).sort()).toEqual(['email', 'name', 'password']);
    expect(error.data.requestId).toBe('req-123');
    expect(JSON.stringify(error)).not.toMatch(/stack|at .*\.ts:\d+|node_modules/);
  });

  it('carries a machine-readable reason for domain errors', async () => {
    const response = await post('auth.login', json({ email: 'nobody@example.test', password: 'whatever1' }), { origin: ORIGIN });
    const { error } = await response.json();
    expect(response.status).toBe(401);
    expect(error.data.reason).toBe('INVALID_CREDENTIALS');
  });

  it('hides internals: a failing database becomes a generic 500 with a reference, no SQL', async () => {
    const broken = await app.startHttp({
      db: {
        ...app.db,
        selectFrom: () => {
          throw new Error('relation "secret_table" does not exist');
        },
      } as never,
    });
    try {
      const response = await fetch(`${broken.url}/trpc/auth.me`, { headers: { cookie: cookieFor(company.members.owner.token) } });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toContain('Something went wrong on our side');
      expect(text).not.toContain('secret_table');
      expect(text).not.toContain('stack');
    } finally {
      await broken.close();
    }
  });
});

describe('operations endpoints and headers', () => {
  it('healthz, readyz (checks the database, names the mail transport) and Prometheus metrics', async () => {
    expect(await (await fetch(`${http.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${http.url}/readyz`)).json()).toEqual({ status: 'ready', database: app.kind, mail: 'smtp' });
    const metrics = await (await fetch(`${http.url}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds_bucket');
    expect(metrics).toContain('process_cpu_seconds_total');
  });

  it('sends security headers, no X-Powered-By, and refuses TRACE', async () => {
    const response = await fetch(`${http.url}/healthz`);
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
    expect(await statusOf('TRACE', '/healthz')).toBe(405);
    expect((await fetch(`${http.url}/.git/config`)).status).toBe(404);
  });

  it('a request id is generated when none (or a malformed one) is sent', async () => {
    const response = await fetch(`${http.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

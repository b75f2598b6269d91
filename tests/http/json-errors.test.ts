import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { upload } from '../harness/files.ts';

// Every answer outside tRPC fails with one body, written in one place (http/rest-errors.ts):
// a client reads message, code, reason and the request id to quote, whichever route refused.
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let company: TestCompany;
beforeAll(async () => {
  app = await setupTestApp({ metricsToken: 'metrics-token-0123456789' });
  http = await app.startHttp();
  company = await createCompany(app, 'JsonErrors');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const session = () => ({ cookie: `tl_session=${company.members.staff.token}` });

describe('JSON errors outside tRPC', () => {
  it.each([
    ['the 404 fallback', () => fetch(`${http.url}/no/such/page`), 404, 'NOT_FOUND', undefined],
    ['a missing file', () => fetch(`${http.url}/files/${crypto.randomUUID()}`, { headers: session() }), 404, 'NOT_FOUND', undefined],
    [
      'an order PDF without a session',
      () => fetch(`${http.url}/documents/orders/${crypto.randomUUID()}.pdf`),
      401,
      'UNAUTHORIZED',
      'SESSION_REQUIRED',
    ],
    [
      'a cross-site upload (origin guard)',
      () => upload(http.url, session().cookie, Buffer.from('%PDF-1.4'), 'a.pdf', 'https://evil.example'),
      403,
      'FORBIDDEN',
      undefined,
    ],
    ['an empty upload', () => upload(http.url, session().cookie, Buffer.alloc(0), 'a.pdf'), 400, 'BAD_REQUEST', 'FILE_EMPTY'],
    ['/metrics without its token', () => fetch(`${http.url}/metrics`), 401, 'UNAUTHORIZED', undefined],
    [
      'a path Express cannot decode (error handler)',
      () => fetch(`${http.url}/files/%E0%A4%A`, { headers: session() }),
      400,
      'BAD_REQUEST',
      undefined,
    ],
  ])('%s answers { message, code, reason, requestId }', async (_label, send, status, code, reason) => {
    const response = await send();
    expect(response.status).toBe(status);
    const { error } = await response.json();
    expect(error).toEqual({ message: expect.stringMatching(/\S/), code, reason, requestId: response.headers.get('x-request-id') });
  });
});

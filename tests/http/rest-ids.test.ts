import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// Ids in REST paths are checked as UUIDs before any query: an id-shaped string that is not one
// answers 404 like a missing record (it used to reach the database as a failed cast: a 500).
let app: TestApp;
let http: { url: string; close(): Promise<void> };
let company: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  company = await createCompany(app, 'RestIds');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const NOT_UUIDS = [
  ['dashes only', '-'.repeat(36)],
  ['hex and dashes in the wrong places', '0123456789abcdef0123456789abcdef----'],
  ['a UUID with a trailing character', '00000000-0000-4000-8000-000000000000x'],
  ['36 letters', 'z'.repeat(36)],
];

describe.each([
  ['/files/', ''],
  ['/documents/orders/', '.pdf'],
])('%s:id', (prefix, suffix) => {
  it.each(NOT_UUIDS)('answers 404 to an id that is %s', async (_label, id) => {
    const response = await fetch(`${http.url}${prefix}${encodeURIComponent(id)}${suffix}`, {
      headers: { cookie: `tl_session=${company.members.owner.token}` },
    });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('answers 404 to a well-formed id that does not exist', async () => {
    const response = await fetch(`${http.url}${prefix}${crypto.randomUUID()}${suffix}`, {
      headers: { cookie: `tl_session=${company.members.owner.token}` },
    });
    expect(response.status).toBe(404);
  });
});

import type { ChildProcess } from 'node:child_process';
import type { DbHandle } from '@tradeloom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess, stopServerProcesses } from '../harness/server-process.ts';
import { createTestDb } from '../harness/test-db.ts';

// The limit holds across app processes because the counters are rows in the shared database.
// Skipped on PGlite: an embedded database belongs to one process, so there is no second process
// to share a limit with.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const PER_MINUTE = 6;

describe.runIf(onPostgres)('API rate limits shared by two server processes on one PostgreSQL', () => {
  let database: DbHandle & { url?: string };
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  const publicUrl = 'http://tradeloom.test';
  let cookie = '';

  const post = (base: string, procedure: string, input: unknown) =>
    fetch(`${base}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: publicUrl, cookie },
      body: JSON.stringify(input),
    });

  async function newKey(name: string): Promise<{ id: string; key: string }> {
    const created = await post(urls[0] as string, 'apiKeys.create', { name, scopes: ['company:read'] });
    expect(created.status).toBe(200);
    return (await created.json()).result.data;
  }

  beforeAll(async () => {
    database = await createTestDb();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      children.push(
        await startServerProcess(database.url ?? '', port, publicUrl, {
          API_RATE_LIMIT_DEFAULT: String(PER_MINUTE),
          API_RATE_LIMIT_ANONYMOUS: '1000',
          RUN_JOBS: 'false',
        }),
      );
      urls.push(`http://127.0.0.1:${port}`);
    }
    const [a] = urls as [string];
    const email = 'limits@example.test';
    await post(a, 'auth.register', { email, password: 'two processes here', name: 'Limits' });
    await database.db.updateTable('users').set({ email_verified_at: new Date() }).where('email', '=', email).execute();
    const signedIn = await post(a, 'auth.login', { email, password: 'two processes here' });
    cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await post(a, 'companies.create', { name: 'Limit Mills', country: 'IN' })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await stopServerProcesses(children);
    await database.close();
  });

  const callWith = (base: string, key: string) => fetch(`${base}/trpc/companies.current`, { headers: { authorization: `Bearer ${key}` } });

  it('counts calls made through either process against one limit', async () => {
    const { id, key } = await newKey('alternating');
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < PER_MINUTE * 2; i++) {
      const response = await callWith(urls[i % 2] as string, key);
      statuses.push(response.status);
      remaining.push(response.headers.get('ratelimit-remaining') ?? '');
    }
    expect(statuses).toEqual([...Array(PER_MINUTE).fill(200), ...Array(PER_MINUTE).fill(429)]);
    // Each process saw the other's calls: the remaining count falls by one per call, whichever served it.
    expect(remaining.slice(0, PER_MINUTE)).toEqual(['5', '4', '3', '2', '1', '0']);
    const usage = await database.db.selectFrom('api_key_usage').select(['requests', 'limited']).where('api_key_id', '=', id).execute();
    expect(usage).toEqual([{ requests: PER_MINUTE * 2, limited: PER_MINUTE }]);
  });

  it('lets exactly the limit through when calls race on both processes at once', async () => {
    const { key } = await newKey('racing');
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => callWith(urls[i % 2] as string, key)));
    const passed = responses.filter((response) => response.status === 200);
    expect(passed).toHaveLength(PER_MINUTE);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(20 - PER_MINUTE);
  });
});

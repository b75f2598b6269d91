import type { ChildProcess } from 'node:child_process';
import type { DbHandle } from '@tradeloom/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess, stopServerProcesses } from '../harness/server-process.ts';
import { createTestDb } from '../harness/test-db.ts';

// Production runs N app processes on one PostgreSQL. PGlite is single-process by nature, so this
// file only runs against PostgreSQL (TEST_DATABASE_URL).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.runIf(onPostgres)('two server processes on one PostgreSQL', () => {
  let database: DbHandle & { url?: string };
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  const publicUrl = 'http://tradeloom.test';

  beforeAll(async () => {
    database = await createTestDb();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      children.push(await startServerProcess(database.url ?? '', port, publicUrl));
      urls.push(`http://127.0.0.1:${port}`);
    }
  }, 60_000);
  afterAll(async () => {
    await stopServerProcesses(children);
    await database.close();
  });

  const call = (base: string, procedure: string, input: unknown, cookie = '') =>
    fetch(`${base}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: publicUrl, cookie },
      body: JSON.stringify(input),
    });

  it('a session made on one process works on the other, and company state is shared', async () => {
    const [a, b] = urls as [string, string];
    await call(a, 'auth.register', { email: 'two@example.test', password: 'two processes here', name: 'Two' });
    const signedIn = await call(a, 'auth.login', { email: 'two@example.test', password: 'two processes here' });
    const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const created = await call(b, 'companies.create', { name: 'Shared Mills', country: 'IN' }, cookie);
    expect(created.status).toBe(200);
    const me = await (await fetch(`${a}/trpc/auth.me`, { headers: { cookie } })).json();
    expect(me.result.data.activeCompany.name).toBe('Shared Mills');
  });

  it('both job runners drain one queue with each mail delivered exactly once', async () => {
    const [a, b] = urls as [string, string];
    const emails = Array.from({ length: 20 }, (_, i) => `reset-${i}@example.test`);
    for (const [i, email] of emails.entries()) {
      await call(i % 2 ? a : b, 'auth.register', { email, password: 'a long passphrase', name: `R${i}` });
    }
    // Each registration queued one verification mail; the two processes' runners share the queue.
    await expect
      .poll(
        async () =>
          (await database.db.selectFrom('jobs').select('id').where('status', '!=', 'done').where('queue', '=', 'mail.send').execute())
            .length,
        {
          timeout: 20_000,
          interval: 250,
        },
      )
      .toBe(0);
    const mail = await database.db.selectFrom('dev_mailbox').select('to_address').where('to_address', 'in', emails).execute();
    // A duplicate delivery would show up as a second row for the same address.
    expect(mail.map((m) => m.to_address).sort()).toEqual([...emails].sort());
  });
});

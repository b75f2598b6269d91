import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type DbHandle } from '@tradeloom/db';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from './global-setup.ts';

/** A fresh migrated database for one test file, on PostgreSQL or PGlite as the run decides. */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  const template = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (template && url) {
    const name = `${template}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    const handle = await createDb({ databaseUrl: withDatabase(url, name), poolSize: 20 });
    return {
      ...handle,
      url: withDatabase(url, name),
      async close() {
        await handle.close();
        await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const snapshot = inject('pgliteSnapshot');
  if (!snapshot) throw new Error('global setup provided no database snapshot');
  return createDb({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(snapshot)]) });
}

/**
 * A migrated database that outlives the handles opened on it, for tests of a restart: each
 * `open()` is a new process's connection (PostgreSQL: a new pool on the same database; PGlite: the
 * same data folder on disk, opened again once the previous handle is closed). `dispose` drops it.
 */
export async function createReopenableTestDb(): Promise<{ open(): Promise<DbHandle>; dispose(): Promise<void> }> {
  if (inject('pgTemplate') && process.env.TEST_DATABASE_URL) {
    const base = await createTestDb();
    const url = base.url as string;
    return { open: () => createDb({ databaseUrl: url, poolSize: 5 }), dispose: () => base.close() };
  }
  const snapshot = inject('pgliteSnapshot');
  if (!snapshot) throw new Error('global setup provided no database snapshot');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tradeloom-reopen-'));
  let opened = false;
  return {
    async open() {
      const first = !opened;
      opened = true;
      return createDb({ dataDir, ...(first ? { loadDataDir: new Blob([readFileSync(snapshot)]) } : {}) });
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

// CREATE DATABASE … TEMPLATE fails while another session is connected to the template, so
// files starting at the same moment retry briefly.
async function adminQuery(url: string, statement: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
      return;
    } catch (error) {
      if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + attempt * 50));
    } finally {
      await client.end();
    }
  }
}

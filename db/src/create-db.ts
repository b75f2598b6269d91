import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './schema.ts';
import { typeParsers } from './type-parsers.ts';

export type DbKind = 'postgres' | 'pglite';

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  /** The PGlite instance when embedded (for snapshots in tests); undefined on PostgreSQL. */
  pglite?: PGlite;
  /**
   * Calls `onMessage` with each NOTIFY payload on `channel` once its transaction commits, from
   * any process on the same database. Resolves when listening; the result stops it.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres://… — PostgreSQL through pg. Absent: embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` keeps it in memory. */
  dataDir?: string;
  /** A PGlite data-dir tarball to start from (tests restore a migrated snapshot). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function createDb(options: CreateDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) return createPostgres(options.databaseUrl, options.poolSize ?? 10);
  return createPglite(options.dataDir ?? '.data/pglite', options.loadDataDir);
}

function createPostgres(connectionString: string, max: number): DbHandle {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: { getTypeParser: (oid, format) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format) },
  });
  // An idle client that errors (e.g. the server restarts) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    listen: (channel, onMessage) => listenOnPostgres(connectionString, channel, onMessage),
    close: () => db.destroy(),
  };
}

async function createPglite(dataDir: string, loadDataDir?: Blob): Promise<DbHandle> {
  const unlock = dataDir.startsWith('memory://') ? () => {} : lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir, loadDataDir, parsers: typeParsers });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      pglite,
      async listen(channel, onMessage) {
        const unlisten = await pglite.listen(assertChannel(channel), onMessage);
        return () => unlisten();
      },
      async close() {
        await db.destroy();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

function assertChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  return channel;
}

/**
 * LISTEN needs a connection of its own (a pooled one would be handed to queries). When it drops
 * the listener reconnects after a second; what was notified meanwhile is lost, so consumers
 * treat messages as hints to refetch, never as the data itself.
 */
async function listenOnPostgres(connectionString: string, channel: string, onMessage: (payload: string) => void) {
  assertChannel(channel);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const reconnectSoon = () => {
    client?.end().catch(() => {});
    client = null;
    clearTimeout(retry);
    if (!stopped) retry = setTimeout(() => connect().catch(reconnectSoon), 1000);
  };
  const connect = async () => {
    const next = new pg.Client({ connectionString });
    client = next;
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    next.on('error', () => {
      if (client === next) reconnectSoon();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end();
  };
}

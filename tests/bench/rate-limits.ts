// `pnpm bench:rate-limits`: what one API rate-limit hit costs, kept in the database, three ways in
// one run: a raw-SQL baseline (the counting upsert written by hand on the bare driver), our
// counters (auth's `consume`, one Kysely upsert on `rate_limits`) and rate-limiter-flexible's
// PostgreSQL store (`RateLimiterPostgres.consume`). On PostgreSQL and on embedded PGlite.
// Results go to results/rate-limits.md. A measurement, not a test: nothing fails on a number.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createDb, type DbHandle, migrateToLatest } from '@tradeloom/db';
import { systemClock } from '@tradeloom/server';
import pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { consume } from '../../server/src/modules/auth/rate-limits.ts';
import { scratchDatabase } from './scratch-db.ts';

const ROUNDS = 5;
const SEQUENTIAL_HITS = Number(process.env.BENCH_HITS ?? 600);
const CONCURRENT_HITS = SEQUENTIAL_HITS * 3;
const IN_FLIGHT = 20;
const KEYS = 200;
const LIMIT = { max: 600, windowMs: 60_000 };

// The statement `consume` builds, by hand: the floor for a counter kept in a table.
const RAW_UPSERT = `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_limits.window_start <= $4 THEN $3::int ELSE rate_limits.count + $3::int END,
    window_start = CASE WHEN rate_limits.window_start <= $4 THEN $2 ELSE rate_limits.window_start END
  RETURNING count, window_start`;

type Hit = (key: string) => Promise<unknown>;
interface Method {
  name: string;
  hit: Hit | null;
  note?: string;
}
interface Figures {
  sequentialMicros: number;
  concurrentPerSecond: number;
}

async function measure(hit: Hit, prefix: string): Promise<Figures> {
  for (let i = 0; i < 50; i++) await hit(`${prefix}:warm:${i % KEYS}`);
  let started = performance.now();
  for (let i = 0; i < SEQUENTIAL_HITS; i++) await hit(`${prefix}:seq:${i % KEYS}`);
  const sequentialMicros = ((performance.now() - started) * 1000) / SEQUENTIAL_HITS;
  let next = 0;
  started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < CONCURRENT_HITS) await hit(`${prefix}:par:${next++ % KEYS}`);
    }),
  );
  const concurrentPerSecond = CONCURRENT_HITS / ((performance.now() - started) / 1000);
  return { sequentialMicros, concurrentPerSecond };
}

function rawHit(query: (text: string, values: unknown[]) => Promise<unknown>): Hit {
  return (key) => {
    const now = new Date();
    return query(RAW_UPSERT, [key, now, 1, new Date(now.getTime() - LIMIT.windowMs)]);
  };
}

const oursHit =
  (handle: DbHandle): Hit =>
  (key) =>
    consume(handle.db, systemClock, key, 1, LIMIT);

/** rate-limiter-flexible creates its own table on start; resolves once it has. */
function flexibleLimiter(storeClient: unknown, storeType?: string): Promise<RateLimiterPostgres> {
  return new Promise((resolve, reject) => {
    try {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        {
          storeClient,
          storeType,
          tableName: 'rlflx_bench',
          points: LIMIT.max,
          duration: LIMIT.windowMs / 1000,
          clearExpiredByTimeout: false,
        },
        (error?: Error) => (error ? reject(error) : resolve(limiter)),
      );
    } catch (error) {
      reject(error);
    }
  });
}

const flexibleHit =
  (limiter: RateLimiterPostgres): Hit =>
  (key) =>
    // Over the limit it rejects with the limiter's result; that is still a counted hit.
    limiter.consume(key, 1).catch((result: unknown) => {
      if (result instanceof Error) throw result;
    });

async function onPostgres(): Promise<[string, Method[], Figures[]]> {
  const scratch = await scratchDatabase('tl_bench_rl');
  const handle = await createDb({ databaseUrl: scratch.url, poolSize: IN_FLIGHT });
  const pool = new pg.Pool({ connectionString: scratch.url, max: IN_FLIGHT });
  pool.on('error', () => {});
  try {
    await migrateToLatest(handle.db);
    const methods: Method[] = [
      { name: 'raw SQL (pg, same upsert)', hit: rawHit((text, values) => pool.query(text, values)) },
      { name: 'ours: auth `consume` (Kysely)', hit: oursHit(handle) },
      {
        name: 'rate-limiter-flexible (pg Pool)',
        hit: flexibleHit(await flexibleLimiter(pool)),
        note: 'needs its own pg.Pool (Kysely hides ours) and creates its table outside our migrations',
      },
    ];
    return ['PostgreSQL', methods, await run(methods)];
  } finally {
    await pool.end();
    await handle.close();
    await scratch.drop();
  }
}

async function onPglite(): Promise<[string, Method[], Figures[]]> {
  const handle = await createDb({ dataDir: 'memory://' });
  const pglite = handle.pglite as PGlite;
  try {
    await migrateToLatest(handle.db);
    // As documented: hand it the database client. PGlite is neither a pg Client nor a Pool.
    const direct = await flexibleLimiter(pglite).then(
      () => 'worked',
      (error: Error) => error.message,
    );
    // What it would take: an adapter from pg's query-object call to PGlite's (text, values).
    const adapter = { query: (q: { text: string; values?: unknown[] }) => pglite.query(q.text, q.values ?? []) };
    const methods: Method[] = [
      { name: 'raw SQL (PGlite, same upsert)', hit: rawHit((text, values) => pglite.query(text, values)) },
      { name: 'ours: auth `consume` (Kysely)', hit: oursHit(handle) },
      {
        name: 'rate-limiter-flexible (adapter of ours)',
        hit: flexibleHit(await flexibleLimiter(adapter, 'pool')),
        note: `given the PGlite instance it fails: "${direct}"; runs only through a hand-written adapter`,
      },
    ];
    return ['PGlite (embedded, in memory)', methods, await run(methods)];
  } finally {
    await handle.close();
  }
}

// The machine is shared, so the methods take turns, round after round, and each keeps its median
// round: a burst of someone else's load then hits all three alike.
async function run(methods: Method[]): Promise<Figures[]> {
  const rounds: Figures[][] = methods.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, method] of methods.entries()) if (method.hit) rounds[i]?.push(await measure(method.hit, `m${i}r${round}`));
  }
  return rounds.map((figures) => ({
    sequentialMicros: median(figures.map((f) => f.sequentialMicros)),
    concurrentPerSecond: median(figures.map((f) => f.concurrentPerSecond)),
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function table([database, methods, figures]: [string, Method[], Figures[]]): string {
  const [base] = figures as [Figures];
  const rows = methods.map((method, i) => {
    const f = figures[i] as Figures;
    const seqRatio = (f.sequentialMicros / base.sequentialMicros).toFixed(2);
    const parRatio = (f.concurrentPerSecond / base.concurrentPerSecond).toFixed(2);
    return `| ${method.name} | ${f.sequentialMicros.toFixed(0)} | ${seqRatio}× | ${f.concurrentPerSecond.toFixed(0)} | ${parRatio}× | ${method.note ?? ''} |`;
  });
  return [
    `### ${database}`,
    '',
    `| method | µs per hit, one at a time | vs raw | hits/s, ${IN_FLIGHT} in flight | vs raw | note |`,
    '|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
}

const results = [await onPostgres(), await onPglite()];
const report = [
  '# API rate-limit counters: per-hit cost',
  '',
  `Per round and method: ${SEQUENTIAL_HITS} hits one at a time, then ${CONCURRENT_HITS} with ${IN_FLIGHT} in flight, over ${KEYS} keys, after 50 warm-up hits; the methods take turns for ${ROUNDS} rounds and each figure is the median round. ${new Date().toISOString()}.`,
  'Ratios: time per hit against the raw baseline (lower is better), throughput against it (higher is better).',
  '',
  ...results.map(table),
].join('\n');
writeFileSync(path.join(import.meta.dirname, 'results', 'rate-limits.md'), `${report}\n`);
console.log(report);

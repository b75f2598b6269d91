// pnpm bench — tRPC procedures over HTTP against a raw-SQL Express baseline, same run, same data.
// PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, where a
// scratch database tl_bench is created), then the embedded PGlite figures.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDb, type DbHandle, migrateToLatest } from '@tradeloom/db';
import pg from 'pg';
import { BENCH_ORDER_LINES, startBenchApp, trpcQueryUrl } from './app-server.ts';
import { type RawQuery, startBaseline, type TxQuery } from './baseline.ts';
import { scratchDatabase } from './scratch-db.ts';
import { seedBenchData } from './seed.ts';
import { seedOrderData } from './seed-orders.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Measure only the targets whose name contains this, e.g. BENCH_ONLY=orders.get. */
const ONLY = process.env.BENCH_ONLY;

interface Row {
  database: string;
  target: string;
  stack: string;
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

const autocannonBin = path.resolve(import.meta.dirname, '../node_modules/.bin/autocannon');

/** Load comes from a separate autocannon process, so it does not share the servers' event loop. */
interface Request {
  url: string;
  body?: unknown;
}

async function measure({ url, body }: Request, apiKey: string): Promise<Omit<Row, 'database' | 'target' | 'stack'>> {
  const post = body === undefined ? [] : ['-m', 'POST', '-H', 'content-type=application/json', '-b', JSON.stringify(body)];
  const args = ['-c', String(CONNECTIONS), '-d', String(DURATION), '-j', '-H', `authorization=Bearer ${apiKey}`, ...post, url];
  const { stdout } = await promisify(execFile)(autocannonBin, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

interface Target {
  target: string;
  ours: Request;
  raw: Request;
}

/** 100,000 orders / 1,000,000 lines on either database (PGlite loads them in about a minute). */
async function orderTargets(label: string, handle: DbHandle, companyId: string, ours: string, raw: string): Promise<Target[]> {
  console.log(`[${label}] seeding 100,000 orders with 1,000,000 lines…`);
  const started = Date.now();
  const { supplierId, orderId, deepCursor } = await seedOrderData(handle.db, companyId);
  console.log(`[${label}] seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  return [
    {
      target: 'orders.list first page, status filter',
      ours: { url: trpcQueryUrl(ours, 'orders.list', { side: 'purchase', status: 'submitted' }) },
      raw: { url: `${raw}/orders` },
    },
    {
      target: 'orders.list deep page (row 2,000), status filter',
      ours: { url: trpcQueryUrl(ours, 'orders.list', { side: 'purchase', status: 'submitted', cursor: deepCursor }) },
      raw: { url: `${raw}/orders?cursor=${deepCursor}` },
    },
    {
      target: 'orders.get with 10 lines',
      ours: { url: trpcQueryUrl(ours, 'orders.get', { orderId }) },
      raw: { url: `${raw}/orders/${orderId}` },
    },
    {
      target: 'orders.create with 10 lines',
      ours: { url: `${ours}/trpc/orders.create`, body: { supplierId, lines: BENCH_ORDER_LINES } },
      raw: { url: `${raw}/orders`, body: { supplierId, lines: BENCH_ORDER_LINES } },
    },
  ];
}

async function benchDatabase(label: string, handle: DbHandle, txQuery: TxQuery): Promise<Row[]> {
  await migrateToLatest(handle.db);
  console.log(`[${label}] seeding…`);
  const { apiKey, companyId } = await seedBenchData(handle.db);
  const ours = await startBenchApp(handle);
  const raw = await startBaseline(txQuery);
  const targets: Target[] = [
    { target: 'companies.members (20 rows)', ours: { url: `${ours.url}/trpc/companies.members` }, raw: { url: `${raw.url}/members` } },
    {
      target: 'audit.list first page (50 of 2,000)',
      ours: { url: trpcQueryUrl(ours.url, 'audit.list', {}) },
      raw: { url: `${raw.url}/audit` },
    },
    ...(await orderTargets(label, handle, companyId, ours.url, raw.url)),
  ];
  const rows: Row[] = [];
  for (const t of targets.filter((target) => !ONLY || target.target.includes(ONLY))) {
    for (const [stack, request] of [
      ['raw SQL + Express', t.raw],
      ['tRPC + Kysely', t.ours],
    ] as const) {
      console.log(`[${label}] ${t.target} — ${stack}`);
      rows.push({ database: label, target: t.target, stack, ...(await measure(request, apiKey)) });
    }
  }
  await ours.close();
  await raw.close();
  return rows;
}

async function postgresRows(): Promise<Row[]> {
  const scratch = await scratchDatabase('tl_bench');
  const handle = await createDb({ databaseUrl: scratch.url, poolSize: 20 });
  const pool = new pg.Pool({ connectionString: scratch.url, max: 20 });
  try {
    const query = async (text: string, values: unknown[]) => (await pool.query(text, values)).rows;
    const txQuery: TxQuery = Object.assign(query, {
      async transaction<T>(work: (tx: RawQuery) => Promise<T>): Promise<T> {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work(async (text, values) => (await client.query(text, values)).rows);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
    });
    return await benchDatabase('PostgreSQL', handle, txQuery);
  } finally {
    await pool.end();
    await handle.close();
    await scratch.drop();
  }
}

async function pgliteRows(): Promise<Row[]> {
  const handle = await createDb({ dataDir: 'memory://' });
  const pglite = handle.pglite;
  if (!pglite) throw new Error('expected PGlite');
  try {
    const query = async (text: string, values: unknown[]) => (await pglite.query<Record<string, unknown>>(text, values)).rows;
    const txQuery: TxQuery = Object.assign(query, {
      transaction: <T>(work: (tx: RawQuery) => Promise<T>): Promise<T> =>
        pglite.transaction((tx) => work(async (text, values) => (await tx.query<Record<string, unknown>>(text, values)).rows)),
    });
    return await benchDatabase('PGlite (embedded)', handle, txQuery);
  } finally {
    await handle.close();
  }
}

function table(rows: Row[]): string {
  const lines = [
    '| database | procedure | stack | req/s | p50 ms | p99 ms | errors | vs raw |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const raw = rows.find((r) => r.database === row.database && r.target === row.target && r.stack.startsWith('raw'));
    const ratio = raw && raw.requests > 0 ? (row.requests / raw.requests).toFixed(2) : '—';
    lines.push(
      `| ${row.database} | ${row.target} | ${row.stack} | ${Math.round(row.requests)} | ${row.p50} | ${row.p99} | ${row.errors} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}

const rows = [...(await postgresRows()), ...(await pgliteRows())];
const report = `# Benchmark ${new Date().toISOString()}\n\nautocannon -c ${CONNECTIONS} -d ${DURATION} (separate process), API-key auth, PostgreSQL with 50 companies, 100,000 orders and 1,000,000 order lines, Node ${process.version}, ${(await import('node:os')).cpus().length} cores.\n\n${table(rows)}\n`;
const out = path.resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'latest.md'), report);
console.log(`\n${report}`);
process.exit(0);

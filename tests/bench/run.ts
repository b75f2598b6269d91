// pnpm bench — tRPC procedures over HTTP against a raw-SQL Express baseline, same run, same data.
// PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, where a
// scratch database is created), then the embedded PGlite figures. BENCH_SCALE=100k,1M,10M instead
// measures the order reads on PostgreSQL at each size of `order_lines`.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDb, type DbHandle, migrateToLatest } from '@tradeloom/db';
import pg from 'pg';
import { BENCH_ORDER_LINES, type BenchApp, startBenchApp, trpcQueryUrl } from './app-server.ts';
import { type RawQuery, startBaseline, type TxQuery } from './baseline.ts';
import { type Measurement, measureUnderLoad, type Row, scaleTable, scaleTargets, table } from './report.ts';
import { scratchDatabase } from './scratch-db.ts';
import { seedBenchData } from './seed.ts';
import { DEFAULT_BENCH_ORDERS, type OrderBenchData, seedOrderData } from './seed-orders.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Measure only the targets whose name contains this, e.g. BENCH_ONLY=orders.get. */
const ONLY = process.env.BENCH_ONLY;
/** `postgres`, `pglite` or both (default). */
const DATABASES = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',');
/** Sizes of order_lines for the scale run, e.g. `100k,1M,10M`; unset runs the standard table. */
const SCALE = process.env.BENCH_SCALE;
const LARGE_PAGE = 500;

const autocannonBin = path.resolve(import.meta.dirname, '../node_modules/.bin/autocannon');

interface Request {
  url: string;
  body?: unknown;
}

interface Target {
  target: string;
  ours: Request;
  raw: Request;
}

/** Load comes from a separate autocannon process, so it does not share the servers' event loop. */
async function autocannon({ url, body }: Request, apiKey: string, seconds: number): Promise<Measurement> {
  const post = body === undefined ? [] : ['-m', 'POST', '-H', 'content-type=application/json', '-b', JSON.stringify(body)];
  const args = ['-c', String(CONNECTIONS), '-d', String(seconds), '-j', '-H', `authorization=Bearer ${apiKey}`, ...post, url];
  const { stdout } = await promisify(execFile)(autocannonBin, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** One second of warm-up (JIT, pool, caches) for both stacks alike, then the measured load. */
async function measure(request: Request, apiKey: string) {
  await autocannon(request, apiKey, 1);
  return measureUnderLoad(() => autocannon(request, apiKey, DURATION));
}

function orderTargets(data: OrderBenchData, ours: string, raw: string): Target[] {
  const { supplierId, orderId, deepCursor, deepRow } = data;
  const list = { side: 'purchase', status: 'submitted' };
  return [
    {
      target: 'orders.list first page, status filter',
      ours: { url: trpcQueryUrl(ours, 'orders.list', list) },
      raw: { url: `${raw}/orders` },
    },
    {
      target: `orders.list deep page (row ${deepRow.toLocaleString('en')}), status filter`,
      ours: { url: trpcQueryUrl(ours, 'orders.list', { ...list, cursor: deepCursor }) },
      raw: { url: `${raw}/orders?cursor=${deepCursor}` },
    },
    {
      target: `orders.list large page (${LARGE_PAGE} rows)`,
      ours: { url: trpcQueryUrl(ours, 'orders.list', { ...list, limit: LARGE_PAGE }) },
      raw: { url: `${raw}/orders?limit=${LARGE_PAGE}` },
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

/** The reports over company 1's orders, whole range: each one grouped query over its 20,000 orders per 100,000. */
function reportTargets(ours: string, raw: string): Target[] {
  return [
    ['reports.purchasesBySupplier', {}, 'purchases-by-supplier'],
    ['reports.purchasesByMonth', {}, 'purchases-by-month'],
    ['reports.salesByProduct', {}, 'sales-by-product'],
    ['reports.cycleTimes', { side: 'purchase' }, 'cycle-times'],
  ].map(([procedure, input, route]) => ({
    target: procedure as string,
    ours: { url: trpcQueryUrl(ours, procedure as string, input) },
    raw: { url: `${raw}/reports/${route}` },
  }));
}

async function measureTargets(label: string, targets: Target[], apiKey: string, app: BenchApp): Promise<Row[]> {
  const rows: Row[] = [];
  for (const t of targets.filter((target) => !ONLY || target.target.includes(ONLY))) {
    console.log(`[${label}] ${t.target}`);
    const raw = await measure(t.raw, apiKey);
    const logBefore = app.logBytes();
    const ours = await measure(t.ours, apiKey);
    rows.push({ database: label, target: t.target, raw, ours, logBytes: app.logBytes() - logBefore });
  }
  return rows;
}

// Company 1 has about 360 submitted orders at the smallest scale: the scale run pages that deep at every size.
const SCALE_DEEP_ROW = 300;

async function seedOrders(label: string, handle: DbHandle, companyId: string, range: { to: number; from?: number; deepRow?: number }) {
  const { to, from = 0 } = range;
  console.log(`[${label}] seeding orders ${from + 1}–${to} (${(to * 10).toLocaleString('en')} order lines in all)…`);
  const started = Date.now();
  const data = await seedOrderData(handle.db, companyId, range);
  console.log(`[${label}] seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  return data;
}

async function benchDatabase(label: string, handle: DbHandle, txQuery: TxQuery): Promise<Row[]> {
  await migrateToLatest(handle.db);
  console.log(`[${label}] seeding…`);
  const { apiKey, companyId } = await seedBenchData(handle.db);
  const ours = await startBenchApp(handle);
  const raw = await startBaseline(txQuery);
  const orders = await seedOrders(label, handle, companyId, { to: DEFAULT_BENCH_ORDERS });
  const targets: Target[] = [
    { target: 'companies.members (20 rows)', ours: { url: `${ours.url}/trpc/companies.members` }, raw: { url: `${raw.url}/members` } },
    {
      target: 'audit.list first page (50 of 2,000)',
      ours: { url: trpcQueryUrl(ours.url, 'audit.list', {}) },
      raw: { url: `${raw.url}/audit` },
    },
    ...orderTargets(orders, ours.url, raw.url),
    ...reportTargets(ours.url, raw.url),
  ];
  try {
    return await measureTargets(label, targets, apiKey, ours);
  } finally {
    await ours.close();
    await raw.close();
  }
}

/** BENCH_SCALE: the order reads at each size, growing one PostgreSQL database step by step. */
async function scaleRows(handle: DbHandle, txQuery: TxQuery): Promise<Row[]> {
  await migrateToLatest(handle.db);
  const { apiKey, companyId } = await seedBenchData(handle.db);
  const ours = await startBenchApp(handle);
  const raw = await startBaseline(txQuery);
  const rows: Row[] = [];
  let seeded = 0;
  try {
    for (const lines of scaleTargets(SCALE ?? '')) {
      const label = `${(lines / 1e6).toLocaleString('en')}M lines`;
      const data = await seedOrders(label, handle, companyId, { to: lines / 10, from: seeded, deepRow: SCALE_DEEP_ROW });
      seeded = lines / 10;
      const reads = [
        ...orderTargets(data, ours.url, raw.url).filter((t) => !t.target.startsWith('orders.create')),
        ...reportTargets(ours.url, raw.url),
      ];
      rows.push(...(await measureTargets(label, reads, apiKey, ours)));
      // Each size is kept as soon as it is measured: the 10M step can take long on a busy machine.
      console.log(scaleTable(rows));
    }
  } finally {
    await ours.close();
    await raw.close();
  }
  return rows;
}

async function onPostgres(run: (handle: DbHandle, txQuery: TxQuery) => Promise<Row[]>): Promise<Row[]> {
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
    return await run(handle, txQuery);
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

const setup = `autocannon -c ${CONNECTIONS} -d ${DURATION} after 1 s of warm-up (separate process), API-key auth, request lines logged to a file as in production, Node ${process.version}, ${os.cpus().length} cores. RSS: peak resident memory of the process serving both stacks, sampled every 100 ms under each load.`;
let report: string;
let file: string;
if (SCALE) {
  const rows = await onPostgres(scaleRows);
  report = `# Benchmark at scale ${new Date().toISOString()}\n\nPostgreSQL; ${setup}\n\n${scaleTable(rows)}\n`;
  file = 'scale.md';
} else {
  const rows = [
    ...(DATABASES.includes('postgres') ? await onPostgres((handle, txQuery) => benchDatabase('PostgreSQL', handle, txQuery)) : []),
    ...(DATABASES.includes('pglite') ? await pgliteRows() : []),
  ];
  report = `# Benchmark ${new Date().toISOString()}\n\n50 companies, 100,000 orders and 1,000,000 order lines on each database; ${setup}\n\n${table(rows)}\n`;
  file = 'latest.md';
}
const out = path.resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, file), report);
console.log(`\n${report}`);
process.exit(0);

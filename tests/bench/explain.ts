// pnpm bench:explain — where the time of one request goes. Seeds the benchmark data set on
// PostgreSQL, serves the app with a query log, sends each benchmarked request alone (warm), and
// runs EXPLAIN (ANALYZE, BUFFERS) on every read statement it issued. Writes results/explain.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDb, type Database, migrateToLatest, typeParsers } from '@tradeloom/db';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { BENCH_ORDER_LINES, startBenchApp, trpcQueryUrl } from './app-server.ts';
import { scratchDatabase } from './scratch-db.ts';
import { seedBenchData } from './seed.ts';
import { seedOrderData } from './seed-orders.ts';

const REPEAT = 30;

interface Statement {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

const scratch = await scratchDatabase('tl_explain');
const handle = await createDb({ databaseUrl: scratch.url });
await migrateToLatest(handle.db);
console.log('seeding 100,000 orders with 1,000,000 lines…');
const { apiKey, companyId } = await seedBenchData(handle.db);
const { orderId, deepCursor, supplierId } = await seedOrderData(handle.db, companyId);

const pool = new pg.Pool({
  connectionString: scratch.url,
  max: 5,
  types: { getTypeParser: (oid, format) => typeParsers[oid] ?? pg.types.getTypeParser(oid, format) },
});
let log: Statement[] = [];
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log(event) {
    log.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  },
});
const app = await startBenchApp(handle, db);
const base = `${app.url}/trpc`;
const query = (procedure: string, input: unknown) => trpcQueryUrl(app.url, procedure, input);

const requests = [
  { name: 'orders.list first page, status filter', url: query('orders.list', { side: 'purchase', status: 'submitted' }) },
  { name: 'orders.list deep page (row 2,000)', url: query('orders.list', { side: 'purchase', status: 'submitted', cursor: deepCursor }) },
  { name: 'orders.get with 10 lines', url: query('orders.get', { orderId }) },
  { name: 'orders.create with 10 lines', url: `${base}/orders.create`, body: { supplierId, lines: BENCH_ORDER_LINES } },
];

async function send(request: (typeof requests)[number]): Promise<number> {
  const started = performance.now();
  const response = await fetch(request.url, {
    method: request.body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: request.body ? JSON.stringify(request.body) : undefined,
  });
  await response.text();
  if (!response.ok) throw new Error(`${request.name}: HTTP ${response.status}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function explain(statement: Statement): Promise<string> {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.parameters as unknown[]);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

const sections: string[] = [];
for (const request of requests) {
  const walls: number[] = [];
  const sqlTimes: number[] = [];
  let statements: Statement[] = [];
  for (let i = 0; i < REPEAT; i++) {
    log = [];
    walls.push(await send(request));
    statements = log;
    sqlTimes.push(statements.reduce((sum, s) => sum + s.ms, 0));
  }
  const wall = median(walls);
  const inSql = median(sqlTimes);
  const plans: string[] = [];
  for (const statement of statements) {
    const read = /^\s*select/i.test(statement.sql) && !/for update/i.test(statement.sql);
    plans.push(`\`\`\`sql\n${statement.sql}\n\`\`\`\n${read ? `\`\`\`\n${await explain(statement)}\n\`\`\`` : '(writes: not re-run)'}\n`);
  }
  sections.push(
    `## ${request.name}\n\nMedian of ${REPEAT} sequential requests: **${wall.toFixed(2)} ms** wall, of which **${inSql.toFixed(2)} ms** in ${statements.length} SQL round trips (as Kysely timed them, driver included); the rest is HTTP, tRPC, validation and serialisation.\n\n${plans.join('\n')}`,
  );
  console.log(`${request.name}: ${wall.toFixed(2)} ms wall, ${inSql.toFixed(2)} ms SQL, ${statements.length} statements`);
}

const report = `# Where the time goes — ${new Date().toISOString()}\n\nPostgreSQL, 50 companies, 100,000 orders, 1,000,000 order lines; one request at a time, warm cache; Node ${process.version}.\n\n${sections.join('\n')}`;
const out = path.resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'explain.md'), report);
await app.close();
await db.destroy();
await handle.close();
await scratch.drop();
process.exit(0);

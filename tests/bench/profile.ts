// pnpm bench:profile — where the CPU goes under load. Seeds the benchmark data on PostgreSQL,
// serves the app in this process with the V8 profiler on, drives one procedure with autocannon
// from another process, and writes the share of CPU time per package to results/profile-<target>.md.
// TARGET=list (default) | get | create.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDb, migrateToLatest } from '@tradeloom/db';
import { BENCH_ORDER_LINES, startBenchApp, trpcQueryUrl } from './app-server.ts';
import { scratchDatabase } from './scratch-db.ts';
import { seedBenchData } from './seed.ts';
import { seedOrderData } from './seed-orders.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A package name for code under node_modules, `ours:<file>` for the workspace, else V8's label. */
function owner(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName || '(native)';
  const pnpm = /node_modules\/\.pnpm\/(@?[^@/]+(?:\+[^@/]+)?)@/.exec(url);
  if (pnpm?.[1]) return pnpm[1].replace('+', '/');
  if (url.startsWith('node:')) return 'node core';
  const ours = /\/(server|db|shared)\/src\//.exec(url);
  return ours ? `ours: ${ours[1]}` : url;
}

const target = process.env.TARGET ?? 'list';
const scratch = await scratchDatabase('tl_profile');
const handle = await createDb({ databaseUrl: scratch.url, poolSize: 20 });
await migrateToLatest(handle.db);
console.log('seeding…');
const { apiKey, companyId } = await seedBenchData(handle.db);
const { orderId, supplierId } = await seedOrderData(handle.db, companyId);
const app = await startBenchApp(handle);
const base = `${app.url}/trpc`;
const query = (procedure: string, input: unknown) => trpcQueryUrl(app.url, procedure, input);
const requests: Record<string, string[]> = {
  list: [query('orders.list', { side: 'purchase', status: 'submitted' })],
  get: [query('orders.get', { orderId })],
  create: [
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    JSON.stringify({ supplierId, lines: BENCH_ORDER_LINES }),
    `${base}/orders.create`,
  ],
};
const request = requests[target];
if (!request) throw new Error(`TARGET must be one of ${Object.keys(requests).join(', ')}`);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const autocannon = path.resolve(import.meta.dirname, '../node_modules/.bin/autocannon');
const { stdout } = await promisify(execFile)(
  autocannon,
  ['-c', '50', '-d', '10', '-j', '-H', `authorization=Bearer ${apiKey}`, ...request],
  {
    maxBuffer: 1 << 24,
  },
);
const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const shares = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const node = byId.get(id);
  const micros = profile.timeDeltas[index] ?? 0;
  if (!node) return;
  const key = owner(node.callFrame);
  shares.set(key, (shares.get(key) ?? 0) + micros);
  total += micros;
});
const rows = [...shares.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
const requestsPerSecond = (JSON.parse(stdout) as { requests: { average: number } }).requests.average;
const report = `# CPU profile — orders.${target} — ${new Date().toISOString()}

autocannon -c 50 -d 10 against the app in this process (PostgreSQL, 100,000 orders): ${Math.round(requestsPerSecond)} req/s while profiling.
Share of sampled time per owner (self time; \`writev\` is socket writes, \`(idle)\` waiting on I/O):

| owner | share |
| --- | ---: |
${rows.map(([key, micros]) => `| ${key} | ${((100 * micros) / total).toFixed(1)} % |`).join('\n')}
`;
const out = path.resolve(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, `profile-${target}.md`), report);
console.log(report);
await app.close();
await handle.close();
await scratch.drop();
process.exit(0);

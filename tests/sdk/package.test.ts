// SLOW (about a minute, most of it the package build): the SDK as an outside program gets it.
// `pnpm pack` builds @tradeloom/sdk (its prepack script) into a tarball; a scratch project in the
// system temp directory, outside the workspace, installs that tarball with pnpm (from the store,
// the npm registry only for what the store lacks), type-checks the repository's own examples and a
// file with deliberate type errors with the workspace's TypeScript compiler, and runs the examples
// against a real server with a real API key.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const sdkDir = path.join(repoRoot, 'client/sdk');
const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
// The pnpm running this suite (pnpm sets npm_execpath for its scripts), else the one on PATH.
const pnpm = process.env.npm_execpath && !process.env.npm_execpath.endsWith('.js') ? process.env.npm_execpath : 'pnpm';
const typesNodeVersion = JSON.parse(await readFile(path.join(repoRoot, 'node_modules/@types/node/package.json'), 'utf8')).version as string;

// Node 20 is the oldest the package declares (engines); Debian's node is one on these machines.
const node20 = await run('/usr/bin/node', ['--version']).then(
  ({ stdout }) => (stdout.startsWith('v20.') ? '/usr/bin/node' : null),
  () => null,
);

let scratch: string;
let tarball: string;
let unpacked: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'tradeloom-sdk-consumer-'));
  await run(pnpm, ['pack', '--pack-destination', scratch], { cwd: sdkDir, maxBuffer: 16 * 1024 * 1024 });
  const name = (await readdir(scratch)).find((file) => file.endsWith('.tgz'));
  if (!name) throw new Error(`pnpm pack left no tarball in ${scratch}`);
  tarball = path.join(scratch, name);
  unpacked = path.join(scratch, 'unpacked');
  await run('mkdir', ['-p', unpacked]);
  await run('tar', ['-xzf', tarball, '-C', unpacked]);

  const project = path.join(scratch, 'project');
  await run('mkdir', ['-p', project]);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }));
  await writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        // Check the package's declarations too: an import they make that the consumer lacks fails here.
        skipLibCheck: false,
        noEmit: true,
        allowImportingTsExtensions: true,
        types: ['node'],
      },
      include: ['list-orders.ts', 'verify-webhook.ts'],
    }),
  );
  for (const example of ['list-orders.ts', 'verify-webhook.ts'])
    await copyFile(path.join(sdkDir, 'examples', example), path.join(project, example));
  await run(pnpm, ['add', tarball, `@types/node@${typesNodeVersion}`, '--prefer-offline', '--reporter=append-only'], {
    cwd: project,
    maxBuffer: 16 * 1024 * 1024,
  });
}, 300_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const projectDir = () => path.join(scratch, 'project');
/**
 * The compiler's errors, without the one @trpc/server brings to every consumer that checks
 * libraries: its WebSocket adapter's declarations import `ws`, an optional peer nobody here uses.
 */
async function typeErrors(tsconfig: string): Promise<string[]> {
  const output = await run(process.execPath, [tsc, '-p', tsconfig], { cwd: projectDir() }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  return errors.filter((line) => !/^node_modules\/\.pnpm\/@trpc\+server@[^/]+\/.*error TS2307: Cannot find module 'ws'/.test(line));
}

describe('the SDK as an installed package (slow: builds and packs)', () => {
  it('ships ESM JavaScript and one declaration file, importing only its declared dependencies', async () => {
    const manifest = JSON.parse(await readFile(path.join(unpacked, 'package/package.json'), 'utf8'));
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@trpc/client', '@trpc/server', 'eventsource']);
    expect((await readdir(path.join(unpacked, 'package'))).sort()).toEqual(['CHANGELOG.md', 'README.md', 'dist', 'package.json']);
    expect((await readdir(path.join(unpacked, 'package/dist'))).sort()).toEqual(['index.d.ts', 'index.js']);

    const js = await readFile(path.join(unpacked, 'package/dist/index.js'), 'utf8');
    const dts = await readFile(path.join(unpacked, 'package/dist/index.d.ts'), 'utf8');
    const importsOf = (code: string) => [...code.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(importsOf(js))).toEqual(new Set(['@trpc/client', 'eventsource']));
    expect(new Set(importsOf(dts))).toEqual(new Set(['@trpc/client', '@trpc/server']));
    // No server code at run time: nothing of the server, the database or their libraries.
    for (const serverSign of ['@tradeloom/', 'kysely', 'express', 'pino', 'appRouter', 'createApp', 'argon2']) {
      expect(js, serverSign).not.toContain(serverSign);
    }
    // The router's types are inlined; the server's context and meta are not (they name the database).
    expect(dts).toContain('type AppRouter = typeof appRouter');
    expect(dts).toMatch(/type Context = object;/);
    expect(dts).toMatch(/type ProcedureMeta = object;/);
    expect(dts).not.toMatch(/Kysely|interface Database\b|Logger/);
  });

  it('type-checks the examples outside the workspace with the inlined router types', async () => {
    expect(await typeErrors('tsconfig.json')).toEqual([]);
  });

  it('fails type-checking on a wrong input and an unknown output field', async () => {
    await writeFile(
      path.join(projectDir(), 'type-errors.ts'),
      [
        "import { createClient } from '@tradeloom/sdk';",
        "const client = createClient({ url: 'http://localhost:3000', apiKey: 'tlk_x' });",
        "await client.orders.list.query({ side: 'sideways' });",
        "const page = await client.orders.list.query({ side: 'purchase' });",
        'console.log(page.items[0]?.totl);',
        '',
      ].join('\n'),
    );
    await writeFile(
      path.join(projectDir(), 'tsconfig.errors.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['type-errors.ts'] }),
    );
    const errors = await typeErrors('tsconfig.errors.json');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^type-errors\.ts\(3,\d+\): error TS2322: Type '"sideways"' is not assignable to type '"purchase" \| "sales"'/,
    );
    expect(errors[1]).toMatch(/^type-errors\.ts\(5,\d+\): error TS2551: Property 'totl' does not exist on type .* Did you mean 'total'\?/);
  });

  it('the example lists purchase orders from a real server with a real API key', async () => {
    const app: TestApp = await setupTestApp();
    const http = await app.startHttp();
    try {
      const { buyer, supplier, product } = await tradingPair(app, 'Pkg');
      const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
      await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
      const order = await buyer.members.staff.caller.orders.get({ orderId: draft.id });
      const { key } = await buyer.members.admin.caller.apiKeys.create({ name: 'erp import', scopes: ['orders:read'] });

      const { stdout } = await run(process.execPath, ['list-orders.ts'], {
        cwd: projectDir(),
        env: { ...process.env, TRADELOOM_URL: http.url, TRADELOOM_API_KEY: key },
      });
      expect(stdout).toContain('1 purchase orders');
      expect(stdout).toContain(`${order.number}  submitted  ${supplier.name}  INR ${order.total}`);
    } finally {
      await http.close();
      await app.close();
    }
  });

  it('the installed verifyWebhook verifies the specification example and refuses a changed body', async () => {
    const { stdout } = await run(process.execPath, ['verify-webhook.ts'], { cwd: projectDir() });
    expect(stdout).toContain('verified {"test":2432232314}');
    expect(stdout).toContain('tampered body refused: No matching signature');
  });

  it('exports the 429 helpers', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', "console.log(Object.keys(await import('@tradeloom/sdk')).sort().join(' '))"],
      {
        cwd: projectDir(),
      },
    );
    expect(stdout.trim().split(' ')).toEqual(
      expect.arrayContaining(['createClient', 'errorReason', 'retryAfterSeconds', 'RateLimitedError', 'verifyWebhook', 'REASON_MEANINGS']),
    );
  });

  it.skipIf(!node20)('loads and verifies a webhook on Node 20, the oldest version it declares', async () => {
    const script = [
      "import { createClient, verifyWebhook } from '@tradeloom/sdk';",
      "const headers = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };",
      `const payload = await verifyWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers, '{"test": 2432232314}', { now: new Date(1614265330000) });`,
      "const client = createClient({ url: 'http://127.0.0.1:1', apiKey: 'tlk_x' });",
      'console.log(process.version, JSON.stringify(payload), typeof client.orders.list.query);',
    ].join('\n');
    await writeFile(path.join(projectDir(), 'node20.mjs'), script);
    const { stdout } = await run(node20 as string, ['node20.mjs'], { cwd: projectDir() });
    expect(stdout).toMatch(/^v20\.\S+ \{"test":2432232314\} function/);
  });
});

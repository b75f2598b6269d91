import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer, loadConfig, StartupError } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../harness/test-db.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs bootstrap's own version check (scripts/node-version.sh) on a version string. */
function nodeVersionOk(version: string): boolean {
  const script = 'source scripts/node-version.sh; node_version_ok "$1" && echo ok || echo old';
  return execFileSync('bash', ['-c', script, 'check', version], { cwd: repoRoot, encoding: 'utf8' }).trim() === 'ok';
}

describe('the Node version bootstrap accepts', () => {
  it('refuses releases without type stripping by default (before 22.18), 22.12 included', () => {
    for (const version of ['22.12.0', '22.17.1', 'v20.19.0', '18.20.4', '0.0.0', 'none'])
      expect(nodeVersionOk(version), version).toBe(false);
  });

  it('accepts 22.18 and every later release', () => {
    for (const version of ['22.18.0', 'v22.18.0', '22.20.1', '23.0.0', '24.11.1', '25.1.0'])
      expect(nodeVersionOk(version), version).toBe(true);
  });

  it('package.json states the same minimum', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=22.18');
  });
});

// Starting a server migrates nothing (the test database is a migrated copy) but is slow on a busy machine.
describe('HOST', { timeout: 120_000 }, () => {
  it('binds all interfaces unless HOST names an address', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });

  it('refuses a HOST that is neither an address nor a host name, saying so', () => {
    for (const host of ['http://127.0.0.1', '127.0.0.1:3000', 'two words']) {
      expect(() => loadConfig({ HOST: host })).toThrow(StartupError);
      expect(() => loadConfig({ HOST: host })).toThrow(/HOST must be an IP address or a host name/);
    }
  });

  describe('a server started with HOST=127.0.0.2', () => {
    let server: Awaited<ReturnType<typeof createServer>>;
    let database: Awaited<ReturnType<typeof createTestDb>>;
    let port: number;
    beforeAll(async () => {
      database = await createTestDb();
      server = await createServer({
        database,
        seedDemo: false,
        config: { ...loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.2' }), runJobs: false },
      });
      port = await server.listen(0);
    }, 120_000);
    afterAll(async () => {
      await server.close();
      await database.close();
    });

    it('answers on that address and on no other', async () => {
      const there = await fetch(`http://127.0.0.2:${port}/healthz`);
      expect(await there.json()).toEqual({ status: 'ok' });
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    });
  });

  it('a HOST this machine does not have is one sentence naming HOST', async () => {
    const database = await createTestDb();
    const server = await createServer({
      database,
      seedDemo: false,
      config: { ...loadConfig({ NODE_ENV: 'test', HOST: '192.0.2.1' }), runJobs: false },
    });
    try {
      await expect(server.listen(0)).rejects.toThrow(/check HOST/);
    } finally {
      await server.close();
      await database.close();
    }
  });
});

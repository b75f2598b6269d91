import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real entry point, as an operator starts it: a failure to start is one sentence and exit code 1.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'tradeloom-startup-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function runMain(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server/src/main.ts'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, SEED_DEMO: 'false', RUN_JOBS: 'false', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    // A server that wrongly starts is stopped, so the test fails on the exit code instead of hanging.
    // Generous: a cold embedded database takes seconds, many more on a loaded CI machine.
    setTimeout(() => child.kill('SIGTERM'), START_LIMIT_MS).unref();
  });
}

const START_LIMIT_MS = 75_000;

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('start-up failures', { timeout: START_LIMIT_MS + 15_000 }, () => {
  it('refuses a busy port with a clear sentence and exit code 1, without claiming to run', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stdout, stderr } = await runMain({ PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} is already in use`);
      expect(stdout).not.toContain('is running');
      noStackTrace(stderr);
    } finally {
      blocker.close();
    }
  });

  it('names an unreachable PostgreSQL and DATABASE_URL in one sentence, exit code 1', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const { code, stderr } = await runMain({ DATABASE_URL: `postgres://tradeloom:secret-pw@127.0.0.1:${port}/tradeloom` });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Tradeloom did not start: Cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED) — check DATABASE_URL.`,
    );
    expect(stderr).not.toContain('secret-pw');
  });

  it('refuses production without a mail transport, in one sentence, exit code 1', async () => {
    const { code, stdout, stderr } = await runMain({ NODE_ENV: 'production', PORT: '0' });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^Tradeloom did not start: In production Tradeloom needs SMTP_URL .*MAIL_TRANSPORT=disabled.*\.$/);
    expect(stdout).not.toContain('is running');
  });
});

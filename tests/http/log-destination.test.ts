import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const loggerModule = pathToFileURL(path.resolve(import.meta.dirname, '../../server/src/lib/logger.ts')).href;

/** Runs a process that logs `lines` lines through the production destination, then exits at once. */
async function logThenExit(target: string, lines: number): Promise<string> {
  const script = `
    const { createLogger, logDestination } = await import(${JSON.stringify(loggerModule)});
    const logger = createLogger('info', logDestination(${target}));
    for (let i = 0; i < ${lines}; i++) logger.info({ i }, 'request completed');
    logger.fatal('crashing');
    process.exit(1);`;
  const run = promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  const { stdout } = await run.catch((error: { stdout: string; code: number }) => {
    expect(error.code).toBe(1);
    return error;
  });
  return stdout;
}

describe('production log destination (asynchronous writes)', () => {
  it('loses no line when the process exits right after logging, to a file', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tl-log-')), 'app.log');
    await logThenExit(JSON.stringify(file), 2000);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2001);
    expect(JSON.parse(lines.at(-1) ?? '{}').msg).toBe('crashing');
  });

  it('loses no line when the process exits right after logging, to stdout', async () => {
    const lines = (await logThenExit('', 2000)).trim().split('\n');
    expect(lines).toHaveLength(2001);
    expect(JSON.parse(lines.at(-1) ?? '{}').msg).toBe('crashing');
  });
});

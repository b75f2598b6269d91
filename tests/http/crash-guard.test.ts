import { EventEmitter } from 'node:events';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { installCrashGuard } from '../../server/src/http/crash-guard.ts';
import { requestScope } from '../../server/src/http/request-scope.ts';
import { captureLogs } from './log-capture.ts';

// The process-level last resort, driven through a stand-in for `process` (vitest owns the real one):
// a failure escaping inside a request ends that request; one outside any request stops the process.
const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function guardedApp(raise: (fakeProcess: EventEmitter) => void) {
  const fakeProcess = new EventEmitter();
  const { logger, lines } = captureLogs();
  const shutdowns: number[] = [];
  installCrashGuard({ logger, target: fakeProcess, shutdown: async (code) => void shutdowns.push(code) });
  const app = express();
  app.use((req, _res, next) => {
    (req as { id?: string }).id = 'req-guard-1';
    next();
  });
  app.use(requestScope);
  // A handler that lets a failure escape from a later callback, never answering itself.
  app.get('/raise', () => {
    setTimeout(() => raise(fakeProcess), 1);
  });
  app.get('/ok', (_req, res) => void res.send('ok'));
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  const url = () => `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { fakeProcess, lines, shutdowns, url, listening: new Promise((resolve) => server.once('listening', resolve)) };
}

describe('crash guard', () => {
  it.each([
    ['an uncaught exception', (p: EventEmitter) => p.emit('uncaughtException', new Error('boom in a request'))],
    ['an unhandled rejection', (p: EventEmitter) => p.emit('unhandledRejection', new Error('boom in a request'), Promise.resolve())],
  ])('ends the request that raised %s with a 500 and keeps serving', async (_label, raise) => {
    const guarded = guardedApp(raise);
    await guarded.listening;
    const response = await fetch(`${guarded.url()}/raise`);
    expect(response.status).toBe(500);
    expect((await response.json()).error.requestId).toBe('req-guard-1');
    expect(guarded.shutdowns).toEqual([]);
    expect(guarded.lines.join('')).toContain('req-guard-1');
    expect(await (await fetch(`${guarded.url()}/ok`)).text()).toBe('ok');
  });

  it('stops the process gracefully with exit code 1 for an exception outside any request', async () => {
    const guarded = guardedApp(() => {});
    guarded.fakeProcess.emit('uncaughtException', new Error('boom at large'));
    expect(guarded.shutdowns).toEqual([1]);
    expect(guarded.lines.join('')).toContain('"level":60');
  });

  it('logs an unhandled rejection outside any request and keeps running', async () => {
    const guarded = guardedApp(() => {});
    guarded.fakeProcess.emit('unhandledRejection', new Error('lost promise'), Promise.resolve());
    expect(guarded.shutdowns).toEqual([]);
    expect(guarded.lines.join('')).toContain('lost promise');
  });
});

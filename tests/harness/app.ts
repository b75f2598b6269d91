import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DbHandle } from '@tradeloom/db';
import {
  type AppDeps,
  appRouter,
  type Config,
  type Context,
  createApp,
  createCallerFactory,
  createLogger,
  JobRunner,
  jobHandlers,
  LiveHub,
  loadConfig,
  ManualClock,
  registerSubscriptions,
  smtpMailer,
  subscriptions,
} from '@tradeloom/server';
import { type ReceivedMail, startSmtpSink } from './smtp-sink.ts';
import { createTestDb } from './test-db.ts';

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export interface CallerOptions {
  sessionToken?: string | null;
  apiKey?: string | null;
  ip?: string;
}

/**
 * One test file's world: a fresh database (or the one given), a movable clock, a real SMTP sink, the job runner,
 * and callers that go through the full router (middleware, zod, error formatter).
 */
export async function setupTestApp(configOverrides: Partial<Config> = {}, options: { database?: DbHandle } = {}) {
  // A given database is another "process" over the same data (a restart); `close` closes it too.
  const database: DbHandle = options.database ?? (await createTestDb());
  const smtp = await startSmtpSink();
  const clock = new ManualClock();
  const config = loadConfig({ NODE_ENV: 'test' }, { publicUrl: 'http://tradeloom.test', runJobs: false, ...configOverrides });
  const mailer = smtpMailer(smtp.url, config.mailFrom);
  const logger = createLogger('silent');
  const live = new LiveHub(database.listen, logger);
  await live.start();
  const deps: AppDeps = { db: database.db, dbKind: database.kind, config, clock, mailer, logger, live };
  const handlers = jobHandlers(deps);
  registerSubscriptions(subscriptions, handlers);
  const runner = new JobRunner(deps.db, clock, handlers, deps.logger, { workerId: 'test' });

  /** The cookie a procedure set last, as a browser would keep it. */
  const cookieLog: { token: string | null }[] = [];
  function caller(options: CallerOptions = {}): Caller {
    const ctx: Context = {
      deps,
      request: { requestId: randomUUID(), ip: options.ip ?? '203.0.113.7', userAgent: 'vitest' },
      credentials: { sessionToken: options.sessionToken ?? null, apiKey: options.apiKey ?? null },
      cookies: {
        set: (token) => cookieLog.push({ token }),
        clear: () => cookieLog.push({ token: null }),
      },
    };
    return createCaller(ctx);
  }
  const lastCookie = () => cookieLog.at(-1)?.token ?? null;

  /** Runs queued jobs and returns the mail delivered to `to` that no earlier call returned. */
  const handedOut = new Set<ReceivedMail>();
  async function mailFor(to: string): Promise<ReceivedMail[]> {
    await runner.drain();
    const fresh = smtp.received.filter((mail) => mail.to === to && !handedOut.has(mail));
    for (const mail of fresh) handedOut.add(mail);
    return fresh;
  }

  async function startHttp(overrides: Partial<AppDeps> = {}, appOptions: Parameters<typeof createApp>[1] = {}) {
    const app = createApp({ ...deps, ...overrides }, appOptions);
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  return {
    deps,
    db: deps.db,
    kind: database.kind,
    clock,
    smtp,
    runner,
    caller,
    lastCookie,
    mailFor,
    startHttp,
    async close() {
      await live.stop();
      await smtp.close();
      await database.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof setupTestApp>>;

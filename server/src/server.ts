import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type DbHandle, migrateToLatest } from '@tradeloom/db';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { type Config, loadConfig, mailTransportOf } from './config.ts';
import type { AppDeps } from './deps.ts';
import { jobHandlers, registerSubscriptions, SCHEDULES } from './jobs.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { createLogger } from './lib/logger.ts';
import { JobRunner } from './modules/events/job-runner.ts';
import { registerSchedules } from './modules/events/schedules.ts';
import { subscriptions } from './modules/events/subscribers.ts';
import { LiveHub } from './modules/live/live-hub.ts';
import { devMailboxMailer, disabledMailer, type Mailer, smtpMailer } from './modules/mail/mailer.ts';
import { type DemoLogin, presentDemoLogins, seedDemoData } from './seed/seed.ts';
import { databaseStartupError, listenStartupError } from './startup-error.ts';

const defaultClientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export interface CreateServerOptions {
  config?: Partial<Config>;
  /** Use this database instead of opening one from the config (tests pass their own). */
  database?: DbHandle;
  clock?: Clock;
  mailer?: Mailer;
  seedDemo?: boolean;
  clientDir?: string;
}

/** Opens the configured database and migrates it; an unreachable PostgreSQL is one clear sentence. */
async function openDatabase(config: Config): Promise<DbHandle> {
  const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  try {
    await migrateToLatest(database.db);
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw config.databaseUrl ? databaseStartupError(error, config.databaseUrl) : error;
  }
}

/** Binds the port; once bound, a server error (e.g. EMFILE on accept) is logged, never left unhandled. */
function listenOn(server: Server, port: number, host: string, logger: Logger): Promise<Server> {
  return new Promise((resolve, reject) => {
    const refuse = (error: Error) => reject(listenStartupError(error, port, host));
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      server.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));
      resolve(server);
    });
  });
}

/** The transport the configuration names (the same choice the production check and /readyz read). */
function createMailer(config: Config, database: DbHandle, logger: Logger): Mailer {
  switch (mailTransportOf(config)) {
    case 'disabled':
      logger.warn(
        'MAIL_TRANSPORT=disabled: no email will be sent — nobody can verify an email address, reset a password or receive an invitation.',
      );
      return disabledMailer(logger);
    case 'smtp':
      return smtpMailer(config.smtpUrl as string, config.mailFrom);
    case 'dev-mailbox':
      return devMailboxMailer(database.db);
  }
}

/** Wires the process: database, migrations, mailer, job runner and the HTTP app. */
export async function createServer(options: CreateServerOptions = {}) {
  const config = loadConfig(process.env, options.config);
  const logger = createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config));
  const mailer = options.mailer ?? createMailer(config, database, logger);
  const live = new LiveHub(database.listen, logger);
  await live.start();
  const deps: AppDeps = { db: database.db, dbKind: database.kind, config, clock: options.clock ?? systemClock, mailer, logger, live };

  const seedDemo = options.seedDemo ?? process.env.SEED_DEMO !== 'false';
  const seeded: DemoLogin[] | null = seedDemo && config.env !== 'production' ? await seedDemoData(deps) : null;
  // Shown on every start outside production, not only the first: they are how a local install is entered.
  const demoLogins = config.env === 'production' ? [] : (seeded ?? (await presentDemoLogins(deps)));

  const handlers = jobHandlers(deps);
  registerSubscriptions(subscriptions, handlers);
  logger.debug({ events: subscriptions.unsubscribedEvents() }, 'events no job reacts to');
  await registerSchedules(deps.db, deps.clock, SCHEDULES);
  const runner = new JobRunner(deps.db, deps.clock, handlers, logger, {
    workerId: `${process.pid}-${randomUUID().slice(0, 8)}`,
  });
  if (config.runJobs) runner.start();

  const app = createApp(deps, { clientDir: options.clientDir ?? defaultClientDir });
  let http: Server | undefined;

  return {
    deps,
    app,
    runner,
    seeded,
    demoLogins,
    /** Rejects when the port cannot be bound (Express 5's app.listen would report success). */
    async listen(port = config.port): Promise<number> {
      http = await listenOn(createHttpServer(app), port, config.host, logger);
      // Slow clients cannot hold sockets open forever (slowloris).
      http.headersTimeout = 20_000;
      http.requestTimeout = 60_000;
      const address = http.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    /** Graceful: stop taking requests, finish in-flight ones and the current job, close the database. */
    async close(): Promise<void> {
      const closed = new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
      await live.stop();
      await closed;
      await runner.stop();
      if (!options.database) await database.close();
    },
  };
}

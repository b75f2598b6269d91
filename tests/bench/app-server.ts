import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Database, DbHandle } from '@tradeloom/db';
import { createApp, createLogger, disabledMailer, LiveHub, loadConfig, logDestination, systemClock } from '@tradeloom/server';
import type { Kysely } from 'kysely';

export interface BenchApp {
  url: string;
  /** Bytes of request log written so far. */
  logBytes(): number;
  close(): Promise<void>;
}

/**
 * The app as production runs it (info-level request lines to a file through the production log
 * destination, no job runner) on a free port. `db` replaces the handle's Kysely instance, e.g. one
 * with a query log.
 */
export async function startBenchApp(handle: DbHandle, db: Kysely<Database> = handle.db): Promise<BenchApp> {
  const logFile = path.join(os.tmpdir(), `tradeloom-bench-${process.pid}-${Date.now()}.log`);
  const logger = createLogger('info', logDestination(logFile));
  const live = new LiveHub(handle.listen, logger);
  await live.start();
  const app = createApp({
    db,
    dbKind: handle.kind,
    config: loadConfig(
      { NODE_ENV: 'production', MAIL_TRANSPORT: 'disabled', TWO_FACTOR_KEY: randomBytes(32).toString('base64') },
      { logLevel: 'info', runJobs: false },
    ),
    clock: systemClock,
    mailer: disabledMailer(logger),
    logger,
    live,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    logBytes: () => statSync(logFile, { throwIfNoEntry: false })?.size ?? 0,
    async close() {
      await live.stop();
      await new Promise((resolve) => server.close(resolve));
      logger.flush();
      rmSync(logFile, { force: true });
    },
  };
}

/** A GET of a tRPC query, as the browser's httpBatchLink would send it unbatched. */
export function trpcQueryUrl(appUrl: string, procedure: string, input: unknown): string {
  return `${appUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

/** The body lines of the benchmarked `orders.create`: 10 free-text lines. */
export const BENCH_ORDER_LINES = Array.from({ length: 10 }, (_, i) => ({
  description: `Bench line ${i + 1}`,
  quantity: '10',
  unit: 'kg',
  unitPrice: '265.50',
}));

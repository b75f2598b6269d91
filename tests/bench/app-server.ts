import type { Server } from 'node:http';
import type { Database, DbHandle } from '@tradeloom/db';
import { createApp, createLogger, disabledMailer, LiveHub, loadConfig, systemClock } from '@tradeloom/server';
import type { Kysely } from 'kysely';

/**
 * The app as production runs it (silent logs, no job runner) on a free port. `db` replaces the
 * handle's Kysely instance, e.g. one with a query log.
 */
export async function startBenchApp(handle: DbHandle, db: Kysely<Database> = handle.db): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createLogger('silent');
  const live = new LiveHub(handle.listen, logger);
  await live.start();
  const app = createApp({
    db,
    dbKind: handle.kind,
    config: loadConfig({ NODE_ENV: 'production', MAIL_TRANSPORT: 'disabled' }, { logLevel: 'silent', runJobs: false }),
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
    async close() {
      await live.stop();
      await new Promise((resolve) => server.close(resolve));
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

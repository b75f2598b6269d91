import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import type { Clock } from '../../lib/clock.ts';

// Counters live in the database, so every app instance shares them. Each call counts once,
// whatever HTTP request carried it: a tRPC batch of 50 logins is 50 attempts.

export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** ms until the key may act again, or 0 when under the limit. Does not count. */
export async function blockedFor(db: Executor, clock: Clock, key: string, limit: WindowLimit): Promise<number> {
  const row = await db.selectFrom('rate_limits').select(['window_start', 'count']).where('key', '=', key).executeTakeFirst();
  if (!row) return 0;
  const windowEnd = row.window_start.getTime() + limit.windowMs;
  const now = clock.now().getTime();
  if (now >= windowEnd) return 0;
  return row.count >= limit.max ? windowEnd - now : 0;
}

/** Counts one hit in a fixed window that starts at the first hit. */
export async function hit(db: Executor, clock: Clock, key: string, limit: WindowLimit): Promise<number> {
  const now = clock.now();
  const windowStartedBefore = new Date(now.getTime() - limit.windowMs);
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`CASE WHEN rate_limits.window_start <= ${windowStartedBefore} THEN 1 ELSE rate_limits.count + 1 END`,
        window_start: sql`CASE WHEN rate_limits.window_start <= ${windowStartedBefore} THEN ${now} ELSE rate_limits.window_start END`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function reset(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/**
 * Per-account back-off: after 5 consecutive failures each further one doubles the wait,
 * 15 s up to 15 min. Keyed by the email as typed, so unknown accounts behave like known ones.
 */
export function accountBackoffMs(failures: number): number {
  if (failures < 5) return 0;
  return Math.min(15_000 * 2 ** (failures - 5), 15 * 60_000);
}

export const LOGIN_IP_LIMIT: WindowLimit = { max: 30, windowMs: 15 * 60_000 };
export const RESET_LIMIT: WindowLimit = { max: 5, windowMs: 60 * 60_000 };

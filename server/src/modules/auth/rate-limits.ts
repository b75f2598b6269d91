import type { Executor } from '@tradeloom/db';
import { type Expression, type RawBuilder, sql } from 'kysely';
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

export interface Consumed {
  /** Points counted in the current window, this call's included. */
  count: number;
  /** When the current window ends and the count starts again. */
  resetAt: Date;
}

/**
 * Counts `points` hits at once in the same fixed window as `hit` (a tRPC batch of n calls is n
 * points) and says when the window ends: what a caller needs for RateLimit-* headers, in one
 * statement.
 */
export async function consume(db: Executor, clock: Clock, key: string, points: number, limit: WindowLimit): Promise<Consumed> {
  const now = clock.now();
  const windowStartedBefore = new Date(now.getTime() - limit.windowMs);
  const expired = sql<boolean>`rate_limits.window_start <= ${windowStartedBefore}`;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: points })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`CASE WHEN ${expired} THEN ${points}::int ELSE rate_limits.count + ${points}::int END`,
        window_start: sql`CASE WHEN ${expired} THEN ${now} ELSE rate_limits.window_start END`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: row.count, resetAt: new Date(row.window_start.getTime() + limit.windowMs) };
}

// Every window here is at most an hour and every back-off at most 15 minutes, so a row untouched
// for a day counts nothing any more; without pruning, each client address ever seen keeps a row.
const PRUNE_AFTER_MS = 86_400_000;

/** Deletes counters whose window started over a day ago; run hourly by the `rate_limits.prune` schedule. */
export async function pruneStaleCounters(db: Executor, clock: Clock): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - PRUNE_AFTER_MS);
  const result = await db.deleteFrom('rate_limits').where('window_start', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function reset(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

// Per-account back-off: after 5 consecutive failed attempts each further one doubles the wait,
// 15 s up to 15 min. Keyed by the email as typed, so unknown accounts behave like known ones.
function accountBackoffSeconds(count: Expression<number>): RawBuilder<number> {
  return sql<number>`CASE WHEN ${count} < 5 THEN 0 ELSE least(15 * power(2, ${count} - 5), 900) END`;
}

/**
 * Until when the account's sign-in is held back (null when it is not), as a scalar subquery on
 * its login throttle: what an operator sees as "locked out".
 */
export function loginLockedUntilOf(email: Expression<string>): RawBuilder<Date | null> {
  return sql<Date | null>`(select CASE WHEN rl.count >= 5 THEN rl.window_start + ${accountBackoffSeconds(sql.ref('rl.count'))} * interval '1 second' END from rate_limits rl where rl.key = 'login:account:' || ${email})`; // accountKeys.login
}

/**
 * Claims one login attempt for an account before any password is checked. The check and the
 * count are one statement, so concurrent attempts (a batch, parallel connections) queue on the
 * row and cannot all slip through before the first failure is recorded. Success clears the key.
 */
export async function claimAccountAttempt(db: Executor, clock: Clock, key: string): Promise<boolean> {
  const now = clock.now();
  const backoffSeconds = accountBackoffSeconds(sql.ref('rate_limits.count'));
  const claimed = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1), window_start: sql`greatest(rate_limits.window_start, ${now})` }))
        // Under 5 attempts there is no wait at all. Comparing times there refused real attempts:
        // concurrent requests read the clock in one order and reach this row in another.
        .where(sql<boolean>`rate_limits.count < 5 OR rate_limits.window_start + ${backoffSeconds} * interval '1 second' <= ${now}`),
    )
    .returning('count')
    .executeTakeFirst();
  return claimed !== undefined;
}

export const LOGIN_IP_LIMIT: WindowLimit = { max: 30, windowMs: 15 * 60_000 };
export const RESET_LIMIT: WindowLimit = { max: 5, windowMs: 60 * 60_000 };
// Sign-ups from one address; mail about one address (verification or "someone tried") per hour.
export const REGISTER_IP_LIMIT: WindowLimit = { max: 30, windowMs: 60 * 60_000 };
export const REGISTER_MAIL_LIMIT: WindowLimit = { max: 5, windowMs: 60 * 60_000 };

/** Counts one hit for every key unless one of them is already at its limit; true when counted. */
export async function claimWithinLimits(db: Executor, clock: Clock, keys: string[], limit: WindowLimit): Promise<boolean> {
  for (const key of keys) if ((await blockedFor(db, clock, key, limit)) > 0) return false;
  for (const key of keys) await hit(db, clock, key, limit);
  return true;
}

/** The throttle keys of one account, cleared together when its owner proves themselves by a reset link. */
export const accountKeys = {
  login: (email: string) => `login:account:${email}`,
  changePassword: (userId: string) => `change-password:user:${userId}`,
};

import type { Tx } from '@tradeloom/db';
import { sql } from 'kysely';

/**
 * Holds a PostgreSQL advisory lock on `parts` until the transaction ends: transactions that take
 * the same lock run their check-then-write one after another. For rules no unique index can
 * state (an idempotency key's answer, date ranges that must not overlap). Different names may
 * share a hash; that only makes them wait for each other.
 */
export async function lockUntilCommit(trx: Tx, ...parts: string[]): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${JSON.stringify(parts)}, 0))`.execute(trx);
}

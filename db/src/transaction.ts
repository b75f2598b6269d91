import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Anything that runs queries: the root handle or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type Tx = Transaction<Database>;

/**
 * Runs `work` in one transaction. If `executor` is already a transaction it is reused, so service
 * functions compose without nesting (Kysely throws on nested `.transaction()`).
 */
export function inTransaction<T>(executor: Executor, work: (trx: Tx) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return work(executor as Tx);
  return executor.transaction().execute(work);
}

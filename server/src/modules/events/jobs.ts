import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import type { Clock } from '../../lib/clock.ts';
import type { JobHandler } from './job-runner.ts';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction: it exists only if the mutation commits (outbox). */
export async function enqueueJob(trx: Executor, queue: string, payload: unknown, options: EnqueueOptions = {}): Promise<number> {
  const row = await trx
    .insertInto('jobs')
    .values({
      queue,
      payload: JSON.stringify(payload),
      run_at: options.runAt ?? new Date(),
      max_attempts: options.maxAttempts ?? 5,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const PRUNE_JOBS_QUEUE = 'jobs.prune';
const KEEP_FINISHED_MS = 14 * 86_400_000;

/** Deletes jobs finished (done) more than two weeks ago: the table holds work, not history. */
export function pruneJobsHandler(db: Executor, clock: Clock): JobHandler {
  return {
    async run() {
      const cutoff = new Date(clock.now().getTime() - KEEP_FINISHED_MS);
      await db.deleteFrom('jobs').where('status', '=', 'done').where('finished_at', '<', cutoff).execute();
    },
  };
}

/**
 * Gives the job on `queue` whose payload holds `key: value` a fresh set of attempts, due now, if it
 * is dead or waiting for its next try (a module's "send it again", e.g. a notification delivery).
 * Returns false when there is no such job, or it is running or done.
 */
export async function requeueJobByPayload(
  db: Executor,
  clock: Clock,
  queue: string,
  match: { key: string; value: string | number },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_at: clock.now(), finished_at: null, locked_at: null, locked_by: null })
    .where('queue', '=', queue)
    .where('status', 'in', ['dead', 'pending'])
    .where(sql<string>`payload ->> ${match.key}`, '=', String(match.value))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

import type { Executor } from '@tradeloom/db';
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

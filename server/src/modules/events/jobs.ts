import type { Executor } from '@tradeloom/db';

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

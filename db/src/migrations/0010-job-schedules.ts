import type { Kysely } from 'kysely';
import { runScript } from './run-script.ts';

// Clock-driven work (deadlines, digests, reminders): one row per schedule, holding its next due
// time. A runner claims due rows with FOR UPDATE SKIP LOCKED, queues one job per occurrence and
// moves next_run_at in the same transaction, so across processes each occurrence runs once.
// The indexes serve the operator's queue overview (counts per queue and state, recent failures).
export async function up(db: Kysely<any>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE job_schedules (
      name text PRIMARY KEY,
      queue text NOT NULL,
      spec text NOT NULL,
      next_run_at timestamptz NOT NULL,
      last_run_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX job_schedules_due_idx ON job_schedules (next_run_at);
    CREATE INDEX jobs_queue_status_idx ON jobs (queue, status);
    CREATE INDEX jobs_failed_idx ON jobs (finished_at DESC) WHERE status = 'dead';
    `,
  );
}

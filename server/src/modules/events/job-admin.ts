import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import type { Clock } from '../../lib/clock.ts';
import { appError, notFound } from '../../trpc/errors.ts';

// What a platform operator sees of the background work, and the one repair they can make.

const RECENT_FAILURES = 20;

/** Jobs per queue and state, with how long the oldest ready job has waited. */
function queueCounts(db: Executor, now: Date) {
  return db
    .selectFrom('jobs')
    .select((eb) => [
      'queue',
      'status',
      eb.fn.countAll<number>().as('count'),
      eb.fn
        .min(
          eb
            .case()
            .when(eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]))
            .then(eb.ref('run_at'))
            .end(),
        )
        .as('oldestReadyAt'),
    ])
    .groupBy(['queue', 'status'])
    .orderBy('queue')
    .orderBy('status')
    .execute();
}

/** The latest dead jobs and the retrying ones, each with its last error. */
function recentFailures(db: Executor) {
  return db
    .selectFrom('jobs')
    .select(['id', 'queue', 'status', 'attempts', 'max_attempts as maxAttempts', 'last_error as lastError', 'run_at as runAt'])
    .select(sql<Date>`coalesce(finished_at, run_at)`.as('failedAt'))
    .where('last_error', 'is not', null)
    .where('status', 'in', ['dead', 'pending'])
    .orderBy(sql`coalesce(finished_at, run_at)`, 'desc')
    .orderBy('id', 'desc')
    .limit(RECENT_FAILURES)
    .execute();
}

function schedules(db: Executor) {
  return db
    .selectFrom('job_schedules')
    .select(['name', 'queue', 'spec', 'next_run_at as nextRunAt', 'last_run_at as lastRunAt'])
    .orderBy('name')
    .execute();
}

export async function jobsOverview(db: Executor, clock: Clock) {
  const now = clock.now();
  const [queues, failures, scheduleRows] = await Promise.all([queueCounts(db, now), recentFailures(db), schedules(db)]);
  return { queues, failures, schedules: scheduleRows };
}

/**
 * Gives a dead job a fresh set of attempts, due now. Refused for a job that is not dead and for
 * one whose payload was blanked (an email with a live link): running it again cannot succeed.
 */
export async function retryDeadJob(db: Executor, clock: Clock, jobId: number) {
  const job = await db.selectFrom('jobs').select(['status', 'payload']).where('id', '=', jobId).executeTakeFirst();
  if (!job) throw notFound('Job');
  if (job.status !== 'dead') throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Only a dead job can be retried.');
  if (isRedacted(job.payload))
    throw appError('CONFLICT', 'JOB_PAYLOAD_REDACTED', 'This job’s content was erased for safety; it cannot run again.');
  const retried = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_at: clock.now(), finished_at: null, locked_at: null, locked_by: null })
    .where('id', '=', jobId)
    .where('status', '=', 'dead') // two operators clicking at once: one retry
    .executeTakeFirst();
  if (Number(retried.numUpdatedRows) !== 1) throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Only a dead job can be retried.');
  return { id: jobId, status: 'pending' as const };
}

function isRedacted(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { redacted?: unknown }).redacted === true;
}

/** Jobs per state across every queue. */
export function jobStateCounts(db: Executor) {
  return db
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .orderBy('status')
    .execute();
}

/**
 * What one queue did in the last day: jobs finished, waiting and dead, and the latest failures
 * with their error. The mail queue's jobs are the record of mail sent (its payload is blanked once
 * sent, so the counts and errors are what is left to show).
 */
export async function queueActivity(db: Executor, clock: Clock, queue: string) {
  const since = new Date(clock.now().getTime() - 24 * 3_600_000);
  const [counts, failures] = await Promise.all([
    db
      .selectFrom('jobs')
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere('status', '=', 'done').filterWhere('finished_at', '>=', since).as('done'),
        eb.fn.countAll<number>().filterWhere('status', '=', 'pending').as('waiting'),
        eb.fn.countAll<number>().filterWhere('status', '=', 'dead').filterWhere('finished_at', '>=', since).as('dead'),
      ])
      .where('queue', '=', queue)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('jobs')
      .select(['id', 'last_error as lastError', sql<Date>`coalesce(finished_at, run_at)`.as('failedAt')])
      .where('queue', '=', queue)
      .where('last_error', 'is not', null)
      .orderBy(sql`coalesce(finished_at, run_at)`, 'desc')
      .limit(10)
      .execute(),
  ]);
  return {
    done: Number(counts.done),
    waiting: Number(counts.waiting),
    dead: Number(counts.dead),
    failures: failures.map((f) => ({ id: Number(f.id), lastError: f.lastError, failedAt: f.failedAt.toISOString() })),
  };
}

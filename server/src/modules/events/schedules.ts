import { type Executor, inTransaction } from '@tradeloom/db';
import { Cron } from 'croner';
import type { Clock } from '../../lib/clock.ts';
import { enqueueJob } from './jobs.ts';

/**
 * Clock-driven work: a job queued on `queue` at each occurrence. `every` takes a whole number of
 * seconds, minutes, hours or days (`'15m'`, `'1h'`, `'1d'`); `cron` takes a five-field cron
 * expression, read in UTC (`'0 9 * * 1-5'`: weekdays at 09:00).
 */
export type ScheduleDefinition = { name: string; queue: string } & ({ every: string } | { cron: string });

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const EVERY = /^every (\d+)([smhd])$/;

function specOf(schedule: ScheduleDefinition): string {
  return 'every' in schedule ? `every ${schedule.every}` : schedule.cron;
}

/**
 * The first occurrence of a schedule strictly after `after`, and never at or before `now`: a
 * runner that was down runs a missed schedule once, not once per missed occurrence.
 */
export function nextOccurrence(spec: string, after: Date, now: Date = after): Date {
  const every = EVERY.exec(spec);
  if (every) {
    const interval = Number(every[1]) * UNIT_MS[every[2] as keyof typeof UNIT_MS];
    if (interval <= 0) throw new Error(`schedule interval must be positive: ${spec}`);
    const missed = Math.max(0, Math.floor((now.getTime() - after.getTime()) / interval));
    return new Date(after.getTime() + (missed + 1) * interval);
  }
  const next = new Cron(spec, { timezone: 'UTC' }).nextRun(now > after ? now : after);
  if (!next) throw new Error(`schedule never runs again: ${spec}`);
  return next;
}

/**
 * Declares the process's schedules (idempotent; every process calls it at start-up). A schedule
 * whose spec changed gets a new next run; an unchanged one keeps its place, so a restart neither
 * skips nor repeats an occurrence.
 */
export async function registerSchedules(db: Executor, clock: Clock, schedules: readonly ScheduleDefinition[]): Promise<void> {
  const now = clock.now();
  for (const schedule of schedules) {
    const spec = specOf(schedule);
    const nextRunAt = nextOccurrence(spec, now); // also rejects a malformed spec at start-up
    await db
      .insertInto('job_schedules')
      .values({ name: schedule.name, queue: schedule.queue, spec, next_run_at: nextRunAt })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          queue: eb.ref('excluded.queue'),
          spec: eb.ref('excluded.spec'),
          next_run_at: eb
            .case()
            .when('job_schedules.spec', '=', eb.ref('excluded.spec'))
            .then(eb.ref('job_schedules.next_run_at'))
            .else(eb.ref('excluded.next_run_at'))
            .end(),
          updated_at: now,
        })),
      )
      .execute();
  }
}

/**
 * Queues one job for every due schedule and moves it to its next occurrence, in one transaction.
 * FOR UPDATE SKIP LOCKED: a second runner skips a schedule the first is firing, and once that
 * commits, the row is no longer due. Returns how many occurrences were queued.
 */
export async function fireDueSchedules(db: Executor, clock: Clock): Promise<number> {
  const now = clock.now();
  // Runs on every tick of every runner: an idle tick is one indexed read, not a transaction.
  const anyDue = await db.selectFrom('job_schedules').select('name').where('next_run_at', '<=', now).limit(1).executeTakeFirst();
  if (!anyDue) return 0;
  return inTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom('job_schedules')
      .select(['name', 'queue', 'spec', 'next_run_at'])
      .where('next_run_at', '<=', now)
      .orderBy('next_run_at')
      .forUpdate()
      .skipLocked()
      .execute();
    for (const schedule of due) {
      await enqueueJob(trx, schedule.queue, { schedule: schedule.name, dueAt: schedule.next_run_at.toISOString() }, { runAt: now });
      await trx
        .updateTable('job_schedules')
        .set({ next_run_at: nextOccurrence(schedule.spec, schedule.next_run_at, now), last_run_at: schedule.next_run_at })
        .where('name', '=', schedule.name)
        .execute();
    }
    return due.length;
  });
}

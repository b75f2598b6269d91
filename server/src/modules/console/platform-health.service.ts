import { sql } from 'kysely';
import type { ServiceContext } from '../../deps.ts';
import { jobStateCounts, queueActivity } from '../events/job-admin.ts';
import { MAIL_QUEUE } from '../mail/mail.jobs.ts';

// One look at whether the platform is well: the database answers (and how fast, how big), the
// background queues drain, mail goes out, and how many live streams this process holds.

async function databaseProbe(ctx: ServiceContext) {
  const started = performance.now();
  try {
    const { rows } = await sql<{ size: string | number | null }>`select pg_database_size(current_database()) as size`.execute(ctx.deps.db);
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const size = rows[0]?.size;
    return { reachable: true, latencyMs, sizeBytes: size == null ? null : Number(size), kind: ctx.deps.dbKind };
  } catch (error) {
    ctx.deps.logger.warn({ err: error }, 'health: the database did not answer');
    return { reachable: false, latencyMs: Math.round(performance.now() - started), sizeBytes: null, kind: ctx.deps.dbKind };
  }
}

export async function platformHealth(ctx: ServiceContext) {
  const { db, clock, live } = ctx.deps;
  const database = await databaseProbe(ctx);
  if (!database.reachable) {
    const mail = { sentLastDay: 0, waiting: 0, failedLastDay: 0, recentFailures: [] };
    return { database, jobs: [], failedJobs: 0, mail, liveStreams: live.openStreams(), checkedAt: clock.now().toISOString() };
  }
  const [jobs, mail] = await Promise.all([jobStateCounts(db), queueActivity(db, clock, MAIL_QUEUE)]);
  const counts = jobs.map((row) => ({ status: row.status, count: Number(row.count) }));
  return {
    database,
    jobs: counts,
    failedJobs: counts.find((row) => row.status === 'dead')?.count ?? 0,
    mail: { sentLastDay: mail.done, waiting: mail.waiting, failedLastDay: mail.dead, recentFailures: mail.failures },
    liveStreams: live.openStreams(),
    checkedAt: clock.now().toISOString(),
  };
}

import { createDb, type DbHandle } from '@tradeloom/db';
import { createLogger, JobRunner } from '@tradeloom/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireDueSchedules, nextOccurrence, registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const logger = createLogger('silent');
let scheduleCount = 0;
/** A schedule name and queue no other test uses. */
function uniqueQueue(label: string) {
  scheduleCount += 1;
  return `test.${label}.${scheduleCount}`;
}

function tickingRunner(queue: string, seen: { schedule: string; dueAt: string }[]) {
  return new JobRunner(
    app.db,
    app.clock,
    { [queue]: { run: async (payload) => void seen.push(payload as (typeof seen)[number]) } },
    logger,
    {
      workerId: `ticker-${queue}`,
    },
  );
}

async function nextRunOf(name: string) {
  const row = await app.db.selectFrom('job_schedules').select('next_run_at').where('name', '=', name).executeTakeFirstOrThrow();
  return row.next_run_at;
}

describe('schedule arithmetic', () => {
  it('steps `every` schedules by their interval and runs a missed stretch once', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(nextOccurrence('every 1h', start)).toEqual(new Date('2026-01-01T01:00:00Z'));
    expect(nextOccurrence('every 15m', start, new Date('2026-01-01T05:20:00Z'))).toEqual(new Date('2026-01-01T05:30:00Z'));
  });

  it('reads cron expressions in UTC (croner), after the due time or now, whichever is later', () => {
    const mondayEarly = new Date('2026-11-30T08:00:00Z');
    expect(nextOccurrence('0 9 * * 1-5', mondayEarly)).toEqual(new Date('2026-11-30T09:00:00Z'));
    expect(nextOccurrence('0 9 * * 1-5', mondayEarly, new Date('2026-12-04T10:00:00Z'))).toEqual(new Date('2026-12-07T09:00:00Z'));
  });

  it('refuses a malformed spec at registration, before anything runs', async () => {
    await expect(registerSchedules(app.db, app.clock, [{ name: 'broken', queue: 'q', cron: 'every tuesday' }])).rejects.toThrow();
    await expect(registerSchedules(app.db, app.clock, [{ name: 'broken', queue: 'q', every: '0m' }])).rejects.toThrow(/positive/);
  });
});

describe('schedules driven by the clock', () => {
  it('queues nothing before the due time, one job at it, and one for a stretch the runner missed', async () => {
    const queue = uniqueQueue('hourly');
    await registerSchedules(app.db, app.clock, [{ name: queue, queue, every: '1h' }]);
    const seen: { schedule: string; dueAt: string }[] = [];
    const runner = tickingRunner(queue, seen);
    const firstDue = await nextRunOf(queue);

    app.clock.advance(59 * 60_000);
    await runner.drain();
    expect(seen).toEqual([]);

    app.clock.advance(60_000);
    await runner.drain();
    expect(seen).toEqual([{ schedule: queue, dueAt: firstDue.toISOString() }]);

    app.clock.advance(5 * 3_600_000 + 60_000); // the process was down for five occurrences
    await runner.drain();
    expect(seen).toHaveLength(2);
    expect((await nextRunOf(queue)).getTime()).toBeGreaterThan(app.clock.now().getTime());
  });

  it('keeps an unchanged schedule in place across restarts and reschedules a changed one', async () => {
    const queue = uniqueQueue('restart');
    await registerSchedules(app.db, app.clock, [{ name: queue, queue, every: '1d' }]);
    const planned = await nextRunOf(queue);
    app.clock.advance(3_600_000);
    await registerSchedules(app.db, app.clock, [{ name: queue, queue, every: '1d' }]);
    expect(await nextRunOf(queue)).toEqual(planned);
    const changedAt = app.clock.now().getTime();
    await registerSchedules(app.db, app.clock, [{ name: queue, queue, every: '30m' }]);
    const rescheduled = (await nextRunOf(queue)).getTime() - 30 * 60_000; // the manual clock still ticks in real time
    expect(rescheduled).toBeGreaterThanOrEqual(changedAt);
    expect(rescheduled).toBeLessThanOrEqual(app.clock.now().getTime());
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('schedules across processes (PostgreSQL)', () => {
  let second: DbHandle;
  beforeAll(async () => {
    second = await createDb({ databaseUrl: await currentDatabaseUrl() });
  });
  afterAll(() => second?.close());

  it('two runners on separate connection pools queue each occurrence once', async () => {
    const prefix = uniqueQueue('shared');
    const names = Array.from({ length: 25 }, (_, n) => `${prefix}.${n}`);
    await registerSchedules(
      app.db,
      app.clock,
      names.map((name) => ({ name, queue: prefix, every: '1m' })),
    );
    for (let occurrence = 0; occurrence < 4; occurrence++) {
      app.clock.advance(60_000);
      await Promise.all([fireDueSchedules(app.db, app.clock), fireDueSchedules(second.db, app.clock)]);
    }
    const jobs = await app.db.selectFrom('jobs').select('payload').where('queue', '=', prefix).execute();
    const occurrences = jobs.map((job) => JSON.stringify(job.payload));
    expect(new Set(occurrences).size).toBe(occurrences.length);
    expect(occurrences).toHaveLength(names.length * 4);
  });
});

/** The database this test file's harness made, named the way PostgreSQL reports it. */
async function currentDatabaseUrl(): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(app.db);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${rows[0]?.name}`;
  return url.toString();
}

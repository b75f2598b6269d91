import { createLogger, JobRunner } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../server/src/modules/events/jobs.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createUser, type TestUser } from '../harness/factories.ts';

let app: TestApp;
let operator: TestUser;
beforeAll(async () => {
  app = await setupTestApp();
  operator = await createUser(app, { label: 'ops' });
  await app.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', operator.id).execute();
});
afterAll(() => app.close());

const logger = createLogger('silent');
let queues = 0;

/** A queue of its own whose handler fails while `broken.now` is true. */
function flakyQueue() {
  queues += 1;
  const queue = `test.flaky.${queues}`;
  const broken = { now: true };
  const runner = new JobRunner(
    app.db,
    app.clock,
    {
      [queue]: {
        run: async () => {
          if (broken.now) throw new Error('partner endpoint returned 503');
        },
      },
    },
    logger,
    { workerId: queue },
  );
  return { queue, broken, runner };
}

async function killedJob() {
  const flaky = flakyQueue();
  const id = await enqueueJob(app.db, flaky.queue, { n: 1 }, { maxAttempts: 1, runAt: app.clock.now() });
  await flaky.runner.drain();
  return { ...flaky, id };
}

describe('operations.jobs: the operator sees queues and failures', () => {
  it('counts jobs per queue and state, dates the oldest waiting one, and lists failures with their last error', async () => {
    const { queue, id } = await killedJob();
    const waitingSince = app.clock.now();
    await enqueueJob(app.db, queue, { n: 2 }, { runAt: waitingSince });
    await enqueueJob(app.db, queue, { n: 3 }, { runAt: new Date(waitingSince.getTime() + 3_600_000) }); // not due yet

    const overview = await operator.caller.operations.jobs();
    const mine = overview.queues.filter((row) => row.queue === queue);
    expect(mine.map(({ status, count }) => ({ status, count }))).toEqual([
      { status: 'dead', count: 1 },
      { status: 'pending', count: 2 },
    ]);
    expect(mine.find((row) => row.status === 'pending')?.oldestReadyAt).toEqual(waitingSince);
    expect(overview.failures.find((failed) => failed.id === id)).toMatchObject({
      queue,
      status: 'dead',
      attempts: 1,
      lastError: 'partner endpoint returned 503',
    });
  });

  it('lists the schedules with their next and last run', async () => {
    const { queue } = flakyQueue();
    await registerSchedules(app.db, app.clock, [{ name: queue, queue, cron: '0 6 * * *' }]);
    const { schedules } = await operator.caller.operations.jobs();
    const schedule = schedules.find((row) => row.name === queue);
    expect(schedule).toMatchObject({ queue, spec: '0 6 * * *', lastRunAt: null });
    expect(schedule?.nextRunAt.getUTCHours()).toBe(6);
  });

  it('is for platform operators only', async () => {
    const member = await createUser(app, { label: 'member' });
    expect((await failure(member.caller.operations.jobs())).code).toBe('FORBIDDEN');
    expect((await failure(member.caller.operations.retryJob({ jobId: 1 }))).code).toBe('FORBIDDEN');
  });
});

describe('operations.retryJob: retry from the dead-letter state', () => {
  it('gives a dead job fresh attempts; it runs once the cause is fixed, and the retry is audited', async () => {
    const { id, broken, runner } = await killedJob();
    broken.now = false;
    expect(await operator.caller.operations.retryJob({ jobId: id })).toEqual({ id, status: 'pending' });
    await runner.drain();
    const job = await app.db.selectFrom('jobs').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 1 });
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'company_id'])
      .where('entity_type', '=', 'job')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit).toEqual([{ action: 'job.retried', actor_user_id: operator.id, company_id: null }]);
  });

  it('refuses a job that is not dead (CONFLICT) and an unknown one (NOT_FOUND)', async () => {
    const { queue } = flakyQueue();
    const pending = await enqueueJob(app.db, queue, {});
    const refused = await failure(operator.caller.operations.retryJob({ jobId: pending }));
    expect({ code: refused.code, reason: refused.reason }).toEqual({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect((await failure(operator.caller.operations.retryJob({ jobId: 9_007_199_254_740_991 }))).code).toBe('NOT_FOUND');
    const status = await app.db.selectFrom('jobs').select('status').where('id', '=', pending).executeTakeFirstOrThrow();
    expect(status.status).toBe('pending');
  });

  it('refuses a dead job whose secret payload was blanked: it could only fail again', async () => {
    const { queue } = flakyQueue();
    const id = await enqueueJob(app.db, queue, { redacted: true });
    await app.db.updateTable('jobs').set({ status: 'dead', last_error: 'smtp down' }).where('id', '=', id).execute();
    const refused = await failure(operator.caller.operations.retryJob({ jobId: id }));
    expect({ code: refused.code, reason: refused.reason }).toEqual({ code: 'CONFLICT', reason: 'JOB_PAYLOAD_REDACTED' });
  });

  it('names the field of a malformed id', async () => {
    const refused = await failure(operator.caller.operations.retryJob({ jobId: -1 }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldErrors(refused).jobId).toBeDefined();
  });
});

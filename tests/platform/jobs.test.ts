import { inTransaction } from '@tradeloom/db';
import { createLogger, JobRunner } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../../server/src/modules/events/events.service.ts';
import { enqueueJob } from '../../server/src/modules/events/jobs.ts';
import { subscriptions } from '../../server/src/modules/events/subscribers.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const request = { requestId: 'test-request', ip: null, userAgent: null };
const logger = createLogger('silent');

function runnerWith(queue: string, run: (payload: unknown) => Promise<void>, workerId = 'w1') {
  return new JobRunner(app.db, app.clock, { [queue]: { run } }, logger, { workerId, batchSize: 5 });
}

async function job(id: number) {
  return app.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('transactional outbox', () => {
  it('an event and its subscriber jobs exist only if the mutation commits (W8)', async () => {
    subscriptions.subscribe(['product.created'], 'test.react');
    try {
      await expect(
        inTransaction(app.db, async (trx) => {
          await emitEvent(trx, null, request, {
            type: 'product.created',
            companyId: null,
            entityType: 'product',
            entityId: 'rolled-back',
          });
          throw new Error('mutation failed');
        }),
      ).rejects.toThrow('mutation failed');
      const eventId = await inTransaction(app.db, (trx) =>
        emitEvent(trx, null, request, { type: 'product.created', companyId: null, entityType: 'product', entityId: 'committed' }),
      );
      const events = await app.db
        .selectFrom('domain_events')
        .select(['id', 'entity_id'])
        .where('type', '=', 'product.created')
        .where('entity_id', 'in', ['rolled-back', 'committed'])
        .execute();
      expect(events.map((e) => e.entity_id)).toEqual(['committed']);
      const jobs = await app.db.selectFrom('jobs').select('payload').where('queue', '=', 'test.react').execute();
      expect(jobs.map((j) => j.payload)).toEqual([{ eventId }]);
    } finally {
      subscriptions.unsubscribe(['product.created'], 'test.react');
    }
  });
});

describe('job runner', () => {
  it('runs a job once and marks it done', async () => {
    const seen: unknown[] = [];
    const id = await enqueueJob(app.db, 'test.ok', { n: 1 });
    await runnerWith('test.ok', async (payload) => {
      seen.push(payload);
    }).drain();
    expect(seen).toEqual([{ n: 1 }]);
    expect((await job(id)).status).toBe('done');
  });

  it('retries with growing back-off, then parks the job as dead with its last error', async () => {
    const id = await enqueueJob(app.db, 'test.fail', {}, { maxAttempts: 3 });
    const runner = runnerWith('test.fail', async () => {
      throw new Error('receiver down');
    });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await runner.runOnce();
      const row = await job(id);
      expect(row.attempts).toBe(attempt);
      delays.push(row.run_at.getTime() - app.clock.now().getTime());
      app.clock.advance(3_600_000);
    }
    const dead = await job(id);
    expect(dead.status).toBe('dead');
    expect(dead.last_error).toBe('receiver down');
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    await runner.runOnce();
    expect((await job(id)).attempts).toBe(3);
  });

  it('retries a job whose worker died mid-run after the lock timeout (W9)', async () => {
    const id = await enqueueJob(app.db, 'test.lost', {});
    await app.db
      .updateTable('jobs')
      .set({ status: 'running', locked_at: app.clock.now(), locked_by: 'dead-worker', attempts: 1 })
      .where('id', '=', id)
      .execute();
    let runs = 0;
    const runner = runnerWith('test.lost', async () => {
      runs++;
    });
    await runner.runOnce();
    expect(runs).toBe(0);
    app.clock.advance(5 * 60_000 + 1);
    await runner.drain();
    expect(runs).toBe(1);
    expect((await job(id)).status).toBe('done');
  });

  it('two runners on one database never run the same job twice (SKIP LOCKED)', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, n) => enqueueJob(app.db, 'test.shared', { n })));
    const ranBy = new Map<number, string[]>();
    const make = (worker: string) =>
      new JobRunner(
        app.db,
        app.clock,
        {
          'test.shared': {
            run: async (payload) => {
              const n = (payload as { n: number }).n;
              ranBy.set(n, [...(ranBy.get(n) ?? []), worker]);
              await new Promise((resolve) => setImmediate(resolve));
            },
          },
        },
        logger,
        { workerId: worker, batchSize: 3 },
      );
    await Promise.all([make('a').drain(), make('b').drain()]);
    expect(ranBy.size).toBe(40);
    expect([...ranBy.values()].every((workers) => workers.length === 1)).toBe(true);
    const statuses = await app.db.selectFrom('jobs').select('status').where('id', 'in', ids).execute();
    expect(statuses.every((s) => s.status === 'done')).toBe(true);
  });

  it('blanks an email job payload once sent, so tokens do not linger in the database', async () => {
    await app.caller().auth.register({ email: 'redact@example.test', password: 'a long passphrase', name: 'R' });
    await app.mailFor('redact@example.test');
    const mailJobs = await app.db.selectFrom('jobs').select(['payload', 'status']).where('queue', '=', 'mail.send').execute();
    expect(mailJobs.length).toBeGreaterThan(0);
    for (const row of mailJobs) expect(row).toEqual({ payload: { redacted: true }, status: 'done' });
  });

  it('blanks such a payload also when the job is given up on (dead), not only once sent', async () => {
    const id = await enqueueJob(app.db, 'test.undeliverable', { link: 'https://x.test/reset?token=live-secret' }, { maxAttempts: 1 });
    const runner = new JobRunner(
      app.db,
      app.clock,
      {
        'test.undeliverable': {
          redactOnDone: true,
          run: async () => {
            throw new Error('smtp down');
          },
        },
      },
      logger,
      { workerId: 'dead-redact' },
    );
    await runner.drain();
    expect(await job(id)).toMatchObject({ status: 'dead', payload: { redacted: true }, last_error: 'smtp down' });
  });
});

import { createDb, type DbHandle } from '@tradeloom/db';
import { createLogger, JobRunner, jobHandlers } from '@tradeloom/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../server/src/jobs.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { closeDueTenders } from '../../server/src/modules/sourcing/tender-clock.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { HOUR, tenderWorld } from './quote-fixtures.ts';

// The deadline clock: a schedule on the job runner closes each open tender past its deadline,
// exactly once however many runners (processes) race for it.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
  await registerSchedules(app.db, app.clock, SCHEDULES);
});
afterAll(() => app.close());

const MINUTE = 60_000;

async function closings(tenderId: string) {
  const events = await app.db
    .selectFrom('domain_events')
    .select(['payload', 'company_id'])
    .where('entity_id', '=', tenderId)
    .where('type', '=', 'tender.closed')
    .execute();
  const audits = await app.db
    .selectFrom('audit_log')
    .select(['company_id', 'actor_user_id', 'after'])
    .where('entity_id', '=', tenderId)
    .where('action', '=', 'tender.closed')
    .execute();
  return { events, audits };
}

const tenderRow = (id: string) =>
  app.db.selectFrom('tenders').select(['status', 'close_reason', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the deadline clock', () => {
  it('leaves a tender open before its deadline and closes it once after, telling the buyer and every invitee', async () => {
    const { buyer, supplierA, supplierB, tender } = await tenderWorld(app, 'Clock');
    app.clock.advance(HOUR - MINUTE);
    await app.runner.drain();
    expect((await tenderRow(tender.id)).status).toBe('open');

    app.clock.advance(2 * MINUTE);
    await app.runner.drain();
    const closed = await tenderRow(tender.id);
    expect(closed).toMatchObject({ status: 'closed', close_reason: 'deadline' });
    expect(closed.closed_at?.getTime()).toBeGreaterThanOrEqual(tender.closesAt.getTime());

    // Later ticks find nothing more to close.
    app.clock.advance(2 * MINUTE);
    await app.runner.drain();
    const { events, audits } = await closings(tender.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      company_id: buyer.id,
      payload: { buyerCompanyId: buyer.id, recipients: [buyer.id, supplierA.id, supplierB.id] },
    });
    // The system closed it: no person is named as the actor.
    expect(audits).toEqual([expect.objectContaining({ company_id: buyer.id, actor_user_id: null })]);
  });

  it('refuses a quote a second past the deadline before the clock has run', async () => {
    const { supplierA, tender } = await tenderWorld(app, 'Late');
    app.clock.advance(HOUR + 1000);
    expect((await tenderRow(tender.id)).status).toBe('open');
    const late = await failure(
      supplierA.members.staff.caller.sourcing.quotes.submit({
        tenderId: tender.id,
        lines: [{ itemId: tender.itemIds[0] as string, unitPrice: '5' }],
      }),
    );
    expect([late.code, late.reason]).toEqual(['CONFLICT', 'DEADLINE_PASSED']);
    await app.runner.drain();
    expect((await tenderRow(tender.id)).status).toBe('closed');
  });

  it('two runners racing on one database close each tender exactly once', async () => {
    const worlds = await Promise.all([tenderWorld(app, 'RaceA'), tenderWorld(app, 'RaceB')]);
    const second = new JobRunner(app.db, app.clock, jobHandlers(app.deps), createLogger('silent'), { workerId: 'second' });
    app.clock.advance(HOUR + MINUTE);
    await Promise.all([app.runner.drain(), second.drain()]);
    // And the close itself, called by both at once, hands each tender to one caller only.
    const request = { requestId: 'race', ip: null, userAgent: null };
    await Promise.all([closeDueTenders(app.db, app.clock, request), closeDueTenders(app.db, app.clock, request)]);
    for (const { tender } of worlds) {
      expect((await tenderRow(tender.id)).status).toBe('closed');
      const { events, audits } = await closings(tender.id);
      expect([events.length, audits.length]).toEqual([1, 1]);
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two processes on PostgreSQL', () => {
  let second: DbHandle;
  beforeAll(async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(app.db);
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${rows[0]?.name}`;
    second = await createDb({ databaseUrl: url.toString() });
  });
  afterAll(() => second?.close());

  it('closes concurrently from two connection pools once per tender', async () => {
    const worlds = await Promise.all([tenderWorld(app, 'PoolA'), tenderWorld(app, 'PoolB'), tenderWorld(app, 'PoolC')]);
    app.clock.advance(HOUR + MINUTE);
    const request = { requestId: 'pools', ip: null, userAgent: null };
    const [first, other] = await Promise.all([closeDueTenders(app.db, app.clock, request), closeDueTenders(second.db, app.clock, request)]);
    const ids = worlds.map(({ tender }) => tender.id);
    const handed = [...first, ...other].filter((id) => ids.includes(id));
    expect(handed.sort()).toEqual([...ids].sort());
    const otherRunner = new JobRunner(second.db, app.clock, jobHandlers(app.deps), createLogger('silent'), { workerId: 'pool-2' });
    app.clock.advance(MINUTE);
    await Promise.all([app.runner.drain(), otherRunner.drain()]);
    for (const id of ids) {
      const { events, audits } = await closings(id);
      expect([events.length, audits.length]).toEqual([1, 1]);
    }
  });
});

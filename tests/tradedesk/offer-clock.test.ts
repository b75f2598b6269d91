import { createDb, type DbHandle } from '@tradeloom/db';
import { createLogger, JobRunner, jobHandlers } from '@tradeloom/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../server/src/jobs.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { expireDueOffers } from '../../server/src/modules/tradedesk/offer-clock.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { type DeskWorld, deskWorld, HOUR, lotInput, offerInput, openNegotiationRow, WORLD_TIMEOUT } from './offer-fixtures.ts';

// The validity clock: a schedule on the job runner expires each live offer past its validity,
// exactly once however many runners (processes) race for it.

let app: TestApp;
let world: DeskWorld;
beforeAll(async () => {
  app = await setupTestApp();
  await registerSchedules(app.db, app.clock, SCHEDULES);
  world = await deskWorld(app, 'Clk');
}, WORLD_TIMEOUT);
afterAll(() => app.close());

const MINUTE = 60_000;
const ginner = () => world.ginner.members.staff.caller.tradedesk;
const validForAnHour = () => offerInput(app, { validUntil: new Date(app.clock.now().getTime() + HOUR) });

const offerRow = (id: string) =>
  app.db.selectFrom('trade_offers').select(['status', 'expired_at', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

async function expiries(offerId: string) {
  const events = await app.db
    .selectFrom('domain_events')
    .select(['company_id', 'payload'])
    .where('entity_id', '=', offerId)
    .where('type', '=', 'trade_offer.expired')
    .execute();
  const audits = await app.db
    .selectFrom('audit_log')
    .select(['company_id', 'actor_user_id'])
    .where('entity_id', '=', offerId)
    .where('action', '=', 'trade_offer.expired')
    .execute();
  return { events, audits };
}

describe('the validity clock', () => {
  it('leaves an offer live before its validity and expires it once after: negotiations called off, lot freed, owner told', async () => {
    const lot = await ginner().lots.create(lotInput());
    const validUntil = new Date(app.clock.now().getTime() + HOUR);
    const offer = await ginner().offers.create(offerInput(app, { validUntil, lotId: lot.id }));
    const negotiationId = await openNegotiationRow(app, { id: offer.id, ownerId: world.ginner.id }, world.mill.id);
    app.clock.advance(HOUR - MINUTE);
    await app.runner.drain();
    expect((await offerRow(offer.id)).status).toBe('negotiating');

    const desk = () => world.stranger.members.viewer.caller.tradedesk.offers.list({ limit: 100 });
    expect((await desk()).items.map((o) => o.id)).toContain(offer.id);
    app.clock.advance(2 * MINUTE);
    // Past its validity it leaves the desk at once, before the clock has run.
    expect((await desk()).items.map((o) => o.id)).not.toContain(offer.id);
    await app.runner.drain();
    const expired = await offerRow(offer.id);
    expect(expired.status).toBe('expired');
    expect(expired.expired_at?.getTime()).toBeGreaterThanOrEqual(validUntil.getTime());
    const negotiation = await app.db
      .selectFrom('negotiations')
      .select(['status', 'end_reason'])
      .where('id', '=', negotiationId)
      .executeTakeFirstOrThrow();
    expect(negotiation).toEqual({ status: 'cancelled', end_reason: 'The offer expired.' });
    const lotNow = await app.db.selectFrom('lots').select('status').where('id', '=', lot.id).executeTakeFirstOrThrow();
    expect(lotNow.status).toBe('available');

    // Later ticks find nothing more to expire.
    app.clock.advance(2 * MINUTE);
    await app.runner.drain();
    const { events, audits } = await expiries(offer.id);
    expect(events).toEqual([
      { company_id: world.ginner.id, payload: expect.objectContaining({ recipients: [world.ginner.id], document: offer.number }) },
    ]);
    // The system expired it: no person is named as the actor.
    expect(audits).toEqual([{ company_id: world.ginner.id, actor_user_id: null }]);
  });

  it('leaves withdrawn offers alone', async () => {
    const offer = await ginner().offers.create(validForAnHour());
    await ginner().offers.withdraw({ offerId: offer.id, version: offer.version });
    app.clock.advance(HOUR + MINUTE);
    await app.runner.drain();
    expect((await offerRow(offer.id)).status).toBe('withdrawn');
    expect((await expiries(offer.id)).events).toEqual([]);
  });

  it('two runners racing on one database expire each offer exactly once', async () => {
    const offers = [await ginner().offers.create(validForAnHour()), await ginner().offers.create(validForAnHour())];
    const second = new JobRunner(app.db, app.clock, jobHandlers(app.deps), createLogger('silent'), { workerId: 'second' });
    app.clock.advance(HOUR + MINUTE);
    await Promise.all([app.runner.drain(), second.drain()]);
    const request = { requestId: 'race', ip: null, userAgent: null };
    await Promise.all([expireDueOffers(app.db, app.clock, request), expireDueOffers(app.db, app.clock, request)]);
    for (const offer of offers) {
      expect((await offerRow(offer.id)).status).toBe('expired');
      const { events, audits } = await expiries(offer.id);
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

  it('expires concurrently from two connection pools once per offer', async () => {
    const offers = [];
    for (let i = 0; i < 4; i += 1) offers.push(await ginner().offers.create(validForAnHour()));
    app.clock.advance(HOUR + MINUTE);
    const request = { requestId: 'pools', ip: null, userAgent: null };
    const [first, other] = await Promise.all([expireDueOffers(app.db, app.clock, request), expireDueOffers(second.db, app.clock, request)]);
    const ids = offers.map((offer) => offer.id);
    const handed = [...first, ...other].filter((id) => ids.includes(id));
    expect(handed.sort()).toEqual([...ids].sort());
    const otherRunner = new JobRunner(second.db, app.clock, jobHandlers(app.deps), createLogger('silent'), { workerId: 'pool-2' });
    app.clock.advance(MINUTE);
    await Promise.all([app.runner.drain(), otherRunner.drain()]);
    for (const id of ids) {
      const { events, audits } = await expiries(id);
      expect([events.length, audits.length]).toEqual([1, 1]);
    }
  });
});

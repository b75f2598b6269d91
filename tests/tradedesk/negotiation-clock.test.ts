import { createDb, type DbHandle } from '@tradeloom/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../server/src/jobs.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { expireDueNegotiations } from '../../server/src/modules/tradedesk/negotiation-clock.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { dealWorld, HOUR, negotiationRow, offerRow, terms } from './deal-fixtures.ts';

// The negotiation clock: a schedule on the job runner expires each open negotiation past its
// expiry, exactly once however many runners race for it; before the clock runs, counter and
// accept are already refused.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
  await registerSchedules(app.db, app.clock, SCHEDULES);
});
afterAll(() => app.close());

const MINUTE = 60_000;
const request = { requestId: 'test-negotiation-clock', ip: null, userAgent: null };

async function expiries(negotiationId: string) {
  const events = await app.db
    .selectFrom('domain_events')
    .select('payload')
    .where('entity_id', '=', negotiationId)
    .where('type', '=', 'negotiation.expired')
    .execute();
  const audits = await app.db
    .selectFrom('audit_log')
    .select(['company_id', 'actor_user_id'])
    .where('entity_id', '=', negotiationId)
    .where('action', '=', 'negotiation.expired')
    .execute();
  return { events, audits };
}

describe('the negotiation clock', () => {
  it('refuses answers past the expiry, then expires the negotiation once, telling both sides and reopening the offer', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Expire');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });

    app.clock.advance(48 * HOUR - MINUTE);
    await app.runner.drain();
    expect((await negotiationRow(app, opened.id)).status).toBe('open');

    app.clock.advance(MINUTE);
    // Due, but the clock has not run yet: the answer is refused all the same.
    const late = await failure(seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 }));
    expect(late).toMatchObject({ code: 'CONFLICT', reason: 'NEGOTIATION_EXPIRED' });

    app.clock.advance(MINUTE);
    await app.runner.drain();
    expect(await negotiationRow(app, opened.id)).toMatchObject({ status: 'expired', end_reason: expect.any(String) });
    expect((await offerRow(app, offer.id)).status).toBe('open');

    app.clock.advance(2 * MINUTE);
    await app.runner.drain();
    const { events, audits } = await expiries(opened.id);
    expect(events).toHaveLength(1);
    expect([...((events[0]?.payload as { recipients?: string[] } | undefined)?.recipients ?? [])].sort()).toEqual(
      [seller.id, buyer.id].sort(),
    );
    // Each party's log shows it, with no person acting.
    expect(audits.map((audit) => audit.company_id).sort()).toEqual([seller.id, buyer.id].sort());
    expect(audits.every((audit) => audit.actor_user_id === null)).toBe(true);
    const view = await buyer.members.staff.caller.tradedesk.negotiations.get({ negotiationId: opened.id });
    expect(view).toMatchObject({ status: 'expired', allowedActions: [], yourTurn: false });
  });

  it('gives each counter-offer a fresh window', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Window');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    app.clock.advance(40 * HOUR);
    await seller.members.staff.caller.tradedesk.negotiations.counter({
      negotiationId: opened.id,
      version: 1,
      terms: terms({ price: '57000' }),
    });
    app.clock.advance(10 * HOUR);
    await app.runner.drain();
    expect((await negotiationRow(app, opened.id)).status).toBe('open');
    await expect(buyer.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 2 })).resolves.toMatchObject(
      {
        contractId: expect.any(String),
      },
    );
  });

  it('expires each negotiation once when two callers race on one database', async () => {
    const { buyer, offer } = await dealWorld(app, 'TwoCallers');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    app.clock.advance(49 * HOUR);
    const [a, b] = await Promise.all([
      expireDueNegotiations(app.db, app.clock, request),
      expireDueNegotiations(app.db, app.clock, request),
    ]);
    expect([...a, ...b].filter((id) => id === opened.id)).toHaveLength(1);
    expect((await expiries(opened.id)).events).toHaveLength(1);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('expires each negotiation once from two connection pools (two processes)', async () => {
    const { buyer, offer } = await dealWorld(app, 'TwoPools');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    app.clock.advance(49 * HOUR);
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(app.db);
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${rows[0]?.name}`;
    const second: DbHandle = await createDb({ databaseUrl: url.toString() });
    try {
      const [a, b] = await Promise.all([
        expireDueNegotiations(app.db, app.clock, request),
        expireDueNegotiations(second.db, app.clock, request),
      ]);
      expect([...a, ...b].filter((id) => id === opened.id)).toHaveLength(1);
    } finally {
      await second.close();
    }
    expect((await expiries(opened.id)).events).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { type DeskWorld, deskWorld, HOUR, lotInput, offerInput, openNegotiationRow, WORLD_TIMEOUT } from './offer-fixtures.ts';

// Posting and withdrawing offers: numbering, master-data checks, the lot an offer takes, the
// offer machine, versions, idempotency, and what was recorded (audit, events, desk refresh).

let app: TestApp;
let world: DeskWorld;
beforeAll(async () => {
  app = await setupTestApp();
  world = await deskWorld(app, 'Off');
}, WORLD_TIMEOUT);
afterAll(() => app.close());

const ginner = () => world.ginner.members.staff.caller.tradedesk;

async function eventsOf(entityId: string) {
  return app.db
    .selectFrom('domain_events')
    .select(['type', 'company_id', 'payload'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}

async function offerCount() {
  const row = await app.db
    .selectFrom('trade_offers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const offerRow = (id: string) => app.db.selectFrom('trade_offers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const lotStatus = async (id: string) =>
  (await app.db.selectFrom('lots').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('posting an offer', () => {
  it('numbers the offer, keeps the whole quantity open, audits it and refreshes every desk', async () => {
    const created = await ginner().offers.create(offerInput(app, { sourceText: 'Sell 100 bales S-6 ₹56,500/candy ex-Rajkot' }));
    expect(created).toMatchObject({ number: expect.stringMatching(/^OF-\d{4}-\d{6}$/), version: 1 });
    const row = await offerRow(created.id);
    expect(row).toMatchObject({ status: 'open', quantity: '100.000', remaining_quantity: '100.000', company_id: world.ginner.id });
    // The payment term's days fill in when none are given.
    expect(row.payment_days).toBe(15);

    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'company_id', 'after'])
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'trade_offer.created',
        company_id: world.ginner.id,
        after: expect.objectContaining({ number: created.number }),
      }),
    ]);
    expect((await eventsOf(created.id)).map((e) => e.type)).toEqual(['trade_offer.created']);
    const desk = await app.db
      .selectFrom('domain_events')
      .select(['entity_type', 'entity_id'])
      .where('type', '=', 'desk.changed')
      .where('company_id', '=', world.ginner.id)
      .execute();
    // The desk event names the commodity, never the offer.
    expect(desk).toContainEqual({ entity_type: 'desk', entity_id: 'cotton-lint' });
  });

  it('gives two offers posted at once distinct numbers', async () => {
    const [a, b] = await Promise.all([ginner().offers.create(offerInput(app)), ginner().offers.create(offerInput(app))]);
    expect(a.number).not.toBe(b.number);
  });

  it('refuses a validity in the past, naming the field, and writes nothing', async () => {
    const before = await offerCount();
    const error = await failure(ginner().offers.create(offerInput(app, { validUntil: new Date(app.clock.now().getTime() - HOUR) })));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error).validUntil).toEqual(['must be in the future']);
    expect(await offerCount()).toBe(before);
  });

  it('names an unknown variety, a term and a quality range outside the allowed one', async () => {
    const variety = await failure(ginner().offers.create(offerInput(app, { variety: 'no-such' })));
    expect(fieldErrors(variety).variety).toBeDefined();
    const term = await failure(ginner().offers.create(offerInput(app, { deliveryTerm: 'cif-moon' })));
    expect(fieldErrors(term).deliveryTerm).toBeDefined();
    // Staple is allowed between 20 and 40 mm by the platform's masters.
    const range = await failure(ginner().offers.create(offerInput(app, { quality: { staple_mm: { min: '28', max: '45' } } })));
    expect(fieldErrors(range)['quality.staple_mm.max']).toEqual(['must be between 20.000 and 40.000 mm']);
    const unknown = await failure(ginner().offers.create(offerInput(app, { quality: { oil_pct: { min: '12' } } })));
    expect(fieldErrors(unknown)['quality.oil_pct']).toBeDefined();
  });

  it('replays the same idempotency key and refuses it with other input', async () => {
    const key = `offer-${crypto.randomUUID()}`;
    const first = await ginner().offers.create(offerInput(app, { idempotencyKey: key, validUntil: new Date('2030-01-01T00:00:00Z') }));
    const again = await ginner().offers.create(offerInput(app, { idempotencyKey: key, validUntil: new Date('2030-01-01T00:00:00Z') }));
    expect(again).toEqual(first);
    const other = await failure(
      ginner().offers.create(offerInput(app, { idempotencyKey: key, price: '1', validUntil: new Date('2030-01-01T00:00:00Z') })),
    );
    expect(other.reason).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('lets a viewer read the desk but not post', async () => {
    const error = await failure(world.ginner.members.viewer.caller.tradedesk.offers.create(offerInput(app)));
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('an offer on a lot', () => {
  it('takes an available lot of the company, which then cannot be offered twice or edited', async () => {
    const lot = await ginner().lots.create(lotInput());
    const offer = await ginner().offers.create(offerInput(app, { lotId: lot.id }));
    expect(await lotStatus(lot.id)).toBe('offered');
    const view = await world.mill.members.viewer.caller.tradedesk.offers.get({ offerId: offer.id });
    expect(view.lot).toMatchObject({ id: lot.id, number: lot.number, quality: { values: { staple_mm: '29.2' }, colourGrade: '31-1' } });

    const twice = await failure(ginner().offers.create(offerInput(app, { lotId: lot.id })));
    expect([twice.code, twice.reason]).toEqual(['CONFLICT', 'LOT_NOT_AVAILABLE']);
    const lotView = await ginner().lots.get({ lotId: lot.id });
    expect(lotView.offers).toEqual([{ id: offer.id, number: offer.number, status: 'open' }]);
    const edit = await failure(ginner().lots.update({ lotId: lot.id, version: lotView.version, ...lotInput({ bales: 90 }) }));
    expect([edit.code, edit.reason]).toEqual(['CONFLICT', 'LOT_NOT_AVAILABLE']);
  });

  it('refuses another company’s lot as not found, a buy offer naming a lot and more than the lot holds', async () => {
    const theirs = await world.mill.members.staff.caller.tradedesk.lots.create(lotInput());
    expect((await failure(ginner().offers.create(offerInput(app, { lotId: theirs.id })))).code).toBe('NOT_FOUND');
    const lot = await ginner().lots.create(lotInput());
    const buy = await failure(ginner().offers.create(offerInput(app, { side: 'buy', lotId: lot.id })));
    expect(fieldErrors(buy).lotId).toBeDefined();
    const tooMuch = await failure(ginner().offers.create(offerInput(app, { lotId: lot.id, quantity: '101' })));
    expect(fieldErrors(tooMuch).quantity).toBeDefined();
    // 17,000 kg is 47.8 candies: 48 is more than the lot holds.
    const candies = await failure(ginner().offers.create(offerInput(app, { lotId: lot.id, quantity: '48', unit: 'candy' })));
    expect(fieldErrors(candies).quantity).toBeDefined();
    expect(await lotStatus(lot.id)).toBe('available');
  });
});

describe('withdrawing an offer', () => {
  it('takes it off the desk, calls off its negotiations (both parties told) and frees its lot', async () => {
    const lot = await ginner().lots.create(lotInput());
    const offer = await ginner().offers.create(offerInput(app, { lotId: lot.id }));
    const negotiationId = await openNegotiationRow(app, { id: offer.id, ownerId: world.ginner.id }, world.mill.id);
    const { version } = await offerRow(offer.id);

    const withdrawn = await ginner().offers.withdraw({ offerId: offer.id, version, reason: 'sold elsewhere' });
    expect(withdrawn).toEqual({ id: offer.id, status: 'withdrawn', version: version + 1 });
    expect(await lotStatus(lot.id)).toBe('available');
    const negotiation = await app.db.selectFrom('negotiations').selectAll().where('id', '=', negotiationId).executeTakeFirstOrThrow();
    expect(negotiation).toMatchObject({ status: 'cancelled', end_reason: 'The offer was withdrawn: sold elsewhere' });
    expect(await eventsOf(negotiationId)).toEqual([
      expect.objectContaining({ type: 'negotiation.cancelled', payload: expect.objectContaining({ recipients: [world.mill.id] }) }),
    ]);
    expect((await eventsOf(offer.id)).map((e) => e.type)).toEqual(['trade_offer.created', 'trade_offer.withdrawn']);

    // The mill negotiated on it, so it still sees the offer, off the desk and not negotiable.
    const seen = await world.mill.members.viewer.caller.tradedesk.offers.get({ offerId: offer.id });
    expect(seen).toMatchObject({ status: 'withdrawn', canNegotiate: false, canWithdraw: false });
    expect(seen.negotiations).toEqual([expect.objectContaining({ id: negotiationId, status: 'cancelled', myRole: 'counterparty' })]);
  });

  it('refuses a stale version, a second withdrawal and another company', async () => {
    const offer = await ginner().offers.create(offerInput(app));
    const stale = await failure(ginner().offers.withdraw({ offerId: offer.id, version: offer.version + 1 }));
    expect([stale.code, stale.reason]).toEqual(['CONFLICT', 'STALE_VERSION']);
    // The mill sees the desk offer but cannot take it off.
    const other = await failure(world.mill.members.staff.caller.tradedesk.offers.withdraw({ offerId: offer.id, version: offer.version }));
    expect([other.code, other.reason]).toEqual(['CONFLICT', 'WRONG_SIDE']);
    const done = await ginner().offers.withdraw({ offerId: offer.id, version: offer.version });
    const again = await failure(ginner().offers.withdraw({ offerId: offer.id, version: done.version }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'OFFER_NOT_OPEN']);
    // Withdrawn, it is gone for a company that never negotiated on it.
    const gone = await failure(world.stranger.members.staff.caller.tradedesk.offers.withdraw({ offerId: offer.id, version: done.version }));
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('two withdrawals of one version: one wins, one conflicts', async () => {
    const offer = await ginner().offers.create(offerInput(app));
    const results = await Promise.allSettled([
      ginner().offers.withdraw({ offerId: offer.id, version: offer.version }),
      world.ginner.members.manager.caller.tradedesk.offers.withdraw({ offerId: offer.id, version: offer.version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const events = await eventsOf(offer.id);
    expect(events.filter((e) => e.type === 'trade_offer.withdrawn')).toHaveLength(1);
  });
});

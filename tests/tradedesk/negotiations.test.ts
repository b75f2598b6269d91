import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany } from '../harness/factories.ts';
import { dealWorld, HOUR, insertOffer, negotiationRow, offerRow, terms } from './deal-fixtures.ts';

// Negotiating on an offer: opening, alternating rounds with their diffs, rejecting and calling
// off, who may see what, and the refusals (own offer, closed offer, not your turn, stale version).

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

async function events(entityId: string, type: string) {
  return app.db
    .selectFrom('domain_events')
    .select(['payload', 'company_id'])
    .where('entity_id', '=', entityId)
    .where('type', '=', type)
    .execute();
}

describe('opening a negotiation', () => {
  it('proposes round 1 by the opener, expiring in 48 hours, and tells the owner', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Open');
    const before = app.clock.now().getTime();
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({
      offerId: offer.id,
      terms: terms(),
      message: 'Best I can do',
    });
    expect(opened).toEqual({ id: expect.any(String), version: 1 });

    const row = await negotiationRow(app, opened.id);
    expect(row).toMatchObject({
      status: 'open',
      owner_company_id: seller.id,
      counterparty_company_id: buyer.id,
      proposed_by_company_id: buyer.id,
      current_version: 1,
    });
    expect(row.expires_at.getTime()).toBeGreaterThanOrEqual(before + 48 * HOUR);
    expect(row.expires_at.getTime()).toBeLessThanOrEqual(app.clock.now().getTime() + 48 * HOUR);
    expect((await offerRow(app, offer.id)).status).toBe('negotiating');

    const [event] = await events(opened.id, 'negotiation.opened');
    expect(event?.payload).toMatchObject({ actorCompanyId: buyer.id, recipients: [seller.id], document: offer.number });
    const audit = await app.db.selectFrom('audit_log').select('company_id').where('entity_id', '=', opened.id).execute();
    expect(audit).toEqual([{ company_id: buyer.id }]);
  });

  it('never runs past the offer’s validity', async () => {
    const { buyer, offer } = await dealWorld(app, 'OpenValidity', { validForMs: 5 * HOUR });
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const { valid_until } = await app.db
      .selectFrom('trade_offers')
      .select('valid_until')
      .where('id', '=', offer.id)
      .executeTakeFirstOrThrow();
    expect((await negotiationRow(app, opened.id)).expires_at).toEqual(valid_until);
  });

  it('refuses the owner its own offer (OWN_OFFER)', async () => {
    const { seller, offer } = await dealWorld(app, 'OwnOffer');
    const error = await failure(seller.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'OWN_OFFER' });
  });

  it('refuses an offer that left the desk or is past its validity (OFFER_NOT_OPEN)', async () => {
    const { seller, buyer } = await dealWorld(app, 'NotOpen');
    const lapsed = await insertOffer(app, seller, { validForMs: HOUR });
    app.clock.advance(HOUR);
    const caller = buyer.members.staff.caller.tradedesk.negotiations;
    expect(await failure(caller.open({ offerId: lapsed.id, terms: terms() }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'OFFER_NOT_OPEN',
    });
    // A withdrawn offer on the desk is gone for everyone but its owner.
    const withdrawn = await insertOffer(app, seller, { status: 'withdrawn' });
    expect(await failure(caller.open({ offerId: withdrawn.id, terms: terms() }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('hides a partners-only offer from a stranger (NOT_FOUND), and opens for a linked partner', async () => {
    const { seller, buyer } = await dealWorld(app, 'Partners');
    const offer = await insertOffer(app, seller, { visibility: 'partners' });
    const stranger = buyer.members.staff.caller.tradedesk.negotiations;
    expect(await failure(stranger.open({ offerId: offer.id, terms: terms() }))).toMatchObject({ code: 'NOT_FOUND' });

    const partner = await createCompany(app, 'PartnersMill');
    const request = await partner.members.staff.caller.partners.requestLink({ supplierId: seller.id });
    await seller.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
    await expect(partner.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() })).resolves.toMatchObject({
      version: 1,
    });
  });

  it('refuses more than the offer has left, after converting units, naming terms.quantity', async () => {
    const { buyer, offer } = await dealWorld(app, 'TooMuch');
    const before = await countRows(app, 'negotiations');
    // 48 candies = 17,069.87 kg > 100 bales (17,000 kg).
    const error = await failure(
      buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '48', unit: 'candy' }) }),
    );
    expect(error).toMatchObject({ code: 'BAD_REQUEST', reason: 'QUANTITY_EXCEEDS_REMAINING' });
    expect(fieldErrors(error)['terms.quantity']?.[0]).toMatch(/more than the 100 bale/);
    expect(await countRows(app, 'negotiations')).toBe(before);
    // 47.8 candies (16,998.74 kg) fits.
    await expect(
      buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '47.8', unit: 'candy' }) }),
    ).resolves.toMatchObject({ version: 1 });
  });

  it('checks a delivery schedule adds up, and the term codes and commission structure exist', async () => {
    const { buyer, offer } = await dealWorld(app, 'Schedule');
    const error = await failure(
      buyer.members.staff.caller.tradedesk.negotiations.open({
        offerId: offer.id,
        terms: terms({
          deliverySchedule: [
            { dueFrom: '2026-12-10', dueTo: '2026-12-20', quantity: '60' },
            { dueFrom: '2026-12-21', dueTo: '2026-12-31', quantity: '30' },
          ],
          termsCode: 'no-such-terms',
          commission: { structureId: '00000000-0000-4000-8000-000000000000' },
        }),
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    const fields = fieldErrors(error);
    expect(fields['terms.deliverySchedule']?.[0]).toMatch(/add up to the quantity, 100/);
    expect(fields['terms.termsCode']).toBeDefined();
    expect(fields['terms.commission.structureId']).toBeDefined();
  });

  it('allows one running negotiation per counterparty on an offer (NEGOTIATION_EXISTS)', async () => {
    const { buyer, offer } = await dealWorld(app, 'Twice');
    const caller = buyer.members.staff.caller.tradedesk.negotiations;
    await caller.open({ offerId: offer.id, terms: terms() });
    expect(await failure(caller.open({ offerId: offer.id, terms: terms() }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'NEGOTIATION_EXISTS',
    });
  });

  it('refuses a viewer (FORBIDDEN)', async () => {
    const { buyer, offer } = await dealWorld(app, 'Viewer');
    const error = await failure(buyer.members.viewer.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() }));
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('rounds', () => {
  it('alternates counter-offers, each a version with what it changed in words', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Rounds');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const countered = await seller.members.staff.caller.tradedesk.negotiations.counter({
      negotiationId: opened.id,
      version: 1,
      terms: terms({ price: '56300', paymentDays: 0 }),
      message: 'Meet me halfway',
    });
    expect(countered).toEqual({ id: opened.id, status: 'open', version: 2 });

    const view = await buyer.members.staff.caller.tradedesk.negotiations.get({ negotiationId: opened.id });
    expect(view).toMatchObject({ currentVersion: 2, myRole: 'counterparty', yourTurn: true, counterparty: { id: seller.id } });
    expect(view.offer.id).toBe(offer.id);
    expect(view.allowedActions).toEqual(['counter', 'accept', 'reject', 'cancel']);
    expect(view.rounds.map((round) => [round.version, round.byYou, round.message])).toEqual([
      [1, true, null],
      [2, false, 'Meet me halfway'],
    ]);
    expect(view.rounds[0]?.changes).toEqual([]);
    expect(view.rounds[1]?.changes).toEqual([
      { field: 'Price', before: '₹56,000.00 per candy', after: '₹56,300.00 per candy' },
      { field: 'Payment', before: '15 days', after: 'on delivery or advance' },
    ]);
    expect(view.latestTerms).toMatchObject({ price: '56300.00', paymentDays: 0 });

    const sellerView = await seller.members.staff.caller.tradedesk.negotiations.get({ negotiationId: opened.id });
    expect(sellerView).toMatchObject({ myRole: 'owner', yourTurn: false, allowedActions: ['cancel'], counterparty: { id: buyer.id } });
    // A member who may only read sees nothing to do.
    const viewerView = await buyer.members.viewer.caller.tradedesk.negotiations.get({ negotiationId: opened.id });
    expect(viewerView.allowedActions).toEqual([]);
    const [event] = await events(opened.id, 'negotiation.countered');
    expect(event?.payload).toMatchObject({ actorCompanyId: seller.id, recipients: [buyer.id] });
  });

  it('refuses a side answering its own proposal (NOT_YOUR_TURN)', async () => {
    const { buyer, offer } = await dealWorld(app, 'Turn');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const caller = buyer.members.staff.caller.tradedesk.negotiations;
    expect(await failure(caller.counter({ negotiationId: opened.id, version: 1, terms: terms({ price: '55000' }) }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'NOT_YOUR_TURN',
    });
    expect(await failure(caller.accept({ negotiationId: opened.id, version: 1 }))).toMatchObject({ reason: 'NOT_YOUR_TURN' });
  });

  it('refuses acting on a version that has been countered since (STALE_VERSION)', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Stale');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    await seller.members.staff.caller.tradedesk.negotiations.counter({
      negotiationId: opened.id,
      version: 1,
      terms: terms({ price: '57000' }),
    });
    const contractsBefore = await countRows(app, 'contracts');
    // The buyer's screen still shows version 1: accepting it must not sign version 2.
    const error = await failure(buyer.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect(await countRows(app, 'contracts')).toBe(contractsBefore);
    expect((await negotiationRow(app, opened.id)).status).toBe('open');
  });

  it('rejects the current terms, and the offer is open again', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Reject');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const rejected = await seller.members.staff.caller.tradedesk.negotiations.reject({
      negotiationId: opened.id,
      version: 1,
      reason: 'Too low',
    });
    expect(rejected).toEqual({ id: opened.id, status: 'rejected', version: 1 });
    expect((await offerRow(app, offer.id)).status).toBe('open');
    const view = await buyer.members.staff.caller.tradedesk.negotiations.get({ negotiationId: opened.id });
    expect(view).toMatchObject({ status: 'rejected', endReason: 'Too low', allowedActions: [], yourTurn: false });
    // Ended: nothing more happens, and the buyer may open a new one.
    const again = await failure(
      seller.members.staff.caller.tradedesk.negotiations.counter({ negotiationId: opened.id, version: 1, terms: terms() }),
    );
    expect(again).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    await expect(buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() })).resolves.toBeDefined();
  });

  it('lets either side call it off, whoever’s turn it is', async () => {
    const { buyer, offer } = await dealWorld(app, 'Cancel');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const cancelled = await buyer.members.staff.caller.tradedesk.negotiations.cancel({
      negotiationId: opened.id,
      reason: 'Bought elsewhere',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect((await offerRow(app, offer.id)).status).toBe('open');
    const [event] = await events(opened.id, 'negotiation.cancelled');
    expect(event?.payload).toMatchObject({ actorCompanyId: buyer.id });
  });

  it('is NOT_FOUND for a company not party to it, whatever it tries', async () => {
    const { buyer, offer } = await dealWorld(app, 'Stranger');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const stranger = (await createCompany(app, 'StrangerCo')).members.owner.caller.tradedesk.negotiations;
    expect((await failure(stranger.get({ negotiationId: opened.id }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.counter({ negotiationId: opened.id, version: 1, terms: terms() }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.accept({ negotiationId: opened.id, version: 1 }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.reject({ negotiationId: opened.id, version: 1 }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.cancel({ negotiationId: opened.id }))).code).toBe('NOT_FOUND');
    expect((await stranger.list({})).items).toEqual([]);
  });
});

describe('listing negotiations', () => {
  it('lists mine (on my offers) and theirs (opened by me), newest activity first, paged', async () => {
    const { seller, buyer } = await dealWorld(app, 'List');
    const offers = [await insertOffer(app, seller), await insertOffer(app, seller), await insertOffer(app, seller)];
    const ids: string[] = [];
    for (const offer of offers) {
      app.clock.advance(1000);
      ids.push((await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() })).id);
    }
    const sellerList = seller.members.viewer.caller.tradedesk.negotiations.list;
    const first = await sellerList({ role: 'mine', limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.items[0]).toMatchObject({
      myRole: 'owner',
      yourTurn: true,
      counterparty: { id: buyer.id },
      commodityName: expect.any(String),
    });
    const second = await sellerList({ role: 'mine', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
    expect((await sellerList({ role: 'theirs' })).items).toEqual([]);

    const buyerList = buyer.members.viewer.caller.tradedesk.negotiations.list;
    expect((await buyerList({ role: 'theirs', offerId: offers[1]?.id })).items.map((item) => item.id)).toEqual([ids[1]]);
    expect((await buyerList({ role: 'all', status: 'accepted' })).items).toEqual([]);
  });
});

describe('the lock on the offer', () => {
  it('keeps an open negotiation’s offer negotiating until the last one ends', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Settle');
    const other = await createCompany(app, 'SettleOther');
    const a = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '10' }) });
    const b = await other.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '10' }) });
    await seller.members.staff.caller.tradedesk.negotiations.reject({ negotiationId: a.id, version: 1 });
    expect((await offerRow(app, offer.id)).status).toBe('negotiating');
    await seller.members.staff.caller.tradedesk.negotiations.reject({ negotiationId: b.id, version: 1 });
    expect((await offerRow(app, offer.id)).status).toBe('open');
  });
});

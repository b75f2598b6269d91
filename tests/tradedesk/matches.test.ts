import { MATCH_WEIGHTS } from '@tradeloom/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import {
  insertContract,
  insertLot,
  insertNegotiation,
  insertOffer,
  linkPartners,
  type OfferFields,
  setVerified,
} from './match-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});
// The desk is shared by every company: each test leaves it empty, so its offers never rank in a later test.
afterEach(async () => {
  await app.db.updateTable('trade_offers').set({ status: 'withdrawn' }).where('status', 'in', ['open', 'negotiating']).execute();
});

const BID: OfferFields = { side: 'buy', quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.5', max: '4.2' } } };

describe('tradedesk.matches', () => {
  it('ranks opposite offers best first, each factor with its weight, score, points and reason', async () => {
    const mill = await createCompany(app, 'Rank Mill');
    const [good, fair, poor] = [
      await createCompany(app, 'Good Gin'),
      await createCompany(app, 'Fair Gin'),
      await createCompany(app, 'Poor Gin'),
    ];
    const bid = await insertOffer(app, mill.id, BID);
    const goodLot = await insertLot(app, good.id, { staple_mm: '29', micronaire: '3.9' }, { stateCode: 'GJ', city: 'Rajkot' });
    const best = await insertOffer(app, good.id, { side: 'sell', lotId: goodLot, deliveryStateCode: null, deliveryCity: null });
    const middle = await insertOffer(app, fair.id, { side: 'sell', price: '57500', deliveryCity: 'Gondal', ageSeconds: 60 });
    const worst = await insertOffer(app, poor.id, {
      side: 'sell',
      price: '61000',
      quality: { micronaire: { min: '4.6', max: '4.9' } },
      deliveryStateCode: 'MH',
      deliveryCity: 'Akola',
      deliveryFrom: '2027-02-01',
      deliveryTo: '2027-02-15',
    });

    const matches = await mill.members.viewer.caller.tradedesk.matches({ offerId: bid.id });
    expect(matches.map((m) => m.offerId)).toEqual([best.id, middle.id, worst.id]);
    const top = matches[0];
    expect(top?.offer).toMatchObject({
      id: best.id,
      number: best.number,
      side: 'sell',
      mine: false,
      company: { id: good.id, name: good.name },
    });
    expect(top?.factors.map((f) => [f.name, f.weight])).toEqual(Object.entries(MATCH_WEIGHTS));
    expect(top?.factors.find((f) => f.name === 'quality')?.detail).toBe('staple 29 mm inside 28.5–30; mic 3.9 inside 3.5–4.2');
    // The lot's place stands for the offer's: same city as the mill's Rajkot.
    expect(top?.factors.find((f) => f.name === 'location')).toMatchObject({ score: 100, detail: 'same city: Rajkot (GJ)' });
    for (const match of matches) {
      expect(match.score).toBe(Math.round(match.factors.reduce((total, f) => total + (f.weight * f.score) / 100, 0)));
    }
    expect(matches[2]?.factors.find((f) => f.name === 'quality')?.detail).toBe(
      'mic 4.6–4.9 above 4.2 by 0.7; staple not stated by the seller',
    );
  });

  it('counts the counterparty’s verification and past deals into its standing', async () => {
    const mill = await createCompany(app, 'Standing Mill');
    const seasoned = await createCompany(app, 'Seasoned Gin');
    await setVerified(app, seasoned.id);
    const earlier = await insertOffer(app, seasoned.id, { side: 'sell', status: 'closed' });
    const negotiation = await insertNegotiation(app, earlier, mill.id);
    await insertContract(app, earlier, negotiation, { sellerId: seasoned.id, buyerId: mill.id });
    const bid = await insertOffer(app, mill.id, BID);
    const offer = await insertOffer(app, seasoned.id, { side: 'sell' });
    const [match] = await mill.members.viewer.caller.tradedesk.matches({ offerId: bid.id });
    expect(match?.offerId).toBe(offer.id);
    expect(match?.offer.company.verified).toBe(true);
    expect(match?.factors.find((f) => f.name === 'standing')).toMatchObject({ score: 68, detail: 'verified, 1 past deal' });
  });

  it('never shows a stranger’s partners-only offer, the caller’s own offers, or offers off the desk', async () => {
    const mill = await createCompany(app, 'Seen Mill');
    const partner = await createCompany(app, 'Partner Gin');
    const stranger = await createCompany(app, 'Stranger Gin');
    await linkPartners(app, mill.id, partner.id);
    const bid = await insertOffer(app, mill.id, BID);
    const partnersOnly = await insertOffer(app, partner.id, { side: 'sell', visibility: 'partners' });
    await insertOffer(app, stranger.id, { side: 'sell', visibility: 'partners' });
    await insertOffer(app, stranger.id, { side: 'sell', status: 'withdrawn' });
    await insertOffer(app, stranger.id, { side: 'buy' });
    await insertOffer(app, mill.id, { side: 'sell' });
    const onDesk = await insertOffer(app, stranger.id, { side: 'sell', ageSeconds: 30 });

    const matches = await mill.members.viewer.caller.tradedesk.matches({ offerId: bid.id });
    expect(new Set(matches.map((m) => m.offerId))).toEqual(new Set([partnersOnly.id, onDesk.id]));
  });

  it('shows another company’s offer’s matches without the caller’s own offers, and keeps to the limit', async () => {
    const trader = await createCompany(app, 'Viewer Trader');
    const mill = await createCompany(app, 'Viewed Mill');
    const [ginA, ginB] = [await createCompany(app, 'Other Gin A'), await createCompany(app, 'Other Gin B')];
    const bid = await insertOffer(app, mill.id, BID);
    await insertOffer(app, trader.id, { side: 'sell' });
    const a = await insertOffer(app, ginA.id, { side: 'sell' });
    const b = await insertOffer(app, ginB.id, { side: 'sell', price: '58000' });
    const matches = await trader.members.viewer.caller.tradedesk.matches({ offerId: bid.id });
    expect(matches.map((m) => m.offerId)).toEqual([a.id, b.id]);
    expect(await trader.members.viewer.caller.tradedesk.matches({ offerId: bid.id, limit: 1 })).toHaveLength(1);
  });

  it('is NOT_FOUND for an offer the caller cannot see, and empty when nothing fits', async () => {
    const owner = await createCompany(app, 'Hidden Owner');
    const stranger = await createCompany(app, 'Curious Mill');
    const hidden = await insertOffer(app, owner.id, { side: 'sell', visibility: 'partners' });
    expect((await failure(stranger.members.viewer.caller.tradedesk.matches({ offerId: hidden.id }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.members.viewer.caller.tradedesk.matches({ offerId: crypto.randomUUID() }))).code).toBe('NOT_FOUND');
    expect(await owner.members.viewer.caller.tradedesk.matches({ offerId: hidden.id })).toEqual([]);
  });
});

describe('through the offers service', () => {
  it('a posted offer appears among a mill’s matches, and the mill is told of it', async () => {
    const mill = await createCompany(app, 'Posting Mill');
    const trader = await createCompany(app, 'Posting Trader');
    const bid = await insertOffer(app, mill.id, BID);
    const validUntil = new Date(app.clock.now().getTime() + 3 * 86_400_000).toISOString();
    const posted = await trader.members.staff.caller.tradedesk.offers.create({
      side: 'sell',
      commodity: 'cotton-lint',
      quantity: '100',
      unit: 'bale',
      price: '56500',
      priceUnit: 'candy',
      quality: { staple_mm: { min: '29', max: '29.5' }, micronaire: { min: '3.7', max: '4' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Rajkot',
      deliveryFrom: '2026-12-10',
      deliveryTo: '2026-12-20',
      validUntil,
      visibility: 'desk',
    });
    const [match] = await mill.members.viewer.caller.tradedesk.matches({ offerId: bid.id });
    expect(match?.offerId).toBe(posted.id);
    await app.runner.drain();
    const notices = await mill.members.viewer.caller.notifications.list({ limit: 10 });
    expect(notices.items.map((n) => n.title)).toContain(
      `${trader.name}’s sell offer ${posted.number} matches your ${bid.number} (score ${match?.score})`,
    );
  });
});

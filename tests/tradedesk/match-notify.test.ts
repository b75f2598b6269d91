import { MATCH_NOTIFY_THRESHOLD } from '@tradeloom/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifyMatches } from '../../server/src/modules/tradedesk/match-notify.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { emitTradeEvent, insertOffer, linkPartners, type OfferFields, type OfferRow } from './match-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});
// The desk is shared by every company: each test leaves it empty, so its offers match no later test's.
afterEach(async () => {
  await app.db.updateTable('trade_offers').set({ status: 'withdrawn' }).where('status', 'in', ['open', 'negotiating']).execute();
});

// A mill's bid and a trader's offer that fit on every count (quality, price, place, period).
const FITTING_BID: OfferFields = {
  side: 'buy',
  quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.5', max: '4.2' } },
};
const FITTING_OFFER: OfferFields = {
  side: 'sell',
  quality: { staple_mm: { min: '29', max: '29.5' }, micronaire: { min: '3.7', max: '4' } },
};

/** What the trade desk told the company: match notices only. */
async function matchNotices(company: TestCompany) {
  await app.runner.drain();
  const page = await company.members.viewer.caller.notifications.list({ limit: 100 });
  return page.items.filter((n) => n.type === 'trade_offer.matched').map((n) => ({ title: n.title, linkPath: n.linkPath }));
}

/** Posts the offer's event as createOffer does: the match job reacts to it. */
async function announce(offer: OfferRow) {
  await emitTradeEvent(
    app,
    'trade_offer.created',
    { type: 'trade_offer', id: offer.id },
    { actorCompanyId: offer.companyId, recipients: [] },
  );
  await app.runner.drain();
}

async function noticeRows(offerId: string) {
  return app.db
    .selectFrom('trade_match_notices')
    .select(['offer_id', 'matched_offer_id', 'score'])
    .where('offer_id', '=', offerId)
    .execute();
}

describe('notifying owners of strong matches', () => {
  it('tells the owner of a fitting offer once, and the new offer’s owner of its best match', async () => {
    const mill = await createCompany(app, 'Notify Mill');
    const trader = await createCompany(app, 'Notify Trader');
    const bid = await insertOffer(app, mill.id, FITTING_BID);
    const offer = await insertOffer(app, trader.id, FITTING_OFFER);
    await announce(offer);

    const [told] = await noticeRows(bid.id);
    expect(told?.matched_offer_id).toBe(offer.id);
    expect(told?.score).toBeGreaterThanOrEqual(MATCH_NOTIFY_THRESHOLD);
    expect(await matchNotices(mill)).toEqual([
      {
        title: `${trader.name}’s sell offer ${offer.number} matches your ${bid.number} (score ${told?.score})`,
        linkPath: `/desk/offers/${bid.id}`,
      },
    ]);
    expect((await matchNotices(trader)).map((n) => n.title)).toEqual([
      expect.stringContaining(`${mill.name}’s buy offer ${bid.number} matches your ${offer.number}`),
    ]);

    // A second run (a retried job) tells no one again.
    expect(await notifyMatches(app.db, app.clock, { requestId: 'retry', ip: null, userAgent: null }, offer.id)).toBe(0);
    await announce(offer);
    expect(await matchNotices(mill)).toHaveLength(1);
    expect(await matchNotices(trader)).toHaveLength(1);
  });

  it('tells no one of a match below the threshold', async () => {
    const mill = await createCompany(app, 'Weak Mill');
    const trader = await createCompany(app, 'Weak Trader');
    const bid = await insertOffer(app, mill.id, {
      side: 'buy',
      price: '45000',
      quality: { staple_mm: { min: '31' } },
      deliveryStateCode: 'TN',
      deliveryCity: 'Coimbatore',
      deliveryFrom: '2027-03-01',
      deliveryTo: '2027-03-15',
    });
    const offer = await insertOffer(app, trader.id, { side: 'sell', quality: { staple_mm: { min: '29', max: '29' } } });
    await announce(offer);
    expect(await noticeRows(bid.id)).toEqual([]);
    expect(await noticeRows(offer.id)).toEqual([]);
    expect(await matchNotices(mill)).toEqual([]);
    expect(await matchNotices(trader)).toEqual([]);
  });

  it('never tells a company of a partners-only offer it cannot see; a linked partner is told', async () => {
    const trader = await createCompany(app, 'Private Trader');
    const stranger = await createCompany(app, 'Stranger Mill');
    const partner = await createCompany(app, 'Partner Mill');
    await linkPartners(app, partner.id, trader.id);
    const strangerBid = await insertOffer(app, stranger.id, FITTING_BID);
    const partnerBid = await insertOffer(app, partner.id, FITTING_BID);
    const offer = await insertOffer(app, trader.id, { ...FITTING_OFFER, visibility: 'partners' });
    await announce(offer);

    expect(await noticeRows(strangerBid.id)).toEqual([]);
    expect(await matchNotices(stranger)).toEqual([]);
    expect((await noticeRows(partnerBid.id)).map((row) => row.matched_offer_id)).toEqual([offer.id]);
    expect(await matchNotices(partner)).toHaveLength(1);
  });

  it('tells the new offer’s owner only of offers it may see', async () => {
    const trader = await createCompany(app, 'Seeing Trader');
    const stranger = await createCompany(app, 'Hidden Mill');
    // The stranger's bid is for its partners only: the trader cannot see it, the stranger sees the trader's desk offer.
    const hiddenBid = await insertOffer(app, stranger.id, { ...FITTING_BID, visibility: 'partners' });
    const offer = await insertOffer(app, trader.id, FITTING_OFFER);
    await announce(offer);

    expect(await noticeRows(offer.id)).toEqual([]);
    expect(await matchNotices(trader)).toEqual([]);
    expect((await noticeRows(hiddenBid.id)).map((row) => row.matched_offer_id)).toEqual([offer.id]);
    expect(await matchNotices(stranger)).toHaveLength(1);
  });

  it('ignores offers off the desk, of the same side, another commodity or the same company', async () => {
    const trader = await createCompany(app, 'Quiet Trader');
    const mill = await createCompany(app, 'Quiet Mill');
    const withdrawn = await insertOffer(app, mill.id, { ...FITTING_BID, status: 'withdrawn' });
    const sameSide = await insertOffer(app, mill.id, { ...FITTING_OFFER });
    const seed = await insertOffer(app, mill.id, { ...FITTING_BID, commodityCode: 'cotton-seed', quality: {} });
    const own = await insertOffer(app, trader.id, FITTING_BID);
    const offer = await insertOffer(app, trader.id, FITTING_OFFER);
    await announce(offer);
    for (const other of [withdrawn, sameSide, seed, own, offer]) expect(await noticeRows(other.id)).toEqual([]);
    expect(await matchNotices(mill)).toEqual([]);
  });
});

import { tradeNoticeText } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tradedeskNotificationHandler } from '../../server/src/modules/tradedesk/tradedesk.notifications.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { emitTradeEvent, insertContract, insertNegotiation, insertOffer } from './match-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

async function noticesOf(company: TestCompany) {
  await app.runner.drain();
  const page = await company.members.viewer.caller.notifications.list({ limit: 100 });
  return page.items.map((n) => ({ type: n.type, title: n.title, linkPath: n.linkPath })).reverse();
}

/** A seller's offer and a mill negotiating on it. */
async function dealWorld(label: string) {
  const trader = await createCompany(app, `${label} Trader`);
  const mill = await createCompany(app, `${label} Mill`);
  const offer = await insertOffer(app, trader.id, { side: 'sell' });
  const negotiationId = await insertNegotiation(app, offer, mill.id);
  return { trader, mill, offer, negotiationId };
}

describe('trade desk notice wording', () => {
  it('names the company, the offer and the version', () => {
    expect(tradeNoticeText('negotiation.countered', { actor: 'Saurashtra Cotton', document: 'OF-2026-000012', version: 3 })).toBe(
      'Saurashtra Cotton countered on OF-2026-000012 (version 3)',
    );
    expect(
      tradeNoticeText('trade_offer.matched', {
        actor: 'Kovai Spinning',
        document: 'OF-2026-000004',
        matched: 'OF-2026-000009',
        side: 'buy',
        score: 82,
      }),
    ).toBe('Kovai Spinning’s buy offer OF-2026-000009 matches your OF-2026-000004 (score 82)');
  });
});

describe('trade desk notifications', () => {
  it('tells the other party of each negotiation move, never the company that moved', async () => {
    const { trader, mill, offer, negotiationId } = await dealWorld('Moves');
    const entity = { type: 'negotiation', id: negotiationId } as const;
    await emitTradeEvent(app, 'negotiation.opened', entity, { actorCompanyId: mill.id, recipients: [trader.id] });
    await emitTradeEvent(app, 'negotiation.countered', entity, { actorCompanyId: trader.id, recipients: [mill.id], version: 2 });
    await emitTradeEvent(app, 'negotiation.countered', entity, { actorCompanyId: mill.id, recipients: [trader.id], version: 3 });
    await emitTradeEvent(app, 'negotiation.rejected', entity, { actorCompanyId: trader.id, recipients: [mill.id, trader.id] });
    const link = `/negotiations/${negotiationId}`;
    expect(await noticesOf(trader)).toEqual([
      { type: 'negotiation.opened', title: `${mill.name} opened a negotiation on ${offer.number}`, linkPath: link },
      { type: 'negotiation.countered', title: `${mill.name} countered on ${offer.number} (version 3)`, linkPath: link },
    ]);
    expect(await noticesOf(mill)).toEqual([
      { type: 'negotiation.countered', title: `${trader.name} countered on ${offer.number} (version 2)`, linkPath: link },
      { type: 'negotiation.rejected', title: `${trader.name} rejected the terms on ${offer.number}`, linkPath: link },
    ]);
  });

  it('words acceptance with the version, a cancellation, and an expiry for each party naming the other', async () => {
    const { trader, mill, offer, negotiationId } = await dealWorld('Ends');
    const entity = { type: 'negotiation', id: negotiationId } as const;
    await emitTradeEvent(app, 'negotiation.accepted', entity, { actorCompanyId: trader.id, recipients: [mill.id], version: 4 });
    await emitTradeEvent(app, 'negotiation.cancelled', entity, { actorCompanyId: mill.id, recipients: [trader.id] });
    await emitTradeEvent(app, 'negotiation.expired', entity, { actorCompanyId: trader.id, recipients: [trader.id, mill.id] });
    expect((await noticesOf(mill)).map((n) => n.title)).toEqual([
      `${trader.name} accepted version 4 on ${offer.number}`,
      `The negotiation with ${trader.name} on ${offer.number} expired without a deal`,
    ]);
    expect((await noticesOf(trader)).map((n) => n.title)).toEqual([
      `${mill.name} called off the negotiation on ${offer.number}`,
      `The negotiation with ${mill.name} on ${offer.number} expired without a deal`,
    ]);
  });

  it('reads the negotiation’s current version when the event names none', async () => {
    const trader = await createCompany(app, 'Version Trader');
    const mill = await createCompany(app, 'Version Mill');
    const offer = await insertOffer(app, trader.id, { side: 'sell' });
    const negotiationId = await insertNegotiation(app, offer, mill.id, 5);
    await emitTradeEvent(
      app,
      'negotiation.countered',
      { type: 'negotiation', id: negotiationId },
      { actorCompanyId: mill.id, recipients: [trader.id] },
    );
    expect((await noticesOf(trader))[0]?.title).toBe(`${mill.name} countered on ${offer.number} (version 5)`);
  });

  it('tells both parties of a contract, each by its own number and naming the other side', async () => {
    const { trader, mill, offer, negotiationId } = await dealWorld('Contract');
    const contract = await insertContract(app, offer, negotiationId, { sellerId: trader.id, buyerId: mill.id });
    await emitTradeEvent(
      app,
      'contract.created',
      { type: 'contract', id: contract.id },
      { actorCompanyId: trader.id, recipients: [trader.id, mill.id] },
    );
    const link = `/contracts/${contract.id}`;
    expect(await noticesOf(trader)).toEqual([
      { type: 'contract.created', title: `Contract ${contract.sellerNumber} signed with ${mill.name}`, linkPath: link },
    ]);
    expect(await noticesOf(mill)).toEqual([
      { type: 'contract.created', title: `Contract ${contract.buyerNumber} signed with ${trader.name}`, linkPath: link },
    ]);
  });

  it('tells the owner its offer expired, and of a match with the matched offer and score', async () => {
    const trader = await createCompany(app, 'Expiry Trader');
    const mill = await createCompany(app, 'Expiry Mill');
    const offer = await insertOffer(app, trader.id, { side: 'sell' });
    const bid = await insertOffer(app, mill.id, { side: 'buy' });
    await emitTradeEvent(
      app,
      'trade_offer.expired',
      { type: 'trade_offer', id: offer.id },
      { actorCompanyId: trader.id, recipients: [trader.id] },
    );
    await emitTradeEvent(
      app,
      'trade_offer.matched',
      { type: 'trade_offer', id: offer.id },
      { actorCompanyId: mill.id, recipients: [trader.id], document: offer.number, score: 84, matchedOfferId: bid.id },
    );
    const link = `/desk/offers/${offer.id}`;
    expect(await noticesOf(trader)).toEqual([
      { type: 'trade_offer.expired', title: `Your offer ${offer.number} expired`, linkPath: link },
      {
        type: 'trade_offer.matched',
        title: `${mill.name}’s buy offer ${bid.number} matches your ${offer.number} (score 84)`,
        linkPath: link,
      },
    ]);
    expect(await noticesOf(mill)).toEqual([]);
  });

  it('notifies once when the job is retried', async () => {
    const { trader, mill, negotiationId } = await dealWorld('Retry');
    await emitTradeEvent(
      app,
      'negotiation.opened',
      { type: 'negotiation', id: negotiationId },
      { actorCompanyId: mill.id, recipients: [trader.id] },
    );
    await app.runner.drain();
    const event = await app.db
      .selectFrom('domain_events')
      .select('id')
      .where('entity_id', '=', negotiationId)
      .where('type', '=', 'negotiation.opened')
      .executeTakeFirstOrThrow();
    await tradedeskNotificationHandler(app.db).run({ eventId: event.id }, { id: 0, attempts: 2 });
    expect(await noticesOf(trader)).toHaveLength(1);
  });
});

describe('through the negotiation services', () => {
  it('a mill opens and counters, the trader counters and accepts: each move tells the other side, the contract both', async () => {
    const trader = await createCompany(app, 'Flow Trader');
    const mill = await createCompany(app, 'Flow Mill');
    const offer = await insertOffer(app, trader.id, { side: 'sell' });
    const terms = { price: '56000', priceUnit: 'candy', quantity: '50', unit: 'bale' } as const;
    const millStaff = mill.members.staff.caller.tradedesk.negotiations;
    const traderStaff = trader.members.staff.caller.tradedesk.negotiations;
    const opened = await millStaff.open({ offerId: offer.id, terms });
    await traderStaff.counter({ negotiationId: opened.id, version: 1, terms: { ...terms, price: '56300' } });
    await millStaff.counter({ negotiationId: opened.id, version: 2, terms: { ...terms, price: '56200' } });
    const { contractId } = await traderStaff.accept({ negotiationId: opened.id, version: 3 });
    const contract = await app.db
      .selectFrom('contracts')
      .select(['seller_number', 'buyer_number'])
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow();

    const negotiationLink = `/negotiations/${opened.id}`;
    const contractLink = `/contracts/${contractId}`;
    expect(await noticesOf(trader)).toEqual([
      { type: 'negotiation.opened', title: `${mill.name} opened a negotiation on ${offer.number}`, linkPath: negotiationLink },
      { type: 'negotiation.countered', title: `${mill.name} countered on ${offer.number} (version 3)`, linkPath: negotiationLink },
      { type: 'contract.created', title: `Contract ${contract.seller_number} signed with ${mill.name}`, linkPath: contractLink },
    ]);
    // The acceptance and the contract come from one transaction: their order is not the point.
    const millNotices = await noticesOf(mill);
    expect(millNotices).toHaveLength(3);
    expect(millNotices).toEqual(
      expect.arrayContaining([
        { type: 'negotiation.countered', title: `${trader.name} countered on ${offer.number} (version 2)`, linkPath: negotiationLink },
        { type: 'negotiation.accepted', title: `${trader.name} accepted version 3 on ${offer.number}`, linkPath: negotiationLink },
        { type: 'contract.created', title: `Contract ${contract.buyer_number} signed with ${trader.name}`, linkPath: contractLink },
      ]),
    );
  });
});

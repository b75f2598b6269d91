import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { dealWorld, insertLot, insertOffer, negotiationRow, offerRow, terms } from './deal-fixtures.ts';

// Accepting: the deal takes its quantity off the offer and signs the contract in one transaction.
// A part deal leaves the rest on the desk; the last one closes the offer and ends the others.
// Races (two accepts of one version, two buyers for more than is left) make one deal, never two.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const contractsOf = (negotiationId: string) =>
  app.db.selectFrom('contracts').select('id').where('negotiation_id', '=', negotiationId).execute();

describe('accepting', () => {
  it('signs a contract for part of the offer and leaves the rest open for a second deal', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Partial');
    const first = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '60' }) });
    const { contractId } = await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: first.id, version: 1 });
    expect(await contractsOf(first.id)).toEqual([{ id: contractId }]);
    expect(await negotiationRow(app, first.id)).toMatchObject({ status: 'accepted', contract_id: contractId });
    expect(await offerRow(app, offer.id)).toMatchObject({ status: 'open', remaining_quantity: '40.000' });

    // The rest, in kilograms (40 bales = 6,800 kg), by another mill.
    const mill = await createCompany(app, 'PartialMill');
    const second = await mill.members.staff.caller.tradedesk.negotiations.open({
      offerId: offer.id,
      terms: terms({ quantity: '6800', unit: 'kg' }),
    });
    await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: second.id, version: 1 });
    expect(await offerRow(app, offer.id)).toMatchObject({ status: 'closed', remaining_quantity: '0.000' });
  });

  it('closes a sold-out offer, calls off its other negotiations with both sides told, and marks the lot sold', async () => {
    const { seller, buyer } = await dealWorld(app, 'Full');
    const lot = await insertLot(app, seller);
    const offer = await insertOffer(app, seller, { lotId: lot.id });
    const other = await createCompany(app, 'FullOther');
    const winning = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const losing = await other.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '50' }) });
    // The seller counters the buyer, and the buyer accepts the seller's version.
    await seller.members.staff.caller.tradedesk.negotiations.counter({
      negotiationId: winning.id,
      version: 1,
      terms: terms({ price: '56200' }),
    });
    const { contractId } = await buyer.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: winning.id, version: 2 });

    expect(await offerRow(app, offer.id)).toMatchObject({ status: 'closed', remaining_quantity: '0.000' });
    expect(await negotiationRow(app, losing.id)).toMatchObject({ status: 'cancelled', end_reason: expect.stringMatching(/sold out/) });
    const cancelled = await app.db
      .selectFrom('domain_events')
      .select('payload')
      .where('entity_id', '=', losing.id)
      .where('type', '=', 'negotiation.cancelled')
      .executeTakeFirstOrThrow();
    expect((cancelled.payload as { recipients: string[] }).recipients.sort()).toEqual([seller.id, other.id].sort());
    const lotRow = await app.db.selectFrom('lots').select('status').where('id', '=', lot.id).executeTakeFirstOrThrow();
    expect(lotRow.status).toBe('sold');

    const contract = await app.db.selectFrom('contracts').selectAll().where('id', '=', contractId).executeTakeFirstOrThrow();
    expect(contract).toMatchObject({
      accepted_version: 2,
      price: '56200.00',
      seller_company_id: seller.id,
      buyer_company_id: buyer.id,
      lot_id: lot.id,
    });
    const accepted = await app.db
      .selectFrom('domain_events')
      .select('payload')
      .where('entity_id', '=', winning.id)
      .where('type', '=', 'negotiation.accepted')
      .execute();
    expect(accepted.map((event) => event.payload)).toEqual([
      expect.objectContaining({ actorCompanyId: buyer.id, recipients: [seller.id] }),
    ]);
    // The losing side's offer page shows why; nothing more can be done on it.
    const view = await other.members.staff.caller.tradedesk.negotiations.get({ negotiationId: losing.id });
    expect(view).toMatchObject({ status: 'cancelled', allowedActions: [] });
  });

  it('refuses a deal for more than another deal left on the offer (QUANTITY_EXCEEDS_REMAINING), changing nothing', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Taken');
    const other = await createCompany(app, 'TakenOther');
    const a = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '70' }) });
    const b = await other.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '70' }) });
    await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: a.id, version: 1 });
    const error = await failure(seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: b.id, version: 1 }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'QUANTITY_EXCEEDS_REMAINING' });
    expect(await contractsOf(b.id)).toEqual([]);
    expect(await negotiationRow(app, b.id)).toMatchObject({ status: 'open' });
    expect(await offerRow(app, offer.id)).toMatchObject({ remaining_quantity: '30.000', status: 'negotiating' });
    // A counter within what is left can still deal.
    await seller.members.staff.caller.tradedesk.negotiations.counter({ negotiationId: b.id, version: 1, terms: terms({ quantity: '30' }) });
    await other.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: b.id, version: 2 });
    expect(await offerRow(app, offer.id)).toMatchObject({ remaining_quantity: '0.000', status: 'closed' });
  });

  it('refuses accepting the same negotiation twice (ILLEGAL_TRANSITION)', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Twice');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '10' }) });
    await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });
    const error = await failure(seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect(await contractsOf(opened.id)).toHaveLength(1);
  });
});

describe('races', () => {
  it('makes one contract from concurrent accepts of one version; the others are refused', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'RaceAccept');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '50' }) });
    const callers = [seller.members.staff, seller.members.manager, seller.members.owner, seller.members.admin].map((m) => m.caller);
    const results = await Promise.allSettled(
      callers.map((caller) => caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 })),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    }
    expect(await contractsOf(opened.id)).toHaveLength(1);
    expect(await offerRow(app, offer.id)).toMatchObject({ remaining_quantity: '50.000' });
  });

  it('lets only one of two buyers racing for more than remains deal', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'RaceBuyers');
    const other = await createCompany(app, 'RaceBuyersOther');
    // The seller counters each with 80 bales: the buyers accept at the same moment.
    const a = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '50' }) });
    const b = await other.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '50' }) });
    const counter = seller.members.staff.caller.tradedesk.negotiations.counter;
    await counter({ negotiationId: a.id, version: 1, terms: terms({ quantity: '80' }) });
    await counter({ negotiationId: b.id, version: 1, terms: terms({ quantity: '80' }) });
    const results = await Promise.allSettled([
      buyer.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: a.id, version: 2 }),
      other.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: b.id, version: 2 }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT', cause: { reason: 'QUANTITY_EXCEEDS_REMAINING' } });
    expect(await offerRow(app, offer.id)).toMatchObject({ remaining_quantity: '20.000' });
    const contracts = await app.db.selectFrom('contracts').select('id').where('offer_id', '=', offer.id).execute();
    expect(contracts).toHaveLength(1);
  });

  it.skipIf(!onPostgres)('opens one negotiation from concurrent opens by one counterparty (the index decides)', async () => {
    const { buyer, offer } = await dealWorld(app, 'RaceOpen');
    const callers = [buyer.members.staff, buyer.members.manager, buyer.members.owner].map((m) => m.caller);
    const results = await Promise.allSettled(
      callers.map((caller) => caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    }
  });
});

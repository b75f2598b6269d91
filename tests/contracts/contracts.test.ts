import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commissionsToBill } from '../../server/src/modules/contracts/contract-reads.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { dealWorld, insertOffer, terms } from '../tradedesk/deal-fixtures.ts';

// The contract a deal becomes: one record, each party under its own number, the accepted terms,
// value, tolerance, delivery schedule, standard terms text and brokerage; nobody else sees it.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('a contract from a deal', () => {
  it('numbers it in each party’s series and shows each its own number, value, tolerance and schedule', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Signed');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({
      offerId: offer.id,
      terms: terms({
        quantity: '100',
        price: '56500',
        quantityTolerancePct: '5',
        termsCode: 'cci-standard',
        deliveryTerm: 'ex-gin',
        paymentTerm: 'net-15',
        deliverySchedule: [
          { dueFrom: '2026-12-10', dueTo: '2026-12-20', quantity: '60' },
          { dueFrom: '2026-12-21', dueTo: '2026-12-31', quantity: '40' },
        ],
      }),
    });
    const { contractId } = await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });

    const sellerView = await seller.members.viewer.caller.contracts.get({ contractId });
    const buyerView = await buyer.members.viewer.caller.contracts.get({ contractId });
    expect(sellerView.number).toMatch(/^SC-\d{4}-000001$/);
    expect(buyerView.number).toMatch(/^PC-\d{4}-000001$/);
    expect(sellerView.counterpartyNumber).toBe(buyerView.number);
    expect(buyerView.counterpartyNumber).toBe(sellerView.number);
    expect(sellerView).toMatchObject({ role: 'seller', counterparty: { id: buyer.id, name: buyer.name } });
    expect(buyerView).toMatchObject({ role: 'buyer', counterparty: { id: seller.id, name: seller.name } });
    // 100 bales = 17,000 kg = 47.80350… candies × ₹56,500 = ₹27,00,900.00
    expect(sellerView).toMatchObject({
      quantity: '100.000',
      unit: 'bale',
      price: '56500.00',
      priceUnit: 'candy',
      currency: 'INR',
      value: '2700900.00',
      quantityTolerancePct: '5.00',
      quantityMin: '95.000',
      quantityMax: '105.000',
      negotiationId: opened.id,
      offerId: offer.id,
      acceptedVersion: 1,
      varietyName: 'Shankar-6',
      deliveryTerm: 'ex-gin',
      paymentTerm: 'net-15',
      termsCode: 'cci-standard',
      quality: { staple_mm: { min: '29', max: '30' } },
      commission: null,
      status: 'active',
    });
    expect(sellerView.termsText).toMatch(/Cotton Association of India/);
    expect(sellerView.deliveries).toEqual([
      { seq: 1, dueFrom: '2026-12-10', dueTo: '2026-12-20', quantity: '60.000' },
      { seq: 2, dueFrom: '2026-12-21', dueTo: '2026-12-31', quantity: '40.000' },
    ]);
    const events = await app.db
      .selectFrom('domain_events')
      .select('payload')
      .where('entity_id', '=', contractId)
      .where('type', '=', 'contract.created')
      .execute();
    expect(events).toHaveLength(1);
    expect([...((events[0]?.payload as { recipients?: string[] } | undefined)?.recipients ?? [])].sort()).toEqual(
      [seller.id, buyer.id].sort(),
    );
  });

  it('makes the buyer of a buy offer the owner, and one delivery slot over the period without a schedule', async () => {
    const { seller: mill, buyer: ginner } = await dealWorld(app, 'BuyOffer');
    const offer = await insertOffer(app, mill, { side: 'buy', quantity: '50', unit: 'candy', price: '150', priceUnit: 'kg' });
    const opened = await ginner.members.staff.caller.tradedesk.negotiations.open({
      offerId: offer.id,
      terms: terms({ quantity: '50', unit: 'candy', price: '150', priceUnit: 'kg' }),
    });
    const { contractId } = await mill.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });
    const view = await ginner.members.staff.caller.contracts.get({ contractId });
    // 50 candies = 17,781.11 kg × ₹150 = ₹26,67,166.50; no tolerance stated: none.
    expect(view).toMatchObject({
      role: 'seller',
      value: '2667166.50',
      quantityTolerancePct: '0.00',
      quantityMin: '50.000',
      quantityMax: '50.000',
    });
    expect(view.number).toMatch(/^SC-/);
    expect(view.deliveries).toEqual([{ seq: 1, dueFrom: '2026-12-10', dueTo: '2026-12-31', quantity: '50.000' }]);
  });

  it('works out the brokerage from a party’s commission structure, each side seeing its share', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Brokerage');
    const broker = await createCompany(app, 'Broker');
    const structure = await app.db
      .insertInto('commission_structures')
      .values({
        company_id: buyer.id,
        name: 'Patel',
        broker_name: 'Patel Brokers',
        broker_company_id: broker.id,
        basis: 'per_bale',
        rate: '25',
        seller_share_pct: '40',
        updated_at: app.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({
      offerId: offer.id,
      terms: terms({ quantity: '80', commission: { structureId: structure.id } }),
    });
    const { contractId } = await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });
    const commission = {
      brokerName: 'Patel Brokers',
      brokerCompanyId: broker.id,
      basis: 'per_bale',
      amount: '2000.00',
      sellerAmount: '800.00',
      buyerAmount: '1200.00',
    };
    expect((await seller.members.staff.caller.contracts.get({ contractId })).commission).toMatchObject({
      ...commission,
      yourShare: '800.00',
    });
    expect((await buyer.members.staff.caller.contracts.get({ contractId })).commission).toMatchObject({
      ...commission,
      yourShare: '1200.00',
    });

    const bill = await commissionsToBill(app.db, broker.id);
    expect(bill).toEqual([
      expect.objectContaining({ contractId, amount: '2000.00', sellerAmount: '800.00', buyerAmount: '1200.00', currency: 'INR' }),
    ]);
    expect(await commissionsToBill(app.db, seller.id)).toEqual([]);
  });

  it('takes a percentage brokerage named in the terms off the value', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Percent');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({
      offerId: offer.id,
      terms: terms({
        quantity: '100',
        price: '56500',
        commission: { brokerName: 'Shah & Co', basis: 'percent', rate: '0.5', sellerSharePct: '100' },
      }),
    });
    const { contractId } = await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });
    // 0.5 % of ₹27,00,900.00 = ₹13,504.50; all the seller's.
    expect((await buyer.members.staff.caller.contracts.get({ contractId })).commission).toMatchObject({
      amount: '13504.50',
      sellerAmount: '13504.50',
      buyerAmount: '0.00',
      yourShare: '0.00',
    });
  });

  it('is NOT_FOUND for anyone but the two parties', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'Private');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const { contractId } = await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });
    const stranger = await createCompany(app, 'PrivateStranger');
    expect((await failure(stranger.members.owner.caller.contracts.get({ contractId }))).code).toBe('NOT_FOUND');
    expect((await stranger.members.owner.caller.contracts.list({})).items).toEqual([]);
  });
});

describe('listing contracts', () => {
  it('lists sales and purchases, searches numbers and counterparties, and pages newest first', async () => {
    const { seller, buyer } = await dealWorld(app, 'Listing');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const offer = await insertOffer(app, seller);
      app.clock.advance(1000);
      const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms({ quantity: '10' }) });
      ids.push((await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 })).contractId);
    }
    const list = seller.members.viewer.caller.contracts.list;
    const first = await list({ role: 'sales', limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await list({ role: 'sales', limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
    expect((await list({ role: 'purchases' })).items).toEqual([]);
    const purchases = await buyer.members.viewer.caller.contracts.list({ role: 'purchases' });
    expect(purchases.items.map((item) => item.number)).toEqual(
      ['PC', 'PC', 'PC'].map((prefix, i) => expect.stringMatching(new RegExp(`^${prefix}-\\d{4}-00000${3 - i}$`))),
    );

    const byNumber = await list({ q: purchases.items[0]?.number.slice(-6) });
    // The buyer's number finds the contract for the seller too (shown under the seller's number).
    expect(byNumber.items.map((item) => item.id)).toContain(purchases.items[0]?.id);
    expect((await list({ q: buyer.name.slice(0, 12) })).items).toHaveLength(3);
    expect((await list({ q: 'no such counterparty' })).items).toEqual([]);
    expect((await list({ status: 'completed' })).items).toEqual([]);
  });
});

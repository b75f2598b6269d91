import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { tenderWorld } from '../sourcing/quote-fixtures.ts';
import { dealWorld, insertOffer, terms } from '../tradedesk/deal-fixtures.ts';
import { openNegotiationRow } from '../tradedesk/offer-fixtures.ts';
import { expectNotFound } from './messaging-fixtures.ts';

// Who may talk about a document: only its parties; a stranger is told it does not exist.

let app: TestApp;
let stranger: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  stranger = await createCompany(app, 'PartyStranger');
}, 120_000);
afterAll(async () => {
  await app.close();
});

type About = { type: 'order' | 'tender' | 'quote' | 'offer' | 'negotiation' | 'contract' | 'invoice' | 'complaint'; id: string };

/** The stranger can neither start about the document, nor list it, nor read the conversation. */
async function strangerLocksOut(about: About, party: TestCompany, conversationId: string) {
  const caller = stranger.members.owner.caller.messaging;
  await expectNotFound(caller.conversations.start({ partnerCompanyId: party.id, about, body: 'Let me in' }));
  await expectNotFound(caller.conversations.forDocument({ about }));
  await expectNotFound(caller.conversations.get({ conversationId }));
  await expectNotFound(caller.messages.list({ conversationId }));
  await expectNotFound(caller.messages.send({ conversationId, body: 'Let me in' }));
  const [newest] = (await party.members.viewer.caller.messaging.messages.list({ conversationId })).items;
  const messageId = newest?.id ?? 0;
  await expectNotFound(caller.messages.history({ messageId }));
  await expectNotFound(caller.messages.edit({ messageId, body: 'Mine now' }));
  await expectNotFound(caller.messages.delete({ messageId }));
  await expectNotFound(caller.conversations.markRead({ conversationId }));
  await expectNotFound(party.members.owner.caller.messaging.conversations.addCompany({ conversationId, companyId: stranger.id }));
}

describe('conversations about a document', () => {
  it('an order: buyer and supplier talk, each reading its own number; a draft the supplier never saw, and a stranger, are not found', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'PartyOrder');
    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await expectNotFound(
      buyer.members.staff.caller.messaging.conversations.start({
        partnerCompanyId: supplier.id,
        about: { type: 'order', id: draft.id },
        body: 'Too early',
      }),
    );
    await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
    const about = { type: 'order' as const, id: draft.id };
    const started = await buyer.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: supplier.id,
      about,
      body: 'Please confirm the date',
    });
    const numbers = await app.db
      .selectFrom('orders')
      .select(['buyer_number', 'supplier_number'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    const seenBySupplier = await supplier.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(seenBySupplier.about).toEqual({ type: 'order', id: draft.id, label: numbers.supplier_number, linkPath: `/orders/${draft.id}` });
    const seenByBuyer = await buyer.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(seenByBuyer.about?.label).toBe(numbers.buyer_number);
    expect(seenByBuyer.canSend).toBe(true);
    await strangerLocksOut(about, buyer, started.id);
  });

  it('a tender: the buyer talks with each invited supplier apart; a second supplier can neither read, join nor start with the first', async () => {
    const { buyer, supplierA, supplierB, tender } = await tenderWorld(app, 'PartyTender');
    const about = { type: 'tender' as const, id: tender.id };
    const withA = await buyer.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: supplierA.id,
      about,
      body: 'Is 29 mm possible?',
    });
    const forB = await supplierB.members.viewer.caller.messaging.conversations.forDocument({ about });
    expect(forB.items).toEqual([]);
    expect(forB.startWith).toEqual([{ id: buyer.id, name: buyer.name }]);
    await expectNotFound(supplierB.members.owner.caller.messaging.conversations.get({ conversationId: withA.id }));
    await expectNotFound(supplierB.members.owner.caller.messaging.messages.list({ conversationId: withA.id }));
    await expectNotFound(
      supplierB.members.staff.caller.messaging.conversations.start({ partnerCompanyId: supplierA.id, about, body: 'Hi rival' }),
    );
    await expectNotFound(
      buyer.members.staff.caller.messaging.conversations.addCompany({ conversationId: withA.id, companyId: supplierB.id }),
    );
    const viewByBuyer = await buyer.members.staff.caller.messaging.conversations.get({ conversationId: withA.id });
    expect(viewByBuyer.canAdd).toEqual([]);
    expect(viewByBuyer.about).toEqual({ type: 'tender', id: tender.id, label: tender.number, linkPath: `/tenders/${tender.id}` });
    const viewByA = await supplierA.members.viewer.caller.messaging.conversations.get({ conversationId: withA.id });
    expect(viewByA.about?.linkPath).toBe(`/quote-requests/${tender.id}`);
    const forBuyer = await buyer.members.viewer.caller.messaging.conversations.forDocument({ about });
    expect(forBuyer.items.map((item) => item.id)).toEqual([withA.id]);
    expect(forBuyer.startWith).toEqual([{ id: supplierB.id, name: supplierB.name }]);
    await strangerLocksOut(about, buyer, withA.id);
  });

  it('a quote: the buyer and that supplier; not the other invited supplier; a draft quote is nobody’s topic yet', async () => {
    const { buyer, supplierA, supplierB, tender } = await tenderWorld(app, 'PartyQuote');
    const lines = tender.itemIds.map((itemId) => ({ itemId, unitPrice: '120.50' }));
    const draft = await supplierA.members.staff.caller.sourcing.quotes.saveDraft({ tenderId: tender.id, lines });
    await expectNotFound(
      supplierA.members.staff.caller.messaging.conversations.start({
        partnerCompanyId: buyer.id,
        about: { type: 'quote', id: draft.id },
        body: 'Draft',
      }),
    );
    const quote = await supplierA.members.staff.caller.sourcing.quotes.submit({ tenderId: tender.id, lines });
    const about = { type: 'quote' as const, id: quote.id };
    const started = await supplierA.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: buyer.id,
      about,
      body: 'Our quote includes freight',
    });
    const seen = await buyer.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(seen.about).toEqual({ type: 'quote', id: quote.id, label: `Quote for ${tender.number}`, linkPath: `/tenders/${tender.id}` });
    await expectNotFound(supplierB.members.owner.caller.messaging.conversations.forDocument({ about }));
    await expectNotFound(supplierB.members.owner.caller.messaging.conversations.get({ conversationId: started.id }));
    await strangerLocksOut(about, buyer, started.id);
  });

  it('an offer: anyone who sees it may talk with its owner; a partners-only offer is hidden from a company not linked', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'PartyOffer');
    const about = { type: 'offer' as const, id: offer.id };
    const started = await buyer.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: seller.id,
      about,
      body: 'Is the lot tested?',
    });
    const seen = await seller.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(seen.about).toEqual({ type: 'offer', id: offer.id, label: offer.number, linkPath: `/desk/offers/${offer.id}` });
    // The stranger sees a desk offer too, but not the buyer's conversation about it.
    await expectNotFound(stranger.members.owner.caller.messaging.conversations.get({ conversationId: started.id }));
    const privateOffer = await insertOffer(app, seller, { visibility: 'partners' });
    await expectNotFound(
      buyer.members.staff.caller.messaging.conversations.start({
        partnerCompanyId: seller.id,
        about: { type: 'offer', id: privateOffer.id },
        body: 'Can I see it?',
      }),
    );
  });

  it('a negotiation: its two companies only', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'PartyNeg');
    const negotiationId = await openNegotiationRow(app, { id: offer.id, ownerId: seller.id }, buyer.id);
    const about = { type: 'negotiation' as const, id: negotiationId };
    const started = await seller.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: buyer.id,
      about,
      body: 'Can you do 56,200?',
    });
    const seen = await buyer.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(seen.about).toEqual({
      type: 'negotiation',
      id: negotiationId,
      label: `Negotiation on ${offer.number}`,
      linkPath: `/negotiations/${negotiationId}`,
    });
    await strangerLocksOut(about, seller, started.id);
  });

  it('a contract: seller and buyer, each with its own number', async () => {
    const { seller, buyer, offer } = await dealWorld(app, 'PartyContract');
    const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
    const { contractId } = await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });
    const about = { type: 'contract' as const, id: contractId };
    const started = await buyer.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: seller.id,
      about,
      body: 'Dispatch next week?',
    });
    const numbers = await app.db
      .selectFrom('contracts')
      .select(['seller_number', 'buyer_number'])
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow();
    expect((await seller.members.viewer.caller.messaging.conversations.get({ conversationId: started.id })).about?.label).toBe(
      numbers.seller_number,
    );
    expect((await buyer.members.viewer.caller.messaging.conversations.get({ conversationId: started.id })).about?.label).toBe(
      numbers.buyer_number,
    );
    expect(numbers.seller_number).toMatch(/^SC-/);
    expect(numbers.buyer_number).toMatch(/^PC-/);
    await strangerLocksOut(about, seller, started.id);
  });

  it('a complaint: its buyer and supplier', async () => {
    const buyer = await createCompany(app, 'PartyCmpBuyer');
    const supplier = await createCompany(app, 'PartyCmpSupplier');
    const now = app.clock.now();
    const complaint = await app.db
      .insertInto('complaints')
      .values({
        number: `CMP-T-${randomUUID().slice(0, 6)}`,
        buyer_company_id: buyer.id,
        supplier_company_id: supplier.id,
        about_type: 'order',
        about_id: randomUUID(),
        category: 'quality',
        description: 'Yarn count off',
        currency: 'INR',
        first_response_due_at: now,
        resolution_due_at: now,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    const about = { type: 'complaint' as const, id: complaint.id };
    const started = await supplier.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: buyer.id,
      about,
      body: 'We will send a sample',
    });
    const seen = await buyer.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(seen.about).toEqual({ type: 'complaint', id: complaint.id, label: complaint.number, linkPath: `/complaints/${complaint.id}` });
    await strangerLocksOut(about, buyer, started.id);
  });

  it('an invoice: none exist yet, so no one may talk about one; an id that is no uuid is simply not found', async () => {
    const { buyer, supplier } = await tradingPair(app, 'PartyInvoice');
    const caller = buyer.members.staff.caller.messaging.conversations;
    await expectNotFound(caller.start({ partnerCompanyId: supplier.id, about: { type: 'invoice', id: randomUUID() }, body: 'Invoice 7?' }));
    await expectNotFound(caller.start({ partnerCompanyId: supplier.id, about: { type: 'order', id: 'PO-1' }, body: 'Order?' }));
    await expectNotFound(caller.forDocument({ about: { type: 'invoice', id: randomUUID() } }));
  });

  it('starting again about the same document adds to the one conversation the two already have', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'PartyOnce');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const about = { type: 'order' as const, id: order.id };
    const first = await buyer.members.staff.caller.messaging.conversations.start({ partnerCompanyId: supplier.id, about, body: 'First' });
    const second = await supplier.members.staff.caller.messaging.conversations.start({ partnerCompanyId: buyer.id, about, body: 'Second' });
    const third = await buyer.members.manager.caller.messaging.conversations.start({ partnerCompanyId: supplier.id, about, body: 'Third' });
    expect([second.id, third.id]).toEqual([first.id, first.id]);
    const page = await supplier.members.viewer.caller.messaging.messages.list({ conversationId: first.id });
    expect(page.items.map((m) => m.body)).toEqual(['Third', 'Second', 'First']);
    const forDocument = await supplier.members.viewer.caller.messaging.conversations.forDocument({ about });
    expect(forDocument.items.map((item) => item.id)).toEqual([first.id]);
    expect(forDocument.startWith).toEqual([]);
  });

  it('two first messages at once about a document still make one conversation', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'PartyRace');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const about = { type: 'order' as const, id: order.id };
    const started = await Promise.all([
      buyer.members.staff.caller.messaging.conversations.start({ partnerCompanyId: supplier.id, about, body: 'From the buyer' }),
      supplier.members.staff.caller.messaging.conversations.start({ partnerCompanyId: buyer.id, about, body: 'From the supplier' }),
      buyer.members.manager.caller.messaging.conversations.start({ partnerCompanyId: supplier.id, about, body: 'From the manager' }),
    ]);
    expect(new Set(started.map((s) => s.id)).size).toBe(1);
    const stored = await app.db
      .selectFrom('conversations')
      .select('id')
      .where('about_type', '=', 'order')
      .where('about_id', '=', order.id)
      .execute();
    expect(stored).toEqual([{ id: started[0]?.id }]);
    expect((await buyer.members.viewer.caller.messaging.messages.list({ conversationId: stored[0]?.id ?? '' })).items).toHaveLength(3);
  });
});

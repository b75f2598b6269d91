import { DEMO_PASSWORD, DEMO_WEBHOOK_URL, presentDemoLogins, seedDemoData } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';

let app: TestApp;

/** Signs a demo login in and returns its caller. */
async function demoCaller(email: string) {
  await app.caller().auth.login({ email, password: DEMO_PASSWORD });
  return app.caller({ sessionToken: app.lastCookie() });
}

// The trade desk's demo, read back through the API as each company sees it.
async function expectTradeDesk(app: TestApp) {
  const offers = await app.db
    .selectFrom('trade_offers')
    .select(['status', 'visibility', 'price', 'price_unit', 'side', 'variety_code'])
    .execute();
  expect(offers).toHaveLength(12);
  expect(offers.every((offer) => ['open', 'negotiating'].includes(offer.status))).toBe(true);
  expect(offers.filter((offer) => offer.visibility === 'partners')).toHaveLength(3);
  expect(new Set(offers.map((offer) => offer.side))).toEqual(new Set(['buy', 'sell']));
  expect(new Set(offers.map((offer) => offer.variety_code)).size).toBeGreaterThanOrEqual(6);
  expect(offers.every((offer) => offer.price_unit === 'candy' && Number(offer.price) >= 52_000 && Number(offer.price) <= 62_000)).toBe(
    true,
  );

  const trader = await demoCaller('staff@saurashtra.example');
  const mill = await demoCaller('owner@kovaispin.example');
  const ginner = await demoCaller('owner@gondalginning.example');
  // Tested lots, each with its eight HVI results and the lab's report; one still to offer.
  const lots = [...(await trader.tradedesk.lots.list({})).items, ...(await ginner.tradedesk.lots.list({})).items];
  expect(lots.map((lot) => lot.status).sort()).toEqual(['available', 'offered', 'offered', 'offered']);
  expect(lots.every((lot) => Object.keys(lot.quality.values).length === 8 && lot.quality.colourGrade)).toBe(true);
  const lot = await trader.tradedesk.lots.get({ lotId: lots[0]?.id ?? '' });
  expect(lot.testReport?.contentType).toBe('application/pdf');
  // One deal: the trader's SC-, the mill's PC-, the broker's ₹25 a bale on 100 bales shared half and half.
  const [sale] = (await trader.contracts.list({ role: 'sales' })).items;
  const [purchase] = (await mill.contracts.list({ role: 'purchases' })).items;
  expect(sale?.number).toMatch(/^SC-\d{4}-\d{6}$/);
  expect(purchase?.number).toMatch(/^PC-\d{4}-\d{6}$/);
  expect(purchase?.id).toBe(sale?.id);
  const contract = await mill.contracts.get({ contractId: purchase?.id ?? '' });
  expect(contract).toMatchObject({
    counterpartyNumber: sale?.number,
    quantity: '100.000',
    unit: 'bale',
    price: '56300.00',
    acceptedVersion: 2,
  });
  expect(contract.deliveries).toHaveLength(2);
  expect(contract.termsText).toContain('Cotton Association of India');
  expect(contract.commission).toMatchObject({
    brokerName: expect.stringContaining('Kishor Vora'),
    amount: '2500.00',
    yourShare: '1250.00',
  });
  // The rest of the trader's Shankar-6 stays on the desk, where the mill's own buy offer finds it.
  const deal = await mill.tradedesk.negotiations.get({ negotiationId: contract.negotiationId });
  expect(deal.rounds.map((round) => round.byYou)).toEqual([true, false]);
  expect(deal.offer).toMatchObject({ remainingQuantity: '100.000', status: 'open' });
  // The negotiation with the ginner waits for the mill, two rounds in.
  const running = (await mill.tradedesk.negotiations.list({ status: 'open' })).items;
  expect(running).toHaveLength(1);
  expect(running[0]).toMatchObject({ yourTurn: true, currentVersion: 2, counterparty: { name: 'Gondal Ginning Company' } });
  const wanted = (await mill.tradedesk.offers.list({ scope: 'mine', side: 'buy', variety: 'shankar-6' })).items[0];
  const matches = await mill.tradedesk.matches({ offerId: wanted?.id ?? '' });
  expect(matches.map((match) => match.offer.company.name)).toEqual(
    expect.arrayContaining(['Saurashtra Cotton Traders', 'Gondal Ginning Company']),
  );
  // Partners-only offers reach linked partners only: Chandni Chowk sees the desk, not them.
  const outsider = await demoCaller('owner@cctextiles.example');
  const desk = (await outsider.tradedesk.offers.list({ scope: 'desk', limit: 100 })).items;
  expect(desk).toHaveLength(9);
  expect(desk.every((offer) => offer.visibility === 'desk')).toBe(true);
}

// Conversations, complaints and notification choices, as each party reads them through the API.
async function expectConversationsAndComplaints() {
  const millManager = await demoCaller('manager@kovaispin.example');
  const traderStaff = await demoCaller('staff@saurashtra.example');
  const weaver = await demoCaller('owner@bhiwandiweave.example');

  const millConversations = (await millManager.messaging.conversations.list({})).items;
  expect(millConversations.map((c) => c.about?.type ?? 'general').sort()).toEqual(['contract', 'general', 'order']);
  const weaverConversations = (await weaver.messaging.conversations.list({})).items;
  expect(weaverConversations.map((c) => [c.subject, c.about])).toEqual([['Yarn for the January–March quarter', null]]);

  // The order's conversation: four messages, a reply, an edit with its history, read by the mill's manager.
  const onOrder = millConversations.find((c) => c.about?.type === 'order');
  expect(onOrder?.unread).toBe(0);
  const messages = (await traderStaff.messaging.messages.list({ conversationId: onOrder?.id ?? '' })).items;
  expect(messages.map((m) => m.body)).toEqual([
    'Surveyor can come on Friday, 11 am.',
    'Thank you. We will retest two bales with your surveyor present.',
    'Sending the sheets today. The Gondal lab read 4.1 before pressing.',
    'Our lab reads micronaire 4.6 on bales 18–30, above the 4.2 agreed. Can you send the gin’s HVI sheets?',
  ]);
  expect(messages[1]?.replyTo?.preview).toBe('Sending the sheets today. The Gondal lab read 4.1 before pressing.');
  const edited = messages[0];
  expect(edited?.editedAt).not.toBeNull();
  const history = await traderStaff.messaging.messages.history({ messageId: edited?.id ?? 0 });
  expect(history.edits.map((e) => e.body)).toEqual(['Surveyor can come on Thursday, 11 am.']);
  // Read state is per person: writing read it for the trader's staff; the trader's owner has read none of the four.
  const unreadOf = async (caller: typeof traderStaff) =>
    (await caller.messaging.conversations.list({})).items.find((c) => c.id === onOrder?.id)?.unread;
  expect(await unreadOf(traderStaff)).toBe(0);
  expect(await unreadOf(await demoCaller('owner@saurashtra.example'))).toBe(4);

  // Complaints: one open on the delivered order, one resolved with a credit, one breached and escalated.
  const filed = (await millManager.support.complaints.list({ side: 'filed' })).items;
  const byCategory = Object.fromEntries(filed.map((c) => [c.category, c]));
  expect(Object.keys(byCategory).sort()).toEqual(['quality', 'quantity_short']);
  expect(byCategory.quality).toMatchObject({ status: 'open', amountClaimed: '125000.00', currency: 'INR', escalated: false });
  const resolved = await traderStaff.support.complaints.get({ complaintId: byCategory.quantity_short?.id ?? '' });
  expect(resolved).toMatchObject({
    status: 'resolved',
    side: 'supplier',
    resolution: { kind: 'credit_note', creditAmount: '40800.00' },
    assignee: { name: 'Anil Desai' },
  });
  // The trader's internal note is the trader's alone.
  expect(resolved.entries.filter((e) => e.internal).map((e) => e.body)).toEqual([
    'Our loading slip shows 4 bales left behind at the press; pay the credit.',
  ]);
  const buyerSide = await millManager.support.complaints.get({ complaintId: resolved.id });
  expect(buyerSide.entries.filter((e) => e.internal)).toEqual([]);
  expect(JSON.stringify(buyerSide)).not.toContain('loading slip');
  const [wet] = (await weaver.support.complaints.list({ side: 'filed' })).items;
  expect(wet).toMatchObject({ category: 'damaged', status: 'open', escalated: true, sla: 'breached' });

  // The trader's SLA policy, and its manager's notification choices.
  const policies = (await traderStaff.support.sla.get()).policies.filter((p) => p.custom);
  expect(policies.map((p) => [p.category, p.firstResponseHours, p.resolutionHours])).toEqual([
    ['quality', 12, 96],
    ['quantity_short', 12, 48],
  ]);
  const manager = await demoCaller('manager@saurashtra.example');
  const preferences = await manager.notifications.preferences.get();
  expect(preferences.quietHours).toEqual({ start: '22:00', end: '07:00' });
  expect(preferences.rows.find((row) => row.event === 'complaint.noted')?.email).toEqual({ enabled: false, source: 'user' });
}

// The trader's integrations: a paused webhook endpoint at the documented local address with
// deliveries in every status, and an ERP key with its own limit and a week of calls.
async function expectIntegrations() {
  const admin = await demoCaller('admin@saurashtra.example');
  const [endpoint, ...others] = (await admin.webhooks.endpoints.list()).items;
  expect(others).toEqual([]);
  expect(endpoint).toMatchObject({ url: DEMO_WEBHOOK_URL, status: 'paused' });
  const log = await admin.webhooks.deliveries.list({ endpointId: endpoint?.id ?? '', limit: 100 });
  const count = (status: string) => log.items.filter((d) => d.status === status).length;
  expect(count('succeeded')).toBeGreaterThanOrEqual(3);
  expect(count('failed')).toBe(1);
  expect(count('pending')).toBeGreaterThanOrEqual(1);
  expect(log.items.every((d) => d.eventType.startsWith('order.') || d.eventType.startsWith('complaint.'))).toBe(true);
  const failed = log.items.find((d) => d.status === 'failed');
  const detail = await admin.webhooks.deliveries.get({ deliveryId: failed?.id ?? '' });
  expect(detail.attempts.map((a) => [a.trigger, a.statusCode])).toEqual([
    ['automatic', 200],
    ['replay', 503],
  ]);
  const [key] = await admin.apiKeys.list();
  const usage = await admin.apiKeys.usage({ apiKeyId: key?.id ?? '', days: 7 });
  expect(usage.days.reduce((sum, day) => sum + day.requests, 0)).toBe(5_928);
  expect(usage.days.filter((day) => day.limited > 0)).toHaveLength(2);
}

// Goods and money, as the trader's staff (and its partners) read them back through the API.
async function expectFinance() {
  const trader = await demoCaller('staff@saurashtra.example');
  const fy = /^INV-\d{4}-\d{2}\/\d{6}$/;
  // Two trucks of Shankar-6 to the mill, both received (one with 2 candy rejected); one truck in from Gondal.
  const deliveries = (await trader.deliveries.list({})).items;
  expect(deliveries.map((d) => [d.side, d.partnerName, d.vehicleNumber, d.totalQuantity, d.status]).sort()).toEqual([
    ['buyer', 'Gondal Ginning Company', 'GJ03CT2215', '50.000', 'received'],
    ['supplier', 'Coimbatore Spinning Mills', 'GJ03AX4417', '50.000', 'received'],
    ['supplier', 'Coimbatore Spinning Mills', 'GJ03BZ9082', '50.000', 'received'],
  ]);
  const sold = deliveries.find((d) => d.side === 'supplier');
  const remaining = await trader.deliveries.remaining({ orderId: sold?.orderId ?? '' });
  expect(remaining.lines.map((l) => [l.dispatched, l.accepted, l.rejected])).toEqual([['100.000', '98.000', '2.000']]);
  // Inter-state: IGST on ₹61,50,000, part paid, overdue 31–60 days, with the mill's quality dispute open.
  const [sale, ...moreSales] = (await trader.finance.invoices.list({ side: 'sales' })).items;
  expect(moreSales).toEqual([]);
  expect(sale).toMatchObject({ status: 'partly_paid', partnerName: 'Coimbatore Spinning Mills', total: '6457500.00' });
  expect(sale?.number).toMatch(fy);
  const invoice = await trader.finance.invoices.get({ invoiceId: sale?.id ?? '' });
  expect(invoice).toMatchObject({ subtotal: '6150000.00', cgst: '0.00', sgst: '0.00', igst: '307500.00', total: '6457500.00' });
  // Within Gujarat: CGST and SGST on the lint bought from Gondal, paid in full.
  const [purchase] = (await trader.finance.invoices.list({ side: 'purchase' })).items;
  expect(purchase?.number).toMatch(fy);
  const bought = await trader.finance.invoices.get({ invoiceId: purchase?.id ?? '' });
  expect(bought).toMatchObject({ status: 'paid', cgst: '76250.00', sgst: '76250.00', igst: '0.00', total: '3202500.00' });
  const payments = (await trader.finance.payments.list({})).items;
  expect(payments.map((p) => [p.number.slice(0, 4), p.direction, p.partnerName, p.amount, p.unallocated]).sort()).toEqual([
    ['PAY-', 'made', 'Gondal Ginning Company', '3202500.00', '0.00'],
    ['RCT-', 'received', 'Coimbatore Spinning Mills', '2500000.00', '0.00'],
  ]);
  const [owed, ...others] = await trader.finance.outstanding({ side: 'receivable' });
  expect(others).toEqual([]);
  expect(owed).toMatchObject({
    partnerName: 'Coimbatore Spinning Mills',
    outstanding: '3957500.00',
    overdue: '3957500.00',
    disputed: '129150.00',
    buckets: { current: '0.00', d0_30: '0.00', d31_60: '3957500.00', d61_90: '0.00', d90_plus: '0.00' },
  });
  expect(await trader.finance.outstanding({ side: 'payable' })).toEqual([]);
  const [dispute] = (await trader.finance.disputes.list({})).items;
  expect(dispute).toMatchObject({ status: 'open', side: 'supplier', amount: '129150.00', reason: 'quality', invoiceNumber: sale?.number });
  const [limit] = await trader.finance.creditLimits.list();
  expect(limit).toMatchObject({ partnerName: 'Coimbatore Spinning Mills', amount: '7500000.00', exposure: '3957500.00' });
  // The mill owes the same on its side; the weaver's short-weight dispute ended in a credit note.
  const mill = await demoCaller('owner@kovaispin.example');
  expect(await mill.finance.outstanding({ side: 'payable' })).toMatchObject([
    { partnerName: 'Saurashtra Cotton Traders', outstanding: '3957500.00' },
  ]);
  const weaver = await demoCaller('owner@bhiwandiweave.example');
  expect((await weaver.finance.disputes.list({})).items).toMatchObject([{ status: 'resolved', reason: 'quantity', amount: '12516.00' }]);
  const notes = (await weaver.finance.notes.list({})).items;
  expect(notes.map((n) => [n.kind, n.reason, n.taxable, n.tax, n.total])).toEqual([
    ['credit', 'dispute', '11920.00', '596.00', '12516.00'],
  ]);
}

beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

// Seeding hashes passwords and builds the whole network: minutes on a loaded machine.
describe('demo data', { timeout: 400_000 }, () => {
  it('seeds the demo network with orders in every common state and running production, once', async () => {
    const logins = await seedDemoData(app.deps);
    expect(logins?.map((l) => l.email)).toContain('owner@kovaispin.example');
    const statuses = await app.db
      .selectFrom('orders')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .orderBy('status')
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.status, s.count]))).toEqual({
      // The three the demo deliveries and invoices are about (delivery progress is their fulfilment).
      accepted: 3,
      completed: 1,
      // The two the demo complaints are about.
      delivered: 2,
      draft: 1,
      in_progress: 1,
      shipped: 1,
      // Three placed by hand, two from the awarded tender.
      submitted: 5,
    });
    const workOrders = await app.db.selectFrom('work_orders').select(['status', 'order_line_id']).orderBy('number').execute();
    expect(workOrders.map((w) => w.status)).toEqual(['in_progress', 'released']);
    expect(workOrders[0]?.order_line_id).not.toBeNull();
    // Every order is numbered by each party that can see it, and totals carry GST.
    const unnumbered = await app.db
      .selectFrom('orders')
      .select('id')
      .where('buyer_number', 'is', null)
      .where('created_by_side', '=', 'buyer')
      .execute();
    expect(unnumbered).toEqual([]);
    const taxed = await app.db.selectFrom('orders').select('tax').execute();
    expect(taxed.every((o) => Number(o.tax) > 0)).toBe(true);
    // Two cotton tenders from the mill: one open with both sealed quotes in, one awarded to both.
    const tenders = await app.db.selectFrom('tenders').select(['id', 'status', 'closes_at']).orderBy('number').execute();
    expect(tenders.map((t) => t.status)).toEqual(['awarded', 'open']);
    const open = tenders[1];
    expect(new Date(open?.closes_at ?? 0).getTime()).toBeGreaterThan(app.clock.now().getTime());
    const activeQuotes = await app.db
      .selectFrom('quotes')
      .select(['tender_id', 'supplier_company_id'])
      .where('status', '=', 'submitted')
      .execute();
    for (const tender of tenders) expect(activeQuotes.filter((q) => q.tender_id === tender.id)).toHaveLength(2);
    const awards = await app.db
      .selectFrom('tender_awards')
      .select(['order_id', 'quote_id'])
      .where('tender_id', '=', tenders[0]?.id ?? '')
      .execute();
    expect(new Set(awards.map((a) => a.order_id)).size).toBe(2);
    expect(new Set(awards.map((a) => a.quote_id)).size).toBe(2);
    const awardedOrders = await app.db
      .selectFrom('orders')
      .select(['buyer_number', 'supplier_number'])
      .where(
        'id',
        'in',
        awards.map((a) => a.order_id),
      )
      .execute();
    expect(awardedOrders.every((o) => o.buyer_number?.startsWith('PO-') && o.supplier_number?.startsWith('SO-'))).toBe(true);
    // The mill sees who quoted on the open tender, never a price (the sealed rule, through the API).
    await app.caller().auth.login({ email: 'owner@kovaispin.example', password: DEMO_PASSWORD });
    const mill = app.caller({ sessionToken: app.lastCookie() });
    const view = await mill.sourcing.tenders.get({ tenderId: open?.id ?? '' });
    if (view.side !== 'buyer') throw new Error('the mill should see the buyer view');
    expect(view.sealed).toBe(true);
    expect(view.quotes.map((q) => q.supplierName).sort()).toEqual(['Gondal Ginning Company', 'Saurashtra Cotton Traders']);
    expect(view.quotes.every((q) => q.terms === null)).toBe(true);
    expect(view.items[0]?.specification.map((spec) => spec.name)).toEqual(['Staple length', 'Micronaire', 'Trash', 'Moisture']);
    expect(view.clarifications.map((c) => Boolean(c.answer))).toEqual([true]);
    await expectTradeDesk(app);
    await expectConversationsAndComplaints();
    await expectIntegrations();
    await expectFinance();
    // A second start adds nothing, yet still finds every demo login to print.
    expect(await seedDemoData(app.deps)).toBeNull();
    expect(await presentDemoLogins(app.deps)).toEqual(logins);
  });

  it('lists only the demo logins that still exist', async () => {
    await app.db.updateTable('users').set({ email: 'kavita@elsewhere.example' }).where('email', '=', 'viewer@saurashtra.example').execute();
    const emails = (await presentDemoLogins(app.deps)).map((login) => login.email);
    expect(emails).toContain('owner@saurashtra.example');
    expect(emails).not.toContain('viewer@saurashtra.example');
  });
});

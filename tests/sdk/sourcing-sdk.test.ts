import { createClient, errorReason, TRPCClientError } from '@tradeloom/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCHEDULES } from '../../server/src/jobs.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tradingPair } from '../orders/order-fixtures.ts';

// A tender run by two programs over HTTP, each with its company's API key: the buyer's ERP opens
// it, the supplier's quotes, and the buyer's key learns nothing of the price until the deadline.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  await registerSchedules(app.db, app.clock, SCHEDULES);
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const HOUR = 3_600_000;

it('a buyer key runs a tender to award and a supplier key quotes on it; the price stays sealed until the deadline', async () => {
  const { buyer, supplier } = await tradingPair(app, 'SdkTender');
  const scopes = ['sourcing:read', 'sourcing:write', 'orders:read'] as const;
  const buyerKey = await buyer.members.admin.caller.apiKeys.create({ name: 'erp', scopes: [...scopes] });
  const supplierKey = await supplier.members.admin.caller.apiKeys.create({ name: 'erp', scopes: [...scopes] });
  const buying = createClient({ url: http.url, apiKey: buyerKey.key });
  const selling = createClient({ url: http.url, apiKey: supplierKey.key });

  const closesAt = new Date(app.clock.now().getTime() + HOUR).toISOString();
  const tender = await buying.sourcing.tenders.create.mutate({
    title: 'Shankar-6 cotton',
    currency: 'INR',
    closesAt,
    items: [{ description: 'Shankar-6 raw cotton', quantity: '5000', unit: 'kg', hsnCode: '5201' }],
  });
  expect(tender.number).toMatch(/^RFQ-\d{4}-\d{6}$/);
  await buying.sourcing.tenders.invite.mutate({ tenderId: tender.id, supplierIds: [supplier.id] });
  await buying.sourcing.tenders.publish.mutate({ tenderId: tender.id });

  const inbox = await selling.sourcing.invitations.list.query({ status: 'open' });
  expect(inbox.items.map((row) => row.number)).toEqual([tender.number]);
  const opened = await selling.sourcing.tenders.get.query({ tenderId: tender.id });
  if (opened.side !== 'supplier') throw new Error('the invitee must get the supplier view');
  const quote = await selling.sourcing.quotes.submit.mutate({
    tenderId: tender.id,
    lines: [{ itemId: opened.items[0]?.id ?? '', unitPrice: '161.2345', taxRate: '5' }],
    leadTimeDays: 12,
    idempotencyKey: 'sdk-quote-0001',
  });

  const sealed = await buying.sourcing.tenders.get.query({ tenderId: tender.id });
  if (sealed.side !== 'buyer') throw new Error('the owner must get the buyer view');
  expect(sealed.sealed).toBe(true);
  expect(sealed.quotes).toEqual([expect.objectContaining({ id: quote.id, supplierId: supplier.id, terms: null })]);
  expect(JSON.stringify(sealed)).not.toContain('161.2345');
  const refused = await buying.sourcing.tenders.compare.query({ tenderId: tender.id }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(TRPCClientError);
  expect(errorReason(refused)).toBe('ILLEGAL_TRANSITION');
  expect(JSON.stringify(refused)).not.toContain('161.2345');

  // The clock closes the tender at its deadline; the quote opens to the buyer.
  app.clock.advance(HOUR + 60_000);
  await app.runner.drain();
  const closed = await buying.sourcing.tenders.get.query({ tenderId: tender.id });
  if (closed.side !== 'buyer') throw new Error('the owner must get the buyer view');
  expect(closed.status).toBe('closed');
  expect(closed.quotes[0]?.terms?.lines[0]?.unitPrice).toBe('161.2345');
  const late = await selling.sourcing.quotes.submit
    .mutate({ tenderId: tender.id, lines: [{ itemId: opened.items[0]?.id ?? '', unitPrice: '150' }] })
    .catch((error: unknown) => error);
  expect(errorReason(late)).toBe('TENDER_NOT_OPEN');

  const comparison = await buying.sourcing.tenders.compare.query({ tenderId: tender.id });
  expect(comparison.cells).toEqual([expect.objectContaining({ quoteId: quote.id, unitPrice: '161.2345', lowest: true })]);
  const { orderIds } = await buying.sourcing.tenders.award.mutate({
    tenderId: tender.id,
    awards: [{ itemId: opened.items[0]?.id ?? '', quoteId: quote.id, quantity: '5000' }],
    reason: 'Only quote, at target',
  });
  expect(orderIds).toHaveLength(1);
  const order = await buying.orders.get.query({ orderId: orderIds[0] ?? '' });
  expect(order).toMatchObject({ status: 'submitted', number: expect.stringMatching(/^PO-/), partnerNumber: expect.stringMatching(/^SO-/) });
  const sales = await selling.orders.get.query({ orderId: orderIds[0] ?? '' });
  expect(sales.lines).toEqual([expect.objectContaining({ quantity: '5000.000', unitPrice: '161.2345' })]);
}, 120_000);

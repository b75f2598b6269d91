import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { dayFromToday, insertIssuedInvoice } from './issued-invoice-fixture.ts';

const DAY = 86_400_000;

let app: TestApp;
beforeAll(async () => {
  // The clock moves by days here: sessions outlast it.
  app = await setupTestApp({ session: { inactivityMs: 365 * DAY, absoluteMs: 365 * DAY, refreshAfterMs: 3_600_000 } });
});
afterAll(async () => {
  await app.close();
});

describe('finance.outstanding and ageing', () => {
  it('ages what a partner owes by days past the due date, and the buckets move with the clock', async () => {
    const world = await tradingPair(app, 'Ageing');
    // Due dates 84 and 24 days ago and 5 days ahead (a day either way of the company's calendar keeps each in its bucket).
    await insertIssuedInvoice(app, world, { total: '4000.00', invoiceDate: dayFromToday(app, -120), dueDate: dayFromToday(app, -84) });
    await insertIssuedInvoice(app, world, { total: '2000.00', invoiceDate: dayFromToday(app, -60), dueDate: dayFromToday(app, -24) });
    const invoice = await insertIssuedInvoice(app, world, { total: '500.00', dueDate: dayFromToday(app, 5) });
    await world.supplier.members.staff.caller.finance.payments.record({
      partnerId: world.buyer.id,
      amount: '300',
      currency: 'INR',
      receivedAt: dayFromToday(app, 0),
      method: 'upi',
      reference: '',
      allocations: [{ invoiceId: invoice.id, amount: '200' }],
    });
    const receivable = () => world.supplier.members.viewer.caller.finance.outstanding({ side: 'receivable' });
    const [before] = await receivable();
    expect(before).toMatchObject({
      partnerId: world.buyer.id,
      partnerName: world.buyer.name,
      currency: 'INR',
      outstanding: '6300.00',
      overdue: '6000.00',
      advance: '100.00',
      invoiceCount: 3,
      buckets: { current: '300.00', d0_30: '2000.00', d31_60: '0.00', d61_90: '4000.00', d90_plus: '0.00' },
    });
    // The buyer sees what it owes (by its own payments: it recorded none).
    const [payable] = await world.buyer.members.viewer.caller.finance.outstanding({ side: 'payable' });
    expect(payable).toMatchObject({
      partnerId: world.supplier.id,
      outstanding: '6500.00',
      buckets: expect.objectContaining({ current: '500.00' }),
    });

    app.clock.advance(10 * DAY);
    const [after] = await receivable();
    expect(after?.buckets).toEqual({ current: '0.00', d0_30: '300.00', d31_60: '2000.00', d61_90: '0.00', d90_plus: '4000.00' });
    expect(after?.overdue).toBe('6300.00');

    const invoices = await world.supplier.members.viewer.caller.finance.outstandingInvoices({
      partnerId: world.buyer.id,
      side: 'receivable',
    });
    expect(invoices.map((row) => [row.balance, row.bucket])).toEqual([
      ['4000.00', 'd90_plus'],
      ['2000.00', 'd31_60'],
      ['300.00', 'd0_30'],
    ]);
    // Nobody else sees them.
    const stranger = await createCompany(app, 'AgeingStranger');
    expect(await stranger.members.owner.caller.finance.outstanding({ side: 'receivable' })).toEqual([]);
  });
});

describe('finance.statement', () => {
  it('lists invoices and payments with a running balance, an opening balance before the period, and CSV and PDF downloads', async () => {
    const world = await tradingPair(app, 'Statement');
    const invoiceDay = dayFromToday(app, -20);
    await insertIssuedInvoice(app, world, { total: '1000.00', invoiceDate: dayFromToday(app, -40), dueDate: dayFromToday(app, -10) });
    const invoice = await insertIssuedInvoice(app, world, { total: '2500.00', invoiceDate: invoiceDay, dueDate: dayFromToday(app, 10) });
    const payment = await world.supplier.members.staff.caller.finance.payments.record({
      partnerId: world.buyer.id,
      amount: '1500',
      currency: 'INR',
      receivedAt: dayFromToday(app, -5),
      method: 'neft',
      reference: 'UTR9',
      allocations: [{ invoiceId: invoice.id, amount: '1500' }],
    });
    const statement = await world.supplier.members.viewer.caller.finance.statement({
      partnerId: world.buyer.id,
      from: dayFromToday(app, -30),
    });
    expect(statement).toMatchObject({
      partnerName: world.buyer.name,
      currency: 'INR',
      opening: '1000.00',
      closing: '2000.00',
      totalDebit: '2500.00',
      totalCredit: '1500.00',
    });
    expect(statement.entries.map((entry) => [entry.kind, entry.debit, entry.credit, entry.balance])).toEqual([
      ['invoice', '2500.00', '0.00', '3500.00'],
      ['payment', '0.00', '1500.00', '2000.00'],
    ]);
    expect(statement.entries[1]?.paymentId).toBe(payment.id);

    // The buyer's statement of the same trade: it owes the supplier (negative balance).
    const buyers = await world.buyer.members.viewer.caller.finance.statement({ partnerId: world.supplier.id });
    expect(buyers.entries.map((entry) => [entry.kind, entry.balance])).toEqual([
      ['purchase_invoice', '-1000.00'],
      ['purchase_invoice', '-3500.00'],
    ]);

    const stranger = await createCompany(app, 'StatementStranger');
    expect((await failure(stranger.members.owner.caller.finance.statement({ partnerId: world.buyer.id }))).code).toBe('NOT_FOUND');

    const http = await app.startHttp();
    try {
      const get = (path: string, token: string) => fetch(`${http.url}${path}`, { headers: { cookie: `tl_session=${token}` } });
      const csv = await get(
        `/documents/statements/${world.buyer.id}.csv?from=${dayFromToday(app, -30)}`,
        world.supplier.members.viewer.token,
      );
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const text = await csv.text();
      expect(text).toContain('Opening balance');
      expect(text).toContain('1000.00');
      expect(text).toContain('UTR9');
      const pdf = await get(`/documents/statements/${world.buyer.id}.pdf`, world.supplier.members.viewer.token);
      expect(pdf.status).toBe(200);
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      expect((await get(`/documents/statements/${world.buyer.id}.csv`, stranger.members.owner.token)).status).toBe(404);
      expect((await fetch(`${http.url}/documents/statements/${world.buyer.id}.csv`)).status).toBe(401);
    } finally {
      await http.close();
    }
  });
});

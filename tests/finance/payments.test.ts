import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair } from '../orders/order-fixtures.ts';
import { insertIssuedInvoice } from './issued-invoice-fixture.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

const today = () => app.clock.now().toISOString().slice(0, 10);

/** The field a CONFLICT about one value names, as the error formatter sends it in fieldErrors. */
function conflictField(error: { cause?: unknown }): string | undefined {
  return (error.cause as { issues?: { path: string[] }[] } | undefined)?.issues?.[0]?.path.join('.');
}

async function invoiceRow(invoiceId: string) {
  return app.db
    .selectFrom('invoices')
    .select(['status', 'received_amount', 'paid_amount'])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
}

async function paymentCount(companyId: string): Promise<number> {
  const rows = await app.db.selectFrom('payments').select('id').where('company_id', '=', companyId).execute();
  return rows.length;
}

describe('finance.payments', () => {
  it('moves an invoice to partly paid, then paid, and both parties see the allocations', async () => {
    const world = await tradingPair(app, 'PayPartial');
    const invoice = await insertIssuedInvoice(app, world, { total: '10000.00' });
    const supplier = world.supplier.members.staff.caller;
    const first = await supplier.finance.payments.record({
      partnerId: world.buyer.id,
      amount: '4000',
      currency: 'INR',
      receivedAt: today(),
      method: 'neft',
      reference: 'UTR123',
      allocations: [{ invoiceId: invoice.id, amount: '4000' }],
    });
    expect(first.number).toMatch(/^RCT-\d{4}-000001$/);
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'partly_paid', received_amount: '4000.00' });

    await supplier.finance.payments.record({
      partnerId: world.buyer.id,
      amount: '6000.00',
      currency: 'INR',
      receivedAt: today(),
      method: 'upi',
      reference: 'UPI-9',
      allocations: [{ invoiceId: invoice.id, amount: '6000.00' }],
    });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'paid', received_amount: '10000.00' });

    const payment = await supplier.finance.payments.get({ paymentId: first.id });
    expect(payment).toMatchObject({
      direction: 'received',
      method: 'neft_rtgs',
      amount: '4000.00',
      allocatedAmount: '4000.00',
      unallocated: '0.00',
    });
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: '4000.00', reversed: false })]);

    const buyerView = await world.buyer.members.viewer.caller.finance.payments.forInvoice({ invoiceId: invoice.id });
    expect(buyerView.side).toBe('buyer');
    expect(buyerView.allocations.map((row) => [row.recordedBy, row.amount, row.own, row.paymentId])).toEqual([
      ['supplier', '4000.00', false, null],
      ['supplier', '6000.00', false, null],
    ]);
    const supplierView = await world.supplier.members.viewer.caller.finance.payments.forInvoice({ invoiceId: invoice.id });
    expect(supplierView).toMatchObject({ side: 'supplier', balance: '0.00', status: 'paid' });
    expect(supplierView.allocations[0]?.paymentId).toBe(first.id);
  });

  it('records the buyer’s payment made against its purchase invoice', async () => {
    const world = await tradingPair(app, 'PayMade');
    const invoice = await insertIssuedInvoice(app, world, { total: '500.00' });
    const made = await world.buyer.members.staff.caller.finance.payments.record({
      partnerId: world.supplier.id,
      amount: '500',
      currency: 'INR',
      receivedAt: today(),
      method: 'cheque',
      reference: 'CHQ 000123',
      allocations: [{ invoiceId: invoice.id, amount: '500' }],
    });
    expect(made.number).toMatch(/^PAY-/);
    const row = await invoiceRow(invoice.id);
    // The buyer's own record of paying; the supplier's receipts (and the status they drive) are its own.
    expect(row).toMatchObject({ paid_amount: '500.00', received_amount: '0.00' });
    const view = await world.buyer.members.staff.caller.finance.payments.forInvoice({ invoiceId: invoice.id });
    expect(view).toMatchObject({ side: 'buyer', balance: '0.00' });
    expect(view.allocations[0]).toMatchObject({ own: true, recordedBy: 'buyer', paymentId: made.id });
  });

  it('refuses allocating more than an invoice still owes, naming the allocation, and writes nothing', async () => {
    const world = await tradingPair(app, 'PayOver');
    const invoice = await insertIssuedInvoice(app, world, { total: '1000.00' });
    const error = await failure(
      world.supplier.members.staff.caller.finance.payments.record({
        partnerId: world.buyer.id,
        amount: '1500',
        currency: 'INR',
        receivedAt: today(),
        method: 'cash',
        reference: '',
        allocations: [{ invoiceId: invoice.id, amount: '1000.01' }],
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.reason).toBe('OVER_ALLOCATION');
    expect(conflictField(error)).toBe('allocations.0.amount');
    expect(await paymentCount(world.supplier.id)).toBe(0);
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'issued', received_amount: '0.00' });
  });

  it('refuses allocations adding up to more than the payment', async () => {
    const world = await tradingPair(app, 'PayOverSum');
    const one = await insertIssuedInvoice(app, world, { total: '1000.00' });
    const two = await insertIssuedInvoice(app, world, { total: '1000.00' });
    const error = await failure(
      world.supplier.members.staff.caller.finance.payments.record({
        partnerId: world.buyer.id,
        amount: '1500',
        currency: 'INR',
        receivedAt: today(),
        method: 'cash',
        reference: '',
        allocations: [
          { invoiceId: one.id, amount: '1000' },
          { invoiceId: two.id, amount: '600' },
        ],
      }),
    );
    expect([error.code, error.reason, conflictField(error)]).toEqual(['CONFLICT', 'OVER_ALLOCATION', 'allocations']);
    expect(await paymentCount(world.supplier.id)).toBe(0);
  });

  it('refuses allocating across currencies', async () => {
    const world = await tradingPair(app, 'PayCurrency');
    const invoice = await insertIssuedInvoice(app, world, { total: '100.00', currency: 'USD' });
    const error = await failure(
      world.supplier.members.staff.caller.finance.payments.record({
        partnerId: world.buyer.id,
        amount: '100',
        currency: 'INR',
        receivedAt: today(),
        method: 'neft_rtgs',
        reference: 'X',
        allocations: [{ invoiceId: invoice.id, amount: '100' }],
      }),
    );
    expect([error.code, error.reason, conflictField(error)]).toEqual(['CONFLICT', 'CURRENCY_MISMATCH', 'allocations.0.invoiceId']);
    expect(await paymentCount(world.supplier.id)).toBe(0);
  });

  it('answers NOT_FOUND for another company’s invoice, another partner’s invoice and a company it does not trade with', async () => {
    const world = await tradingPair(app, 'PayForeign');
    const other = await tradingPair(app, 'PayForeignOther');
    const foreign = await insertIssuedInvoice(app, other, { total: '100.00' });
    const record = (partnerId: string, invoiceId: string) =>
      world.supplier.members.staff.caller.finance.payments.record({
        partnerId,
        amount: '100',
        currency: 'INR',
        receivedAt: today(),
        method: 'upi',
        reference: '',
        allocations: [{ invoiceId, amount: '100' }],
      });
    // Another pair's invoice offered as our buyer's.
    expect((await failure(record(world.buyer.id, foreign.id))).code).toBe('NOT_FOUND');
    // A company we have no link or invoice with.
    expect((await failure(record(other.buyer.id, foreign.id))).code).toBe('NOT_FOUND');
    const stranger = await createCompany(app, 'PayStranger');
    expect((await failure(stranger.members.owner.caller.finance.payments.forInvoice({ invoiceId: foreign.id }))).code).toBe('NOT_FOUND');
    const mine = await record(world.buyer.id, (await insertIssuedInvoice(app, world, { total: '100.00' })).id);
    expect((await failure(stranger.members.owner.caller.finance.payments.get({ paymentId: mine.id }))).code).toBe('NOT_FOUND');
    expect((await failure(stranger.members.owner.caller.finance.payments.reverse({ paymentId: mine.id, reason: 'not ours' }))).code).toBe(
      'NOT_FOUND',
    );
    expect(await paymentCount(world.supplier.id)).toBe(1);
  });

  it('keeps an advance unallocated and allocates it later', async () => {
    const world = await tradingPair(app, 'PayAdvance');
    const supplier = world.supplier.members.staff.caller;
    const advance = await supplier.finance.payments.record({
      partnerId: world.buyer.id,
      amount: '2500',
      currency: 'INR',
      receivedAt: today(),
      method: 'neft',
      reference: 'ADV',
      direction: 'received',
    });
    const listed = await supplier.finance.payments.list({ unallocated: true });
    expect(listed.items.map((row) => [row.id, row.unallocated])).toEqual([[advance.id, '2500.00']]);
    const invoice = await insertIssuedInvoice(app, world, { total: '2000.00' });
    await supplier.finance.payments.allocate({ paymentId: advance.id, allocations: [{ invoiceId: invoice.id, amount: '2000' }] });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'paid', received_amount: '2000.00' });
    const after = await supplier.finance.payments.get({ paymentId: advance.id });
    expect([after.allocatedAmount, after.unallocated]).toEqual(['2000.00', '500.00']);
    // The 500 left cannot go to the paid invoice.
    const again = await failure(
      supplier.finance.payments.allocate({ paymentId: advance.id, allocations: [{ invoiceId: invoice.id, amount: '1' }] }),
    );
    expect(again.reason).toBe('OVER_ALLOCATION');
  });

  it('reverses a payment: kept in history, allocations marked reversed, the invoice owes again', async () => {
    const world = await tradingPair(app, 'PayReverse');
    const invoice = await insertIssuedInvoice(app, world, { total: '3000.00' });
    const supplier = world.supplier.members.staff.caller;
    const payment = await supplier.finance.payments.record({
      partnerId: world.buyer.id,
      amount: '3000',
      currency: 'INR',
      receivedAt: today(),
      method: 'cheque',
      reference: 'CHQ 42',
      allocations: [{ invoiceId: invoice.id, amount: '3000' }],
    });
    expect((await invoiceRow(invoice.id)).status).toBe('paid');
    expect(
      (await failure(world.supplier.members.viewer.caller.finance.payments.reverse({ paymentId: payment.id, reason: 'bounced' }))).code,
    ).toBe('FORBIDDEN');
    await supplier.finance.payments.reverse({ paymentId: payment.id, reason: 'Cheque bounced' });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'issued', received_amount: '0.00' });
    const reversed = await supplier.finance.payments.get({ paymentId: payment.id });
    expect(reversed).toMatchObject({ status: 'reversed', reversalReason: 'Cheque bounced', allocatedAmount: '0.00' });
    expect(reversed.allocations).toEqual([expect.objectContaining({ amount: '3000.00', reversed: true })]);
    const again = await failure(supplier.finance.payments.reverse({ paymentId: payment.id, reason: 'twice' }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
    expect((await world.buyer.members.staff.caller.finance.payments.forInvoice({ invoiceId: invoice.id })).allocations[0]?.reversed).toBe(
      true,
    );
  });

  it('never over-allocates an invoice when two payments race for it', async () => {
    const world = await tradingPair(app, 'PayRace');
    const invoice = await insertIssuedInvoice(app, world, { total: '1000.00' });
    const record = (reference: string) =>
      world.supplier.members.staff.caller.finance.payments.record({
        partnerId: world.buyer.id,
        amount: '800',
        currency: 'INR',
        receivedAt: today(),
        method: 'upi',
        reference,
        allocations: [{ invoiceId: invoice.id, amount: '800' }],
      });
    const results = await Promise.allSettled([record('A'), record('B')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason.cause?.reason).toBe('OVER_ALLOCATION');
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: 'partly_paid', received_amount: '800.00' });
  });

  it('lists newest first, page by page, and a viewer may read but not record', async () => {
    const world = await tradingPair(app, 'PayList');
    const supplier = world.supplier.members.staff.caller;
    for (const days of [3, 2, 1]) {
      const receivedAt = new Date(app.clock.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);
      await supplier.finance.payments.record({
        partnerId: world.buyer.id,
        amount: `${days}00`,
        currency: 'INR',
        receivedAt,
        method: 'cash',
        reference: '',
        direction: 'received',
      });
    }
    const first = await world.supplier.members.viewer.caller.finance.payments.list({ limit: 2 });
    expect(first.items.map((row) => row.amount)).toEqual(['100.00', '200.00']);
    expect(first.nextCursor).not.toBeNull();
    const second = await world.supplier.members.viewer.caller.finance.payments.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((row) => row.amount)).toEqual(['300.00']);
    expect(second.nextCursor).toBeNull();
    const refused = await failure(
      world.supplier.members.viewer.caller.finance.payments.record({
        partnerId: world.buyer.id,
        amount: '1',
        currency: 'INR',
        receivedAt: today(),
        method: 'cash',
        direction: 'received',
      }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });
});

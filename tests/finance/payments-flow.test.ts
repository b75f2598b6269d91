import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { acceptedOrderWorld } from './finance-fixtures.ts';
import { dispatchOrder } from './invoice-fixtures.ts';

// Payments against invoices raised the real way: dispatch → invoices.create → invoices.issue.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

const today = () => app.clock.now().toISOString().slice(0, 10);

describe('paying an issued invoice', () => {
  it('part payment moves it to partly paid, the rest to paid; the buyer sees it; a reversal makes it owe again', async () => {
    const world = await acceptedOrderWorld(app, 'PayFlow');
    await dispatchOrder(app, world, '400');
    const supplier = world.supplier.members.staff.caller;
    const draft = await supplier.finance.invoices.create({ orderId: world.order.id });
    const issued = await supplier.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
    const record = (amount: string) =>
      supplier.finance.payments.record({
        partnerId: world.buyer.id,
        amount,
        currency: 'INR',
        receivedAt: today(),
        method: 'rtgs',
        reference: `UTR-${amount}`,
        allocations: [{ invoiceId: issued.id, amount }],
      });
    const part = await record('50000');
    expect((await world.buyer.members.viewer.caller.finance.invoices.get({ invoiceId: issued.id })).status).toBe('partly_paid');
    const [receivable] = await world.supplier.members.viewer.caller.finance.outstanding({ side: 'receivable' });
    expect(receivable).toMatchObject({ partnerId: world.buyer.id });
    expect(receivable?.outstanding).toBe((Number(issued.total) - 50000).toFixed(2));

    // More than remains is refused, naming the allocation.
    const over = await failure(record((Number(issued.total) - 50000 + 0.01).toFixed(2)));
    expect([over.code, over.reason]).toEqual(['CONFLICT', 'OVER_ALLOCATION']);

    await record((Number(issued.total) - 50000).toFixed(2));
    expect((await supplier.finance.invoices.get({ invoiceId: issued.id })).status).toBe('paid');
    expect(await world.supplier.members.viewer.caller.finance.outstanding({ side: 'receivable' })).toEqual([]);
    const seen = await world.buyer.members.viewer.caller.finance.payments.forInvoice({ invoiceId: issued.id });
    expect(seen.allocations.map((row) => row.recordedBy)).toEqual(['supplier', 'supplier']);

    await supplier.finance.payments.reverse({ paymentId: part.id, reason: 'RTGS returned' });
    expect((await supplier.finance.invoices.get({ invoiceId: issued.id })).status).toBe('partly_paid');
    const [again] = await world.supplier.members.viewer.caller.finance.outstanding({ side: 'receivable' });
    expect(again?.outstanding).toBe('50000.00');

    // A stranger cannot allocate to it.
    const stranger = await failure(
      world.stranger.members.owner.caller.finance.payments.record({
        partnerId: world.buyer.id,
        amount: '1',
        currency: 'INR',
        receivedAt: today(),
        method: 'cash',
        reference: '',
        allocations: [{ invoiceId: issued.id, amount: '1' }],
      }),
    );
    expect(stranger.code).toBe('NOT_FOUND');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { type AcceptedOrderWorld, acceptedOrderWorld } from './finance-fixtures.ts';
import { dispatchOrder, receiveOrder } from './invoice-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

async function issuedInvoice(world: AcceptedOrderWorld) {
  const draft = await world.supplier.members.staff.caller.finance.invoices.create({ orderId: world.order.id });
  return world.supplier.members.staff.caller.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
}

describe('the buyer’s three-way match', () => {
  it('matches an invoice within what was accepted at the order’s price, and approves it for payment', async () => {
    const world = await acceptedOrderWorld(app, 'MatchOk');
    await dispatchOrder(app, world, '300');
    await receiveOrder(app, world, '300');
    const issued = await issuedInvoice(world);
    const buyer = world.buyer.members.manager.caller.finance.invoices;
    expect((await buyer.get({ invoiceId: issued.id })).match).toMatchObject({ status: 'matched', flags: [], approvedForPaymentAt: null });
    const approved = await buyer.approveForPayment({ invoiceId: issued.id });
    expect(approved.match).toMatchObject({ status: 'matched', approvedForPaymentBy: world.buyer.members.manager.id });
    expect(await failure(buyer.approveForPayment({ invoiceId: issued.id }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'ILLEGAL_TRANSITION',
    });
    // The supplier never sees the buyer's approval.
    expect((await world.supplier.members.staff.caller.finance.invoices.get({ invoiceId: issued.id })).match).toBeNull();
  });

  it('flags quantities invoiced beyond what the buyer accepted, and needs the flags acknowledged', async () => {
    const world = await acceptedOrderWorld(app, 'MatchQty');
    await dispatchOrder(app, world, '300');
    await receiveOrder(app, world, '250');
    const issued = await issuedInvoice(world);
    const buyer = world.buyer.members.manager.caller.finance.invoices;
    const seen = await buyer.get({ invoiceId: issued.id });
    expect(seen.match).toMatchObject({
      status: 'flagged',
      flags: [{ kind: 'quantity_exceeds_accepted', lineNo: 1, invoiced: '300.000', allowed: '250.000' }],
    });
    expect(await failure(buyer.approveForPayment({ invoiceId: issued.id }))).toMatchObject({ code: 'CONFLICT', reason: 'MATCH_FLAGGED' });
    const approved = await buyer.approveForPayment({ invoiceId: issued.id, acknowledgeFlags: true });
    expect(approved.match?.status).toBe('flagged');
    expect(approved.match?.approvedForPaymentAt).not.toBeNull();
  });

  it('flags a unit price above the order’s', async () => {
    const world = await acceptedOrderWorld(app, 'MatchPrice');
    await dispatchOrder(app, world, '100');
    await receiveOrder(app, world, '100');
    const issued = await issuedInvoice(world);
    await app.db.updateTable('invoice_lines').set({ unit_price: '270.0000' }).where('invoice_id', '=', issued.id).execute();
    const seen = await world.buyer.members.manager.caller.finance.invoices.get({ invoiceId: issued.id });
    expect(seen.match?.flags).toEqual([
      { kind: 'price_exceeds_order', lineNo: 1, description: expect.any(String), invoiced: '270.0000', allowed: '265.5000' },
    ]);
  });

  it('is the buyer manager’s call: not staff’s, not the supplier’s, not another company’s', async () => {
    const world = await acceptedOrderWorld(app, 'MatchWho');
    await dispatchOrder(app, world, '100');
    const issued = await issuedInvoice(world);
    const approve = (caller: typeof world.buyer.members.staff.caller) =>
      caller.finance.invoices.approveForPayment({ invoiceId: issued.id });
    expect((await failure(approve(world.buyer.members.staff.caller))).code).toBe('FORBIDDEN');
    expect(await failure(approve(world.supplier.members.manager.caller))).toMatchObject({ code: 'FORBIDDEN', reason: 'WRONG_SIDE' });
    expect((await failure(approve(world.stranger.members.owner.caller))).code).toBe('NOT_FOUND');
  });
});

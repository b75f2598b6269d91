import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedOrderWorld } from '../finance/finance-fixtures.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

function only<T>(items: T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

async function deliveriesOf(orderId: string) {
  const rows = await app.db.selectFrom('deliveries').select('id').where('order_id', '=', orderId).execute();
  return rows.length;
}

async function fulfilmentOf(orderId: string) {
  const row = await app.db.selectFrom('orders').select('fulfilment').where('id', '=', orderId).executeTakeFirstOrThrow();
  return row.fulfilment;
}

describe('dispatching an accepted order', () => {
  it('ships it in two trucks, tracks what remains and the order’s fulfilment', async () => {
    const { buyer, supplier, order } = await acceptedOrderWorld(app, 'TwoTrucks');
    const line = only(order.lines);
    const dispatch = supplier.members.staff.caller.deliveries.dispatch;
    const first = await dispatch({
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: '600', bales: 35, lotNumbers: ['LOT-7'] }],
      transporter: 'Patel Roadways',
      vehicleNumber: 'gj01ab1234',
      lrNumber: 'LR-88',
      ewayBillNumber: '123456789012',
      dispatchDate: '2026-12-01',
    });
    expect(first.number).toMatch(/^DC-2026-\d{6}$/);
    expect(await fulfilmentOf(order.id)).toBe('partly_shipped');

    let remaining = await supplier.members.viewer.caller.deliveries.remaining({ orderId: order.id });
    expect(remaining.lines[0]).toMatchObject({ ordered: '1000.000', dispatched: '600.000', remaining: '400.000' });
    expect(remaining).toMatchObject({ fulfilment: 'partly_shipped', dispatchable: true });

    const second = await dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '400' }], vehicleNumber: 'GJ01CD9' });
    expect(second.number).not.toBe(first.number);
    expect(await fulfilmentOf(order.id)).toBe('shipped');
    remaining = await buyer.members.viewer.caller.deliveries.remaining({ orderId: order.id });
    expect(only(remaining.lines).remaining).toBe('0.000');

    // Both sides see both trucks; the buyer's view names its own PO number.
    const seen = await buyer.members.viewer.caller.deliveries.get({ deliveryId: first.id });
    expect(seen).toMatchObject({
      side: 'buyer',
      status: 'dispatched',
      vehicleNumber: 'GJ01AB1234',
      ewayBillNumber: '123456789012',
      partner: { id: supplier.id },
      actions: [],
    });
    expect(seen.lines[0]).toMatchObject({ quantity: '600.000', bales: 35, lotNumbers: ['LOT-7'] });
    const buyerOrder = await buyer.members.viewer.caller.orders.get({ orderId: order.id });
    expect(seen.orderNumber).toBe(buyerOrder.number);
    const incoming = await buyer.members.staff.caller.deliveries.list({ orderId: order.id, side: 'incoming' });
    expect(incoming.items.map((d) => d.id)).toEqual([second.id, first.id]);
    expect((await buyer.members.staff.caller.deliveries.list({ side: 'outgoing', orderId: order.id })).items).toEqual([]);
    const outgoing = await supplier.members.staff.caller.deliveries.list({ side: 'outgoing', limit: 1, orderId: order.id });
    expect(outgoing.items.map((d) => d.id)).toEqual([second.id]);
    const next = await supplier.members.staff.caller.deliveries.list({
      side: 'outgoing',
      limit: 1,
      orderId: order.id,
      cursor: outgoing.nextCursor ?? '',
    });
    expect(next.items.map((d) => d.id)).toEqual([first.id]);
    expect(only(next.items).totalQuantity).toBe('600.000');

    // The buyer was told of the dispatch.
    await app.runner.drain();
    const notices = await app.db
      .selectFrom('notifications')
      .select(['type', 'title', 'link_path'])
      .where('company_id', '=', buyer.id)
      .where('type', '=', 'delivery.dispatched')
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(only(notices).title).toContain(first.number);
    expect(only(notices).link_path).toBe(`/deliveries/${first.id}`);
  });

  it('refuses more than remains, naming the line’s quantity, and writes nothing', async () => {
    const { supplier, order } = await acceptedOrderWorld(app, 'OverDispatch');
    const line = only(order.lines);
    await supplier.members.staff.caller.deliveries.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '700' }] });
    const before = await deliveriesOf(order.id);
    const error = await failure(
      supplier.members.staff.caller.deliveries.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '300.001' }] }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.reason).toBe('QUANTITY_EXCEEDS_REMAINING');
    expect(fieldErrors(error)['lines.0.quantity']?.[0]).toContain('300.000');
    expect(await deliveriesOf(order.id)).toBe(before);
    expect(before).toBe(1);
    // A line of another order is named as such.
    const other = await acceptedOrderWorld(app, 'OtherOrder');
    const foreign = await failure(
      supplier.members.staff.caller.deliveries.dispatch({
        orderId: order.id,
        lines: [{ orderLineId: only(other.order.lines).id, quantity: '1' }],
      }),
    );
    expect(fieldErrors(foreign)['lines.0.orderLineId']).toBeDefined();
  });

  it('never lets concurrent dispatches of one order exceed it', async () => {
    const { supplier, order } = await acceptedOrderWorld(app, 'Race');
    const line = only(order.lines);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        supplier.members.staff.caller.deliveries.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '300' }] }),
      ),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    expect(succeeded).toHaveLength(3);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason.cause?.reason).toBe('QUANTITY_EXCEEDS_REMAINING');
    }
    const remaining = await supplier.members.staff.caller.deliveries.remaining({ orderId: order.id });
    expect(remaining.lines[0]).toMatchObject({ dispatched: '900.000', remaining: '100.000' });
  });

  it('dispatches only an accepted (or running) order, and only from the supplier side', async () => {
    const { buyer, supplier, order } = await acceptedOrderWorld(app, 'States');
    const line = only(order.lines);
    const byBuyer = await failure(
      buyer.members.owner.caller.deliveries.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '1' }] }),
    );
    expect(byBuyer).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_SIDE' });
    const current = await supplier.members.staff.caller.orders.get({ orderId: order.id });
    await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'cancel', version: current.version });
    const cancelled = await failure(
      supplier.members.staff.caller.deliveries.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '1' }] }),
    );
    expect(cancelled).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect((await supplier.members.staff.caller.deliveries.remaining({ orderId: order.id })).dispatchable).toBe(false);
  });
});

describe('the buyer’s goods receipt', () => {
  it('records accepted and rejected quantities with a reason, and the order becomes delivered', async () => {
    const { buyer, supplier, order } = await acceptedOrderWorld(app, 'Receipt');
    const line = only(order.lines);
    const truck1 = await supplier.members.staff.caller.deliveries.dispatch({
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: '600' }],
    });
    const truck2 = await supplier.members.staff.caller.deliveries.dispatch({
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: '400' }],
    });
    const receive = buyer.members.staff.caller.deliveries.receive;

    // accepted + rejected must equal what was dispatched; a rejection needs its reason.
    const wrongSum = await failure(
      receive({ deliveryId: truck1.id, lines: [{ orderLineId: line.id, acceptedQuantity: '500', rejectedQuantity: '50' }] }),
    );
    expect(fieldErrors(wrongSum)['lines.0.acceptedQuantity']).toBeDefined();
    const noReason = await failure(
      receive({ deliveryId: truck1.id, lines: [{ orderLineId: line.id, acceptedQuantity: '550', rejectedQuantity: '50' }] }),
    );
    expect(fieldErrors(noReason)['lines.0.reason']).toBeDefined();
    // The supplier does not record the buyer's receipt; a viewer records nothing.
    expect(
      (
        await failure(
          supplier.members.owner.caller.deliveries.receive({
            deliveryId: truck1.id,
            lines: [{ orderLineId: line.id, acceptedQuantity: '600', rejectedQuantity: '0' }],
          }),
        )
      ).reason,
    ).toBe('WRONG_SIDE');
    expect(
      (
        await failure(
          buyer.members.viewer.caller.deliveries.receive({
            deliveryId: truck1.id,
            lines: [{ orderLineId: line.id, acceptedQuantity: '600', rejectedQuantity: '0' }],
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');

    expect((await buyer.members.staff.caller.deliveries.get({ deliveryId: truck1.id })).actions).toEqual(['receive']);
    const received = await receive({
      deliveryId: truck1.id,
      lines: [{ orderLineId: line.id, acceptedQuantity: '550', rejectedQuantity: '50', reason: 'Failed re-test on micronaire' }],
    });
    expect(received).toMatchObject({ status: 'received', actions: [] });
    expect(received.receiptNumber).toMatch(/^GRN-/);
    expect(received.lines[0]).toMatchObject({
      acceptedQuantity: '550.000',
      rejectedQuantity: '50.000',
      rejectionReason: 'Failed re-test on micronaire',
    });
    expect(await fulfilmentOf(order.id)).toBe('partly_delivered');

    // Received once only; a received delivery cannot be cancelled.
    expect(
      (await failure(receive({ deliveryId: truck1.id, lines: [{ orderLineId: line.id, acceptedQuantity: '600', rejectedQuantity: '0' }] })))
        .code,
    ).toBe('CONFLICT');
    expect((await failure(supplier.members.staff.caller.deliveries.cancel({ deliveryId: truck1.id }))).reason).toBe('ILLEGAL_TRANSITION');

    await receive({ deliveryId: truck2.id, lines: [{ orderLineId: line.id, acceptedQuantity: '400', rejectedQuantity: '0' }] });
    expect(await fulfilmentOf(order.id)).toBe('delivered');
    const remaining = await supplier.members.staff.caller.deliveries.remaining({ orderId: order.id });
    expect(remaining.lines[0]).toMatchObject({ received: '1000.000', accepted: '950.000', rejected: '50.000' });
    expect(remaining.fulfilment).toBe('delivered');
  });

  it('lets the supplier cancel a delivery before receipt, freeing its quantity', async () => {
    const { buyer, supplier, order } = await acceptedOrderWorld(app, 'Cancel');
    const line = only(order.lines);
    const truck = await supplier.members.staff.caller.deliveries.dispatch({
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: '1000' }],
    });
    expect(await fulfilmentOf(order.id)).toBe('shipped');
    expect((await failure(buyer.members.owner.caller.deliveries.cancel({ deliveryId: truck.id }))).reason).toBe('WRONG_SIDE');
    expect((await failure(supplier.members.viewer.caller.deliveries.cancel({ deliveryId: truck.id }))).code).toBe('FORBIDDEN');
    const cancelled = await supplier.members.staff.caller.deliveries.cancel({ deliveryId: truck.id, reason: 'Truck broke down' });
    expect(cancelled.status).toBe('cancelled');
    expect(await fulfilmentOf(order.id)).toBe('none');
    expect((await supplier.members.staff.caller.deliveries.remaining({ orderId: order.id })).lines[0]?.remaining).toBe('1000.000');
    const status = await buyer.members.staff.caller.deliveries.list({ orderId: order.id, status: 'cancelled' });
    expect(status.items.map((d) => d.id)).toEqual([truck.id]);
  });
});

describe('who sees and acts on deliveries', () => {
  it('keeps other companies out (NOT_FOUND) and viewers from writing (FORBIDDEN)', async () => {
    const { supplier, stranger, order } = await acceptedOrderWorld(app, 'Access');
    const line = only(order.lines);
    const truck = await supplier.members.staff.caller.deliveries.dispatch({
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: '10' }],
    });
    const outsider = stranger.members.owner.caller.deliveries;
    expect((await failure(outsider.get({ deliveryId: truck.id }))).code).toBe('NOT_FOUND');
    expect((await failure(outsider.remaining({ orderId: order.id }))).code).toBe('NOT_FOUND');
    expect((await failure(outsider.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '1' }] }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (
        await failure(
          outsider.receive({ deliveryId: truck.id, lines: [{ orderLineId: line.id, acceptedQuantity: '10', rejectedQuantity: '0' }] }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect((await failure(outsider.cancel({ deliveryId: truck.id }))).code).toBe('NOT_FOUND');
    expect((await outsider.list({})).items).toEqual([]);
    expect(
      (
        await failure(
          supplier.members.viewer.caller.deliveries.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '1' }] }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('limits a branch-limited member to its branches’ deliveries', async () => {
    const { supplier, order } = await acceptedOrderWorld(app, 'Branches');
    const line = only(order.lines);
    const head = await app.db.selectFrom('branches').select('id').where('company_id', '=', supplier.id).executeTakeFirstOrThrow();
    const mill = await supplier.members.admin.caller.companies.branches.create({ name: 'Spinning mill', country: 'IN' });
    const fromHead = await supplier.members.manager.caller.deliveries.dispatch({
      orderId: order.id,
      branchId: head.id,
      lines: [{ orderLineId: line.id, quantity: '100' }],
    });
    await app.db
      .updateTable('memberships')
      .set({ branch_ids: [mill.id] })
      .where('user_id', '=', supplier.members.staff.id)
      .execute();
    const staff = supplier.members.staff.caller.deliveries;

    expect((await failure(staff.get({ deliveryId: fromHead.id }))).code).toBe('NOT_FOUND');
    expect((await failure(staff.cancel({ deliveryId: fromHead.id }))).code).toBe('NOT_FOUND');
    const refused = await failure(
      staff.dispatch({ orderId: order.id, branchId: head.id, lines: [{ orderLineId: line.id, quantity: '1' }] }),
    );
    expect(fieldErrors(refused).branchId).toBeDefined();

    // Without a branch named, the member dispatches from its own.
    const fromMill = await staff.dispatch({ orderId: order.id, lines: [{ orderLineId: line.id, quantity: '50' }] });
    expect((await staff.get({ deliveryId: fromMill.id })).supplierBranch?.id).toBe(mill.id);
    expect((await staff.list({ orderId: order.id })).items.map((d) => d.id)).toEqual([fromMill.id]);
    // An unrestricted member sees both.
    expect((await supplier.members.manager.caller.deliveries.list({ orderId: order.id })).items).toHaveLength(2);
  });
});

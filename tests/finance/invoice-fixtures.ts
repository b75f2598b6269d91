import { dec } from '@tradeloom/shared';
import type { TestApp } from '../harness/app.ts';
import type { AcceptedOrderWorld } from './finance-fixtures.ts';

// Goods on their way for invoicing tests: a truck with part of the world's order, and the buyer's
// receipt of it, through the deliveries module's own procedures.

const trucks = new WeakMap<AcceptedOrderWorld, string[]>();

/** The supplier dispatches `quantity` of the order's line in one truck. */
export async function dispatchOrder(_app: TestApp, world: AcceptedOrderWorld, quantity: string): Promise<string> {
  const line = world.order.lines[0];
  if (!line) throw new Error('the world has no order line');
  const delivery = await world.supplier.members.staff.caller.deliveries.dispatch({
    orderId: world.order.id,
    lines: [{ orderLineId: line.id, quantity }],
    transporter: 'Test Roadways',
  });
  trucks.set(world, [...(trucks.get(world) ?? []), delivery.id]);
  return delivery.id;
}

/** The buyer receives every truck dispatched so far: `accepted` of each accepted, the rest rejected. */
export async function receiveOrder(_app: TestApp, world: AcceptedOrderWorld, accepted: string): Promise<void> {
  const line = world.order.lines[0];
  if (!line) throw new Error('the world has no order line');
  for (const deliveryId of trucks.get(world) ?? []) {
    const delivery = await world.buyer.members.staff.caller.deliveries.get({ deliveryId });
    const shipped = delivery.lines.find((l) => l.orderLineId === line.id)?.quantity ?? '0';
    await world.buyer.members.staff.caller.deliveries.receive({
      deliveryId,
      lines: [
        {
          orderLineId: line.id,
          acceptedQuantity: accepted,
          rejectedQuantity: dec(shipped).minus(accepted).toFixed(3),
          reason: dec(shipped).greaterThan(accepted) ? 'Failed re-test on micronaire' : undefined,
        },
      ],
    });
  }
  trucks.set(world, []);
}

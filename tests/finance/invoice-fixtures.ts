import type { TestApp } from '../harness/app.ts';
import type { AcceptedOrderWorld } from './finance-fixtures.ts';

let truck = 0;

/**
 * Records a truck leaving with `quantity` of the world's order line. Until the deliveries module's
 * `deliveries.dispatch` lands here this writes the rows the deliveries module would write.
 */
export async function dispatchOrder(app: TestApp, world: AcceptedOrderWorld, quantity: string): Promise<void> {
  const line = world.order.lines[0];
  if (!line) throw new Error('the world has no order line');
  truck += 1;
  const delivery = await app.db
    .insertInto('deliveries')
    .values({
      supplier_company_id: world.supplier.id,
      buyer_company_id: world.buyer.id,
      order_id: world.order.id,
      number: `DC-TEST-${Date.now()}-${truck}`,
      dispatch_date: new Date().toISOString().slice(0, 10),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db
    .insertInto('delivery_lines')
    .values({ delivery_id: delivery.id, line_no: 1, order_line_id: line.id, description: 'yarn', quantity, unit: 'kg' })
    .execute();
}

/** The buyer's receipt of every open delivery of the world's order: `accepted` of each line accepted, the rest rejected. */
export async function receiveOrder(app: TestApp, world: AcceptedOrderWorld, accepted: string): Promise<void> {
  const deliveries = await app.db
    .selectFrom('deliveries')
    .select('id')
    .where('order_id', '=', world.order.id)
    .where('status', '=', 'dispatched')
    .execute();
  for (const delivery of deliveries) {
    await app.db
      .updateTable('delivery_lines')
      .set((eb) => ({ accepted_quantity: accepted, rejected_quantity: eb('quantity', '-', accepted) }))
      .where('delivery_id', '=', delivery.id)
      .execute();
    await app.db.updateTable('deliveries').set({ status: 'received' }).where('id', '=', delivery.id).execute();
  }
}

import type { Executor } from '@tradeloom/db';
import { dec, type OrderFulfilment, type OrderStatus } from '@tradeloom/shared';
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { OrderLineDeliveryTotals } from '../deliveries/delivery-quantities.ts';
import { findPartyOrder } from './orders.repository.ts';

// The orders module owns `orders.fulfilment`; deliveries tell it what happened to the goods and
// it derives how far the order has gone. The order's own status is left to its parties.

/** Statuses in which the supplier may (still) dispatch goods against the order. */
export const DISPATCHABLE_ORDER_STATUSES: readonly OrderStatus[] = ['accepted', 'in_progress', 'shipped'];

/**
 * An order one party may see, its row locked until the caller's transaction ends: concurrent
 * dispatches (or receipts) of one order queue up behind each other.
 */
export function lockPartyOrder(trx: Executor, orderId: string, companyId: string) {
  return findPartyOrder(trx, orderId, companyId).forUpdate().executeTakeFirst();
}

/** An order's lines, in order, with what the supplier may ship of each. */
export function orderLinesForDelivery(db: Executor, orderId: string) {
  return db
    .selectFrom('order_lines')
    .select(['id', 'line_no as lineNo', 'description', 'quantity', 'unit'])
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
}

/** How far the goods of an order have gone, from its lines and their delivery totals. */
export function fulfilmentOf(lines: { id: string; quantity: string }[], totals: Map<string, OrderLineDeliveryTotals>): OrderFulfilment {
  let anyDispatched = false;
  let allDispatched = true;
  let anyReceived = false;
  let allReceived = true;
  for (const line of lines) {
    const total = totals.get(line.id);
    const dispatched = dec(total?.dispatched ?? '0');
    const received = dec(total?.received ?? '0');
    if (dispatched.gt(0)) anyDispatched = true;
    if (dispatched.lt(line.quantity)) allDispatched = false;
    if (received.gt(0)) anyReceived = true;
    if (received.lt(line.quantity)) allReceived = false;
  }
  if (allReceived && lines.length > 0) return 'delivered';
  if (anyReceived) return 'partly_delivered';
  if (allDispatched && lines.length > 0) return 'shipped';
  return anyDispatched ? 'partly_shipped' : 'none';
}

/** Re-derives and stores an order's fulfilment; answers the new value. Runs in the caller's transaction. */
export async function refreshOrderFulfilment(
  trx: Executor,
  orderId: string,
  totals: Map<string, OrderLineDeliveryTotals>,
): Promise<OrderFulfilment> {
  const lines = await orderLinesForDelivery(trx, orderId);
  const fulfilment = fulfilmentOf(lines, totals);
  await trx.updateTable('orders').set({ fulfilment }).where('id', '=', orderId).where('fulfilment', '<>', fulfilment).execute();
  return fulfilment;
}

/** An order's number as one side knows it (the supplier's SO, the buyer's PO), as a scalar subquery. */
export function orderNumberOf(orderId: Expression<string | null>, side: Expression<'supplier' | 'buyer'>): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select case when ${side} = 'supplier' then orders.supplier_number else orders.buyer_number end from orders where orders.id = ${orderId})`;
}

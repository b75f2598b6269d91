import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';

/** What has happened to one order line's goods so far, over deliveries that were not cancelled. */
export interface OrderLineDeliveryTotals {
  orderLineId: string;
  dispatched: string;
  /** Of the dispatched quantity, what the buyer has recorded a receipt for. */
  received: string;
  accepted: string;
  rejected: string;
}

/**
 * Per order line of one order: dispatched, received, accepted and rejected quantities. Finance
 * invoices at most what was dispatched and matches invoices against what was accepted; it reads
 * these figures through this function, never the deliveries tables.
 */
export async function orderLineDeliveryTotals(db: Executor, orderId: string): Promise<Map<string, OrderLineDeliveryTotals>> {
  const rows = await db
    .selectFrom('delivery_lines as l')
    .innerJoin('deliveries as d', 'd.id', 'l.delivery_id')
    .select([
      'l.order_line_id as orderLineId',
      sql<string>`coalesce(sum(l.quantity), 0)::text`.as('dispatched'),
      sql<string>`coalesce(sum(l.quantity) filter (where d.status = 'received'), 0)::text`.as('received'),
      sql<string>`coalesce(sum(l.accepted_quantity), 0)::text`.as('accepted'),
      sql<string>`coalesce(sum(l.rejected_quantity), 0)::text`.as('rejected'),
    ])
    .where('d.order_id', '=', orderId)
    .where('d.status', '<>', 'cancelled')
    .where('l.order_line_id', 'is not', null)
    .groupBy('l.order_line_id')
    .execute();
  return new Map(rows.map((row) => [row.orderLineId as string, { ...row, orderLineId: row.orderLineId as string }]));
}

/** One line of a contract delivery that was not cancelled: what went in that truck, and what the buyer accepted. */
export interface ContractDeliveryLineTotals {
  deliveryLineId: string;
  deliveryId: string;
  deliveryNumber: string;
  dispatchDate: string;
  description: string;
  unit: string;
  dispatched: string;
  accepted: string | null;
}

/**
 * The lines of a contract's deliveries (dispatched or received, not cancelled), oldest truck first.
 * Finance invoices a contract from these lines, never more than each dispatched; it reads them
 * through this function, never the deliveries tables.
 */
export async function contractDeliveryLineTotals(db: Executor, contractId: string): Promise<ContractDeliveryLineTotals[]> {
  return db
    .selectFrom('delivery_lines as l')
    .innerJoin('deliveries as d', 'd.id', 'l.delivery_id')
    .select([
      'l.id as deliveryLineId',
      'd.id as deliveryId',
      'd.number as deliveryNumber',
      'd.dispatch_date as dispatchDate',
      'l.description',
      'l.unit',
      sql<string>`l.quantity::text`.as('dispatched'),
      sql<string | null>`l.accepted_quantity::text`.as('accepted'),
    ])
    .where('d.contract_id', '=', contractId)
    .where('d.status', '<>', 'cancelled')
    .where('l.order_line_id', 'is', null)
    .orderBy('d.dispatch_date')
    .orderBy('d.created_at')
    .orderBy('l.line_no')
    .execute();
}

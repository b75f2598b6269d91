import type { Executor } from '@tradeloom/db';
import { findPartyOrder } from './orders.repository.ts';

// What finance reads of an order to invoice it: the order (locked, so concurrent invoices of one
// order queue behind each other) and its lines with their prices and HSN rates.

/** The order as the acting party sees it, locked for the caller's transaction; undefined when not visible. */
export function lockPartyOrderForInvoicing(trx: Executor, orderId: string, companyId: string) {
  return findPartyOrder(trx, orderId, companyId).forUpdate().executeTakeFirst();
}

/** The order as the acting party sees it, without a lock (for reads). */
export function findOrderForInvoicing(db: Executor, orderId: string, companyId: string) {
  return findPartyOrder(db, orderId, companyId).executeTakeFirst();
}

export function orderLinesForInvoicing(db: Executor, orderId: string) {
  return db
    .selectFrom('order_lines')
    .select([
      'id',
      'line_no as lineNo',
      'product_id as productId',
      'description',
      'quantity',
      'unit',
      'unit_price as unitPrice',
      'discount_percent as discountPercent',
      'hsn_code as hsnCode',
      'tax_rate as taxRate',
    ])
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
}

/** The order's number for a party, and its parties, for showing on an invoice. */
export function orderNumbersOf(db: Executor, orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orders')
    .select(['id', 'buyer_number as buyerNumber', 'supplier_number as supplierNumber'])
    .where('id', 'in', orderIds)
    .execute();
}

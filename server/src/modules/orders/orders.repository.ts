import type { Database, Executor, Tx } from '@tradeloom/db';
import type { OrderSide } from '@tradeloom/shared';
import { type Expression, type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import { companyNameOf } from '../companies/company-reads.ts';
import type { OrderTotals, PricedLine } from './order-pricing.ts';

export const DOC_TYPE: Record<OrderSide, string> = { buyer: 'PO', supplier: 'SO' };

/**
 * An order as one party may see it. A party sees an order once it holds its own number for it:
 * the creating side from the start, the other side from the moment the order was submitted to
 * it (a draft cancelled before that stays the creator's). Anything else is not found.
 */
export function findPartyOrder(db: Executor, orderId: string, companyId: string) {
  return db.selectFrom('orders').selectAll('orders').where('orders.id', '=', orderId).where(visibleTo(companyId));
}

/** The visibility rule as a condition on `orders`, for queries that reach orders through a join. */
export function visibleTo(companyId: string) {
  return (eb: ExpressionBuilder<Database, 'orders'>) =>
    eb.or([
      eb.and([eb('orders.buyer_company_id', '=', companyId), eb('orders.buyer_number', 'is not', null)]),
      eb.and([eb('orders.supplier_company_id', '=', companyId), eb('orders.supplier_number', 'is not', null)]),
    ]);
}

/** The companies that can see the order now: the audience of its live updates. */
export function partiesSeeing(order: {
  buyer_company_id: string;
  supplier_company_id: string;
  buyer_number: string | null;
  supplier_number: string | null;
}): string[] {
  return [...(order.buyer_number ? [order.buyer_company_id] : []), ...(order.supplier_number ? [order.supplier_company_id] : [])];
}

export function sideIn(order: { buyer_company_id: string }, companyId: string): OrderSide {
  return order.buyer_company_id === companyId ? 'buyer' : 'supplier';
}

/** A line of an order this company sells and may see: the lines production may plan against. */
export function findSalesOrderLine(db: Executor, lineId: string, companyId: string) {
  return db
    .selectFrom('order_lines as l')
    .innerJoin('orders', 'orders.id', 'l.order_id')
    .select('l.id')
    .where('l.id', '=', lineId)
    .where('orders.supplier_company_id', '=', companyId)
    .where(visibleTo(companyId))
    .executeTakeFirst();
}

/** The seller's number of the order a line belongs to, as a scalar subquery for another module's select. */
export function salesOrderNumberOfLine(lineId: Expression<string | null>) {
  return sql<
    string | null
  >`(select orders.supplier_number from order_lines join orders on orders.id = order_lines.order_id where order_lines.id = ${lineId})`;
}

/** The order a line belongs to, as a scalar subquery (a work order links to its sales order). */
export function orderIdOfLine(lineId: Expression<string | null>) {
  return sql<string | null>`(select order_lines.order_id from order_lines where order_lines.id = ${lineId})`;
}

/** Lines of this company's accepted or running sales orders, newest order first, with the buyer. */
export function openSalesOrderLines(db: Executor, companyId: string) {
  return db
    .selectFrom('order_lines as l')
    .innerJoin('orders', 'orders.id', 'l.order_id')
    .select([
      'l.id as lineId',
      'orders.id as orderId',
      'orders.supplier_number as orderNumber',
      companyNameOf(sql.ref('orders.buyer_company_id')).as('buyerName'),
      'l.product_id as productId',
      'l.description',
      'l.quantity',
      'l.unit',
    ])
    .where('orders.supplier_company_id', '=', companyId)
    .where(visibleTo(companyId))
    .where('orders.status', 'in', ['accepted', 'in_progress'])
    .orderBy('orders.created_at', 'desc')
    .orderBy('l.line_no');
}

/** Writes an order's lines; an update first removes the ones it replaces. */
export async function writeLines(trx: Tx, orderId: string, priced: PricedLine[], totals: OrderTotals, replacing: boolean) {
  if (replacing) await trx.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
  await trx
    .insertInto('order_lines')
    .values(
      priced.map((line, index) => {
        const t = totals.lines[index];
        if (!t) throw new Error('line totals missing');
        return {
          order_id: orderId,
          line_no: index + 1,
          product_id: line.productId ?? null,
          description: line.description,
          quantity: line.quantity,
          unit: line.unit,
          unit_price: line.unitPrice,
          discount_percent: line.discountPercent ?? '0',
          hsn_code: line.hsnCode ?? null,
          tax_rate: line.taxRate,
          gross: t.gross,
          discount: t.discount,
          taxable: t.taxable,
          cgst: t.cgst,
          sgst: t.sgst,
          igst: t.igst,
          tax: t.tax,
          total: t.total,
        };
      }),
    )
    .execute();
}

/** Whether the file is attached to an order this company can see. */
export async function isFileOnVisibleOrder(db: Executor, fileId: string, companyId: string): Promise<boolean> {
  const attached = await db
    .selectFrom('order_attachments as a')
    .innerJoin('orders', 'orders.id', 'a.order_id')
    .select('a.file_id')
    .where('a.file_id', '=', fileId)
    .where(visibleTo(companyId))
    .executeTakeFirst();
  return attached !== undefined;
}

/**
 * The order's number as this company knows it (its PO or SO number), as a scalar subquery for
 * another module's select — the audit log names orders by number, not id.
 */
export function orderNumberOf(orderId: Expression<string>, companyId: string): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select case when orders.buyer_company_id = ${companyId} then orders.buyer_number else orders.supplier_number end from orders where orders.id = ${orderId})`;
}

/** The buyer's branch an order ships to: the buyer's members tied to other branches are not told of it. */
export function findOrderShipTo(db: Executor, orderId: string) {
  return db
    .selectFrom('orders')
    .select(['buyer_company_id as buyerCompanyId', 'ship_to_branch_id as shipToBranchId'])
    .where('id', '=', orderId)
    .executeTakeFirst();
}

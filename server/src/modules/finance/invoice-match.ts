import type { Executor } from '@tradeloom/db';
import { dec, type InvoiceMatchFlag, money } from '@tradeloom/shared';
import { sql } from 'kysely';
import { orderLineDeliveryTotals } from '../deliveries/delivery-quantities.ts';
import { orderLinesForInvoicing } from '../orders/order-invoicing.ts';

// The buyer's three-way match: order ↔ goods receipt ↔ invoice. A line is flagged when the
// quantity invoiced so far (this invoice and the ones issued before it) is more than the buyer
// accepted on its receipts, or when its unit price is above the order's.

export interface InvoiceMatch {
  status: 'not_applicable' | 'matched' | 'flagged';
  flags: InvoiceMatchFlag[];
}

export async function threeWayMatch(
  db: Executor,
  invoice: { id: string; order_id: string | null; issued_at: Date | null },
): Promise<InvoiceMatch> {
  if (!invoice.order_id) return { status: 'not_applicable', flags: [] };
  const lines = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoice.id).orderBy('line_no').execute();
  const orderLines = new Map((await orderLinesForInvoicing(db, invoice.order_id)).map((line) => [line.id, line]));
  const received = await orderLineDeliveryTotals(db, invoice.order_id);
  const issuedAt = invoice.issued_at ?? new Date();
  const invoicedRows = await db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['l.order_line_id as orderLineId', sql<string>`coalesce(sum(l.quantity), 0)::text`.as('quantity')])
    .where('i.order_id', '=', invoice.order_id)
    .where('i.status', 'not in', ['draft', 'cancelled'])
    .where((eb) => eb.or([eb('i.id', '=', invoice.id), eb('i.issued_at', '<=', issuedAt)]))
    .where('l.order_line_id', 'is not', null)
    .groupBy('l.order_line_id')
    .execute();
  const invoicedSoFar = new Map(invoicedRows.map((row) => [row.orderLineId as string, row.quantity]));
  const flags: InvoiceMatchFlag[] = [];
  for (const line of lines) {
    if (!line.order_line_id) continue;
    const invoiced = invoicedSoFar.get(line.order_line_id) ?? line.quantity;
    const accepted = received.get(line.order_line_id)?.accepted ?? '0';
    if (dec(invoiced).greaterThan(accepted)) {
      flags.push({
        kind: 'quantity_exceeds_accepted',
        lineNo: line.line_no,
        description: line.description,
        invoiced: money(invoiced, 3),
        allowed: money(accepted, 3),
      });
    }
    const ordered = orderLines.get(line.order_line_id);
    if (ordered && dec(line.unit_price).greaterThan(ordered.unitPrice)) {
      flags.push({
        kind: 'price_exceeds_order',
        lineNo: line.line_no,
        description: line.description,
        invoiced: money(line.unit_price, 4),
        allowed: money(ordered.unitPrice, 4),
      });
    }
  }
  return { status: flags.length ? 'flagged' : 'matched', flags };
}

import type { TestApp } from '../harness/app.ts';
import type { AcceptedOrderWorld } from './finance-fixtures.ts';

// An issued tax invoice for the world's whole order, through the real procedures:
// deliveries.dispatch → finance.invoices.create → finance.invoices.issue.

export interface IssuedInvoice {
  id: string;
  number: string;
  total: string;
  lines: { id: string; quantity: string; taxable: string; total: string }[];
}

export async function issuedInvoice(world: AcceptedOrderWorld): Promise<IssuedInvoice> {
  const supplier = world.supplier.members.staff.caller;
  await supplier.deliveries.dispatch({
    orderId: world.order.id,
    lines: world.order.lines.map((line) => ({ orderLineId: line.id, quantity: line.quantity })),
    transporter: 'Shree Roadways',
    vehicleNumber: 'GJ01AB1234',
  });
  const draft = await supplier.finance.invoices.create({ orderId: world.order.id });
  const issued = await supplier.finance.invoices.issue({ invoiceId: draft.id, version: draft.version });
  const invoice = await supplier.finance.invoices.get({ invoiceId: issued.id });
  return {
    id: invoice.id,
    number: invoice.number ?? '',
    total: invoice.total,
    lines: invoice.lines.map((line) => ({ id: line.id, quantity: line.quantity, taxable: line.taxable, total: line.total })),
  };
}

/** The invoice's running figures as refreshInvoiceBalance keeps them. */
export function invoiceFigures(app: TestApp, invoiceId: string) {
  return app.db
    .selectFrom('invoices')
    .select(['status', 'total', 'credited_amount', 'debited_amount', 'disputed_amount', 'received_amount'])
    .where('id', '=', invoiceId)
    .executeTakeFirstOrThrow();
}

/** How many notes an invoice has: a refused call must leave it unchanged. */
export async function noteCount(app: TestApp, invoiceId: string): Promise<number> {
  const rows = await app.db.selectFrom('invoice_notes').select('id').where('invoice_id', '=', invoiceId).execute();
  return rows.length;
}

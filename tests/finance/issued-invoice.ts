import { calendarDate, computeLine, money, sum } from '@tradeloom/shared';
import type { TestApp } from '../harness/app.ts';
import type { AcceptedOrderWorld } from './finance-fixtures.ts';

// TEST-ONLY FIXTURE (until finance.invoices.create/issue land from branch `inv`): an issued tax
// invoice for the world's whole order, written through the harness's db handle with the order
// lines' own rates and the order's tax regime. Swap for deliveries.dispatch → finance.invoices.create
// → finance.invoices.issue once those procedures exist.

export interface IssuedInvoice {
  id: string;
  number: string;
  total: string;
  lines: { id: string; quantity: string; taxable: string; total: string }[];
}

export async function issuedInvoice(app: TestApp, world: AcceptedOrderWorld): Promise<IssuedInvoice> {
  const order = await app.db.selectFrom('orders').selectAll().where('id', '=', world.order.id).executeTakeFirstOrThrow();
  const orderLines = await app.db.selectFrom('order_lines').selectAll().where('order_id', '=', order.id).orderBy('line_no').execute();
  const computed = orderLines.map((line) =>
    computeLine(
      { quantity: line.quantity, unitPrice: line.unit_price, discountPercent: line.discount_percent, taxRate: line.tax_rate },
      order.tax_regime,
    ),
  );
  const total = (key: 'gross' | 'taxable' | 'cgst' | 'sgst' | 'igst' | 'tax' | 'total') => money(sum(computed.map((line) => line[key])));
  const today = calendarDate(app.clock.now(), 'Asia/Kolkata');
  const number = `INV-TEST/${Math.random().toString().slice(2, 10)}`;
  const invoice = await app.db
    .insertInto('invoices')
    .values({
      supplier_company_id: world.supplier.id,
      buyer_company_id: world.buyer.id,
      order_id: order.id,
      number,
      financial_year: 'test',
      status: 'issued',
      invoice_date: today,
      due_date: today,
      currency: order.currency,
      tax_regime: order.tax_regime,
      subtotal: total('gross'),
      taxable: total('taxable'),
      cgst: total('cgst'),
      sgst: total('sgst'),
      igst: total('igst'),
      tax: total('tax'),
      total: total('total'),
      issued_at: app.clock.now(),
    })
    .returning(['id', 'number', 'total'])
    .executeTakeFirstOrThrow();
  const lines = await app.db
    .insertInto('invoice_lines')
    .values(
      orderLines.map((line, index) => {
        const figures = computed[index] ?? computeLine({ quantity: '0', unitPrice: '0', taxRate: '0' }, order.tax_regime);
        return {
          invoice_id: invoice.id,
          line_no: index + 1,
          order_line_id: line.id,
          product_id: line.product_id,
          description: line.description,
          hsn_code: line.hsn_code,
          quantity: line.quantity,
          unit: line.unit,
          unit_price: line.unit_price,
          discount_percent: line.discount_percent,
          tax_rate: line.tax_rate,
          gross: figures.gross,
          discount: figures.discount,
          taxable: figures.taxable,
          cgst: figures.cgst,
          sgst: figures.sgst,
          igst: figures.igst,
          tax: figures.tax,
          total: figures.total,
        };
      }),
    )
    .returning(['id', 'quantity', 'taxable', 'total'])
    .execute();
  return { id: invoice.id, number: invoice.number ?? number, total: invoice.total, lines };
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

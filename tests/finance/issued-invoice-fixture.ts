import { randomUUID } from 'node:crypto';
import type { TestApp } from '../harness/app.ts';
import type { AcceptedOrderWorld } from './finance-fixtures.ts';

// Test-only: an issued invoice written straight through the harness's db handle, with the dates and
// totals a payments or ageing test needs. The invoices module's create/issue procedures were not on
// this branch when these tests were written; tests that need the real flow use those instead.

export interface IssuedInvoice {
  id: string;
  number: string;
  total: string;
}

export async function insertIssuedInvoice(
  app: TestApp,
  world: Pick<AcceptedOrderWorld, 'buyer' | 'supplier'>,
  options: { total: string; currency?: string; invoiceDate?: string; dueDate?: string | null; orderId?: string } = { total: '1000.00' },
): Promise<IssuedInvoice> {
  const today = app.clock.now().toISOString().slice(0, 10);
  const number = `INV-TEST/${randomUUID().slice(0, 8)}`;
  const row = await app.db
    .insertInto('invoices')
    .values({
      supplier_company_id: world.supplier.id,
      buyer_company_id: world.buyer.id,
      order_id: options.orderId ?? null,
      number,
      financial_year: 'test',
      status: 'issued',
      invoice_date: options.invoiceDate ?? today,
      due_date: options.dueDate === undefined ? today : options.dueDate,
      currency: options.currency ?? 'INR',
      tax_regime: 'intra_state',
      subtotal: options.total,
      taxable: options.total,
      total: options.total,
      issued_at: app.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number, total: options.total };
}

/** An open dispute of `amount` on the invoice, raised by the buyer, with the invoice's disputed figure set as refreshInvoiceBalance would. */
export async function insertOpenDispute(
  app: TestApp,
  world: Pick<AcceptedOrderWorld, 'buyer' | 'supplier'>,
  invoiceId: string,
  amount: string,
): Promise<void> {
  await app.db
    .insertInto('disputes')
    .values({
      supplier_company_id: world.supplier.id,
      buyer_company_id: world.buyer.id,
      raised_by_company_id: world.buyer.id,
      invoice_id: invoiceId,
      number: `DSP-TEST/${randomUUID().slice(0, 8)}`,
      amount,
      currency: 'INR',
      reason: 'quality',
    })
    .execute();
  await app.db.updateTable('invoices').set({ disputed_amount: amount }).where('id', '=', invoiceId).execute();
}

/** `YYYY-MM-DD` `days` after (or before, when negative) the clock's today. */
export function dayFromToday(app: TestApp, days: number): string {
  return new Date(app.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

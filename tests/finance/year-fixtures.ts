import { randomUUID } from 'node:crypto';
import type { TestApp } from '../harness/app.ts';

// Test-only rows for the year close: invoices, credit/debit notes and payments written straight
// into the finance tables, as the invoice and payment procedures (built on other branches) will
// write them. Only the columns the close reads carry meaning; the rest are plausible defaults.
// When finance.invoices.* and finance.payments.* land, these can become calls to them.

export interface SeedInvoice {
  supplierId: string;
  buyerId: string;
  date: string;
  total: string;
  currency?: string;
  status?: 'draft' | 'issued' | 'partly_paid' | 'paid' | 'cancelled';
  tds?: string;
  cancelledAt?: Date;
}

export async function seedInvoice(app: TestApp, invoice: SeedInvoice): Promise<{ id: string }> {
  const status = invoice.status ?? 'issued';
  return app.db
    .insertInto('invoices')
    .values({
      supplier_company_id: invoice.supplierId,
      buyer_company_id: invoice.buyerId,
      number: status === 'draft' ? null : `T-INV-${randomUUID().slice(0, 8)}`,
      status,
      invoice_date: invoice.date,
      currency: invoice.currency ?? 'INR',
      tax_regime: 'intra_state',
      subtotal: invoice.total,
      taxable: invoice.total,
      total: invoice.total,
      tds_amount: invoice.tds ?? '0',
      cancelled_at: invoice.cancelledAt ?? null,
      issued_at: status === 'draft' ? null : new Date(`${invoice.date}T10:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function seedNote(
  app: TestApp,
  note: {
    invoiceId: string;
    supplierId: string;
    buyerId: string;
    kind: 'credit' | 'debit';
    date: string;
    total: string;
    currency?: string;
  },
): Promise<void> {
  await app.db
    .insertInto('invoice_notes')
    .values({
      invoice_id: note.invoiceId,
      supplier_company_id: note.supplierId,
      buyer_company_id: note.buyerId,
      kind: note.kind,
      number: `T-CN-${randomUUID().slice(0, 8)}`,
      financial_year: 'test',
      note_date: note.date,
      reason: 'price_difference',
      currency: note.currency ?? 'INR',
      taxable: note.total,
      cgst: '0',
      sgst: '0',
      igst: '0',
      tax: '0',
      total: note.total,
    })
    .execute();
}

export async function seedPayment(
  app: TestApp,
  payment: {
    companyId: string;
    partnerId: string;
    direction: 'received' | 'made';
    date: string;
    amount: string;
    currency?: string;
    reversedAt?: Date;
  },
): Promise<void> {
  await app.db
    .insertInto('payments')
    .values({
      company_id: payment.companyId,
      partner_company_id: payment.partnerId,
      direction: payment.direction,
      number: `T-PAY-${randomUUID().slice(0, 8)}`,
      amount: payment.amount,
      currency: payment.currency ?? 'INR',
      paid_on: payment.date,
      method: 'neft_rtgs',
      status: payment.reversedAt ? 'reversed' : 'recorded',
      reversed_at: payment.reversedAt ?? null,
    })
    .execute();
}

/** A partner company as a bare row (no members): the close only needs its id in the documents. */
export async function seedPartner(app: TestApp, label: string): Promise<{ id: string }> {
  const name = `${label} ${randomUUID().slice(0, 6)}`;
  return app.db
    .insertInto('companies')
    .values({ name, legal_name: name, country: 'IN', base_currency: 'INR' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

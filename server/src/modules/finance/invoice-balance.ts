import type { Executor } from '@tradeloom/db';
import { dec, money } from '@tradeloom/shared';
import { sql } from 'kysely';

/**
 * Recomputes an issued invoice's running figures from their sources, inside the caller's
 * transaction: receipts (the supplier's payments received) and payments made (the buyer's)
 * from active allocations, credit/debit notes from issued notes, the disputed amount from open
 * disputes, and the status from what remains. Every change to those sources calls this, so the
 * figures never drift; a cancelled or draft invoice keeps its status.
 */
export async function refreshInvoiceBalance(trx: Executor, invoiceId: string): Promise<void> {
  const invoice = await trx
    .selectFrom('invoices')
    .select(['id', 'status', 'total', 'tds_amount as tdsAmount'])
    .where('id', '=', invoiceId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const allocations = await trx
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select([
      sql<string>`coalesce(sum(a.amount) filter (where p.direction = 'received'), 0)::text`.as('received'),
      sql<string>`coalesce(sum(a.amount) filter (where p.direction = 'made'), 0)::text`.as('paid'),
    ])
    .where('a.invoice_id', '=', invoiceId)
    .where('a.reversed', '=', false)
    .executeTakeFirstOrThrow();
  const notes = await trx
    .selectFrom('invoice_notes')
    .select([
      sql<string>`coalesce(sum(total) filter (where kind = 'credit'), 0)::text`.as('credited'),
      sql<string>`coalesce(sum(total) filter (where kind = 'debit'), 0)::text`.as('debited'),
    ])
    .where('invoice_id', '=', invoiceId)
    .where('status', '=', 'issued')
    .executeTakeFirstOrThrow();
  const disputes = await trx
    .selectFrom('disputes')
    .select(sql<string>`coalesce(sum(amount), 0)::text`.as('disputed'))
    .where('invoice_id', '=', invoiceId)
    .where('status', 'in', ['open', 'responded'])
    .executeTakeFirstOrThrow();
  const figures = {
    received_amount: money(allocations.received),
    paid_amount: money(allocations.paid),
    credited_amount: money(notes.credited),
    debited_amount: money(notes.debited),
    disputed_amount: money(disputes.disputed),
  };
  const balance = invoiceBalance({ ...invoice, ...figures });
  const status = settledStatus(invoice.status, balance, figures.received_amount);
  await trx
    .updateTable('invoices')
    .set({ ...figures, status })
    .where('id', '=', invoiceId)
    .execute();
}

/** What the buyer still owes the supplier on an invoice, by the supplier's receipts. */
export function invoiceBalance(invoice: {
  total: string;
  tdsAmount: string;
  credited_amount: string;
  debited_amount: string;
  received_amount: string;
}): string {
  return money(
    dec(invoice.total).plus(invoice.debited_amount).minus(invoice.credited_amount).minus(invoice.tdsAmount).minus(invoice.received_amount),
  );
}

type LiveStatus = 'draft' | 'issued' | 'partly_paid' | 'paid' | 'cancelled';

function settledStatus(current: LiveStatus, balance: string, received: string): LiveStatus {
  if (current === 'draft' || current === 'cancelled') return current;
  if (dec(balance).lessThanOrEqualTo(0)) return 'paid';
  return dec(received).greaterThan(0) ? 'partly_paid' : 'issued';
}

import { inTransaction } from '@tradeloom/db';
import { dec, INVOICE_REMINDER_STAGES, invoiceOverdueText, money } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps.ts';
import { findCompanyName } from '../companies/company-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { notify } from '../notifications/engine.ts';
import { invoiceBalance } from './invoice-balance.ts';

// Overdue reminders by the clock: an hourly run tells the buyer of each invoice past its due date,
// once per stage (1, 31, 61 and 91 days past due: the ageing buckets). The amount reminded leaves
// out what is under dispute; an invoice wholly under dispute is not reminded at all. The
// invoice_reminders row, inserted first, is what makes each stage go out once across runs and
// processes (a second run's insert finds it and sends nothing).

export const INVOICE_REMINDERS_QUEUE = 'finance.invoice_reminders';

type ReminderDeps = Pick<AppDeps, 'db' | 'clock'>;

const DAY_MS = 86_400_000;

export async function sendOverdueInvoiceReminders(deps: ReminderDeps): Promise<number> {
  // Days as UTC dates, like the other clock reminders.
  const today = deps.clock.now().toISOString().slice(0, 10);
  const due = await deps.db
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'due_date',
      'currency',
      'total',
      'tds_amount as tdsAmount',
      'credited_amount',
      'debited_amount',
      'received_amount',
      'disputed_amount',
      'supplier_company_id',
      'buyer_company_id',
      'buyer_branch_id',
    ])
    .where('status', 'in', ['issued', 'partly_paid'])
    .where('due_date', 'is not', null)
    .where('due_date', '<', sql<string>`${today}::date`)
    .orderBy('due_date')
    .execute();
  let sent = 0;
  for (const invoice of due) {
    if (!invoice.due_date) continue;
    const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${invoice.due_date}T00:00:00Z`)) / DAY_MS);
    const stage = [...INVOICE_REMINDER_STAGES].reverse().find((candidate) => days >= candidate.days);
    if (!stage) continue;
    const remindable = dec(invoiceBalance(invoice)).minus(invoice.disputed_amount);
    if (!remindable.greaterThan(0)) continue;
    const told = await inTransaction(deps.db, async (trx) => {
      const claimed = await trx
        .insertInto('invoice_reminders')
        .values({ invoice_id: invoice.id, stage: stage.stage, sent_at: deps.clock.now() })
        .onConflict((oc) => oc.columns(['invoice_id', 'stage']).doNothing())
        .returning('stage')
        .executeTakeFirst();
      if (!claimed) return false;
      const supplier = await findCompanyName(trx, invoice.supplier_company_id);
      const document = invoice.number ?? 'An invoice';
      await notify(trx, {
        companyId: invoice.buyer_company_id,
        kind: 'reminder.invoice_overdue',
        title: invoiceOverdueText({ document, supplier, days, amount: money(remindable), currency: invoice.currency }),
        linkPath: `/invoices/${invoice.id}`,
        entityType: 'invoice',
        entityId: invoice.id,
        document,
        actorName: supplier,
        branchId: invoice.buyer_branch_id,
        dedupeKey: `reminder:invoice:${invoice.id}:${stage.stage}`,
        now: deps.clock.now(),
      });
      return true;
    });
    if (told) sent += 1;
  }
  return sent;
}

export function invoiceRemindersHandler(deps: ReminderDeps): JobHandler {
  return { run: () => sendOverdueInvoiceReminders(deps).then(() => undefined) };
}

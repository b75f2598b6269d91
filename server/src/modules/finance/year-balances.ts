import type { Executor } from '@tradeloom/db';
import { dec, money } from '@tradeloom/shared';
import { sql } from 'kysely';

// What each partner owed the company (receivable) or was owed by it (payable) at the end of a
// financial year, from every document dated up to that day: invoices (net of TDS), credit and debit
// notes, and payments (allocated or still an advance). A document cancelled or reversed after the
// year's end still counted on that day. The partner list and the sums read the same rows, so every
// partner the close visits has at least one balance to write (its marker of progress).

export type LedgerSide = 'receivable' | 'payable';

export interface PartnerBalance {
  side: LedgerSide;
  currency: string;
  amount: string;
}

/** The instant a year's last day ends: later cancellations and reversals did not count yet. */
function endInstant(endsOn: string): Date {
  const end = new Date(`${endsOn}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return end;
}

/** Invoices the company issued (receivable) or received (payable), live on the year's last day. */
function invoicesAtYearEnd(db: Executor, companyId: string, endsOn: string, side: LedgerSide) {
  const ours = side === 'receivable' ? 'supplier_company_id' : 'buyer_company_id';
  const theirs = side === 'receivable' ? 'buyer_company_id' : 'supplier_company_id';
  return db
    .selectFrom('invoices')
    .where(ours, '=', companyId)
    .where('status', '<>', 'draft')
    .where('invoice_date', '<=', endsOn)
    .where((eb) => eb.or([eb('status', '<>', 'cancelled'), eb('cancelled_at', '>=', endInstant(endsOn))]))
    .select(`${theirs} as partnerId`);
}

function notesAtYearEnd(db: Executor, companyId: string, endsOn: string, side: LedgerSide) {
  const ours = side === 'receivable' ? 'supplier_company_id' : 'buyer_company_id';
  const theirs = side === 'receivable' ? 'buyer_company_id' : 'supplier_company_id';
  return db
    .selectFrom('invoice_notes')
    .where(ours, '=', companyId)
    .where('status', '=', 'issued')
    .where('note_date', '<=', endsOn)
    .select(`${theirs} as partnerId`);
}

function paymentsAtYearEnd(db: Executor, companyId: string, endsOn: string) {
  return db
    .selectFrom('payments')
    .where('company_id', '=', companyId)
    .where('paid_on', '<=', endsOn)
    .where((eb) => eb.or([eb('status', '=', 'recorded'), eb('reversed_at', '>=', endInstant(endsOn))]))
    .select('partner_company_id as partnerId');
}

/** Every partner with a document counting at the year's end, as one query of `partnerId`s. */
export function yearEndPartners(db: Executor, companyId: string, endsOn: string) {
  return invoicesAtYearEnd(db, companyId, endsOn, 'receivable')
    .union(invoicesAtYearEnd(db, companyId, endsOn, 'payable'))
    .union(notesAtYearEnd(db, companyId, endsOn, 'receivable'))
    .union(notesAtYearEnd(db, companyId, endsOn, 'payable'))
    .union(paymentsAtYearEnd(db, companyId, endsOn));
}

/** One partner's balances at the year's end, per side and currency (zero ones included). */
export async function partnerBalancesAtYearEnd(
  db: Executor,
  companyId: string,
  partnerId: string,
  endsOn: string,
): Promise<PartnerBalance[]> {
  const totals = new Map<string, PartnerBalance>();
  const add = (side: LedgerSide, currency: string, amount: string) => {
    const key = `${side}:${currency}`;
    const current = totals.get(key);
    totals.set(key, { side, currency, amount: money(dec(current?.amount ?? '0').plus(amount)) });
  };
  for (const side of ['receivable', 'payable'] as const) {
    const theirs = side === 'receivable' ? 'buyer_company_id' : 'supplier_company_id';
    const invoices = await invoicesAtYearEnd(db, companyId, endsOn, side)
      .where(theirs, '=', partnerId)
      .clearSelect()
      .select(['currency', sql<string>`coalesce(sum(total - tds_amount), 0)::text`.as('amount')])
      .groupBy('currency')
      .execute();
    for (const row of invoices) add(side, row.currency, row.amount);
    const notes = await notesAtYearEnd(db, companyId, endsOn, side)
      .where(theirs, '=', partnerId)
      .clearSelect()
      .select(['currency', sql<string>`coalesce(sum(case when kind = 'debit' then total else -total end), 0)::text`.as('amount')])
      .groupBy('currency')
      .execute();
    for (const row of notes) add(side, row.currency, row.amount);
  }
  const payments = await paymentsAtYearEnd(db, companyId, endsOn)
    .where('partner_company_id', '=', partnerId)
    .clearSelect()
    .select(['direction', 'currency', sql<string>`coalesce(sum(amount), 0)::text`.as('amount')])
    .groupBy(['direction', 'currency'])
    .execute();
  for (const row of payments)
    add(row.direction === 'received' ? 'receivable' : 'payable', row.currency, dec(row.amount).negated().toString());
  return [...totals.values()].sort((a, b) => a.side.localeCompare(b.side) || a.currency.localeCompare(b.currency));
}

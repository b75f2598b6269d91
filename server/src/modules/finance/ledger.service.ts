import type { Executor } from '@tradeloom/db';
import {
  AGEING_BUCKETS,
  type AgeingBucket,
  ageingBucket,
  dec,
  type LedgerSide,
  money,
  type OutstandingInvoice,
  type OutstandingRow,
  type Statement,
  type StatementEntry,
  type StatementInput,
} from '@tradeloom/shared';
import { sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { canReachBranch } from '../../lib/branch-scope.ts';
import { notFound } from '../../trpc/errors.ts';
import { findCompanyName } from '../companies/company-reads.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { linkRolesWith } from '../partners/accepted-links.ts';
import { owedOn } from './payments.service.ts';

// What partners owe us (receivable: we supplied) and what we owe them (payable: we bought), aged
// by days past each invoice's due date, and a partner's statement. "Today" is the company's own
// calendar day, from the app's clock.

const DAY_MS = 86_400_000;
type Decimal = ReturnType<typeof dec>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function sidesOf(side: LedgerSide) {
  return side === 'receivable'
    ? ({ own: 'supplier_company_id', partner: 'buyer_company_id', branch: 'supplier_branch_id', direction: 'received' } as const)
    : ({ own: 'buyer_company_id', partner: 'supplier_company_id', branch: 'buyer_branch_id', direction: 'made' } as const);
}

/** Our open invoices on one side (issued or partly paid by the side's own records), with what each still owes. */
async function openInvoices(db: Executor, actor: CompanyActor, side: LedgerSide, today: string, partnerId?: string) {
  const sides = sidesOf(side);
  let query = db
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'status',
      'invoice_date',
      'due_date',
      'currency',
      'total',
      'tds_amount',
      'credited_amount',
      'debited_amount',
      'received_amount',
      'paid_amount',
      'disputed_amount',
      `${sides.partner} as partnerId`,
      `${sides.branch} as branchId`,
    ])
    .where(sides.own, '=', actor.companyId)
    .where('status', 'in', ['issued', 'partly_paid', 'paid'])
    .orderBy(sql`coalesce(due_date, invoice_date)`)
    .orderBy('id');
  if (partnerId) query = query.where(sides.partner, '=', partnerId);
  const rows = await query.execute();
  const result: (OutstandingInvoice & { partnerId: string })[] = [];
  for (const row of rows) {
    if (!canReachBranch(actor, row.branchId)) continue;
    const balance = owedOn(row, sides.direction);
    if (!dec(balance).greaterThan(0)) continue;
    const due = row.due_date ?? row.invoice_date;
    const daysPastDue = daysBetween(due, today);
    result.push({
      id: row.id,
      number: row.number,
      invoiceDate: row.invoice_date,
      dueDate: row.due_date,
      currency: row.currency,
      total: row.total,
      balance,
      disputed: row.disputed_amount,
      status: row.status,
      daysPastDue,
      bucket: ageingBucket(daysPastDue),
      partnerId: row.partnerId,
    });
  }
  return result;
}

async function todayOf(ctx: ServiceContext, actor: CompanyActor): Promise<string> {
  return (await companyCalendar(ctx.deps.db, actor.companyId, ctx.deps.clock.now())).today;
}

/** Per partner and currency: what is outstanding, overdue and in each ageing bucket, and advances unallocated. */
export async function outstanding(ctx: ServiceContext, actor: CompanyActor, side: LedgerSide): Promise<OutstandingRow[]> {
  const db = ctx.deps.db;
  const invoices = await openInvoices(db, actor, side, await todayOf(ctx, actor));
  const rows = new Map<
    string,
    { partnerId: string; currency: string; total: Decimal; disputed: Decimal; count: number; buckets: Record<AgeingBucket, Decimal> }
  >();
  for (const invoice of invoices) {
    const key = `${invoice.partnerId}:${invoice.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        partnerId: invoice.partnerId,
        currency: invoice.currency,
        total: dec(0),
        disputed: dec(0),
        count: 0,
        buckets: Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, dec(0)])) as Record<AgeingBucket, Decimal>,
      };
      rows.set(key, row);
    }
    row.total = row.total.plus(invoice.balance);
    row.disputed = row.disputed.plus(invoice.disputed);
    row.count += 1;
    row.buckets[invoice.bucket] = row.buckets[invoice.bucket].plus(invoice.balance);
  }
  const advances = await db
    .selectFrom('payments')
    .select(['partner_company_id as partnerId', 'currency', sql<string>`sum(amount - allocated_amount)::text`.as('advance')])
    .where('company_id', '=', actor.companyId)
    .where('direction', '=', sidesOf(side).direction)
    .where('status', '=', 'recorded')
    .whereRef('allocated_amount', '<', 'amount')
    .groupBy(['partner_company_id', 'currency'])
    .execute();
  const advanceOf = new Map(advances.map((row) => [`${row.partnerId}:${row.currency}`, row.advance]));
  const names = new Map<string, string>();
  const result: OutstandingRow[] = [];
  for (const [key, row] of rows) {
    if (!names.has(row.partnerId)) names.set(row.partnerId, await findCompanyName(db, row.partnerId));
    const buckets = Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, money(row.buckets[bucket])])) as Record<
      AgeingBucket,
      string
    >;
    result.push({
      partnerId: row.partnerId,
      partnerName: names.get(row.partnerId) ?? '',
      currency: row.currency,
      outstanding: money(row.total),
      overdue: money(row.total.minus(row.buckets.current)),
      disputed: money(row.disputed),
      advance: money(advanceOf.get(key) ?? '0'),
      invoiceCount: row.count,
      buckets,
    });
  }
  return result.sort((a, b) => dec(b.outstanding).comparedTo(a.outstanding) || a.partnerName.localeCompare(b.partnerName));
}

export async function outstandingInvoices(ctx: ServiceContext, actor: CompanyActor, input: { partnerId: string; side: LedgerSide }) {
  const invoices = await openInvoices(ctx.deps.db, actor, input.side, await todayOf(ctx, actor), input.partnerId);
  return invoices.map(({ partnerId: _partnerId, ...invoice }) => invoice);
}

interface RawEntry {
  date: string;
  kind: StatementEntry['kind'];
  document: string;
  description: string;
  currency: string;
  /** Signed: positive adds to what the partner owes us. */
  amount: Decimal;
  invoiceId: string | null;
  paymentId: string | null;
  order: number;
}

/** Every entry between us and the partner, both as its supplier and as its buyer. */
async function ledgerEntries(db: Executor, actor: CompanyActor, partnerId: string): Promise<RawEntry[]> {
  const entries: RawEntry[] = [];
  const invoices = await db
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'invoice_date',
      'currency',
      'total',
      'tds_amount',
      'supplier_company_id',
      'supplier_branch_id',
      'buyer_branch_id',
    ])
    .where('status', 'in', ['issued', 'partly_paid', 'paid'])
    .where((eb) =>
      eb.or([
        eb.and([eb('supplier_company_id', '=', actor.companyId), eb('buyer_company_id', '=', partnerId)]),
        eb.and([eb('buyer_company_id', '=', actor.companyId), eb('supplier_company_id', '=', partnerId)]),
      ]),
    )
    .execute();
  const reachable = new Set<string>();
  for (const invoice of invoices) {
    const selling = invoice.supplier_company_id === actor.companyId;
    if (!canReachBranch(actor, selling ? invoice.supplier_branch_id : invoice.buyer_branch_id)) continue;
    reachable.add(invoice.id);
    const sign = selling ? 1 : -1;
    const number = invoice.number ?? '';
    entries.push({
      date: invoice.invoice_date,
      kind: selling ? 'invoice' : 'purchase_invoice',
      document: number,
      description: selling ? `Invoice ${number}` : `Purchase invoice ${number}`,
      currency: invoice.currency,
      amount: dec(invoice.total).times(sign),
      invoiceId: invoice.id,
      paymentId: null,
      order: 0,
    });
    if (dec(invoice.tds_amount).greaterThan(0)) {
      entries.push({
        date: invoice.invoice_date,
        kind: 'tds',
        document: number,
        description: `TDS deducted on ${number}`,
        currency: invoice.currency,
        amount: dec(invoice.tds_amount).times(-sign),
        invoiceId: invoice.id,
        paymentId: null,
        order: 1,
      });
    }
  }
  if (reachable.size > 0) {
    const notes = await db
      .selectFrom('invoice_notes as n')
      .innerJoin('invoices as i', 'i.id', 'n.invoice_id')
      .select([
        'n.kind',
        'n.number',
        'n.note_date',
        'n.currency',
        'n.total',
        'n.invoice_id',
        'i.number as invoiceNumber',
        'n.supplier_company_id',
      ])
      .where('n.invoice_id', 'in', [...reachable])
      .where('n.status', '=', 'issued')
      .execute();
    for (const note of notes) {
      const sign = note.supplier_company_id === actor.companyId ? 1 : -1;
      const credit = note.kind === 'credit';
      entries.push({
        date: note.note_date,
        kind: credit ? 'credit_note' : 'debit_note',
        document: note.number,
        description: `${credit ? 'Credit' : 'Debit'} note ${note.number} on ${note.invoiceNumber ?? ''}`,
        currency: note.currency,
        amount: dec(note.total).times(credit ? -sign : sign),
        invoiceId: note.invoice_id,
        paymentId: null,
        order: 2,
      });
    }
  }
  const payments = await db
    .selectFrom('payments')
    .select([
      'id',
      'number',
      'direction',
      'paid_on',
      'currency',
      'amount',
      'status',
      'reversed_at',
      'reversal_reason',
      'branch_id',
      'method',
      'reference',
    ])
    .where('company_id', '=', actor.companyId)
    .where('partner_company_id', '=', partnerId)
    .execute();
  for (const payment of payments) {
    if (!canReachBranch(actor, payment.branch_id)) continue;
    // Received: the partner owes us less; made: we owe it less.
    const sign = payment.direction === 'received' ? -1 : 1;
    entries.push({
      date: payment.paid_on,
      kind: 'payment',
      document: payment.number,
      description: `${payment.direction === 'received' ? 'Payment received' : 'Payment made'}${payment.reference ? ` (${payment.reference})` : ''}`,
      currency: payment.currency,
      amount: dec(payment.amount).times(sign),
      invoiceId: null,
      paymentId: payment.id,
      order: 3,
    });
    if (payment.status === 'reversed' && payment.reversed_at) {
      entries.push({
        date: payment.reversed_at.toISOString().slice(0, 10),
        kind: 'reversal',
        document: payment.number,
        description: `Reversal of ${payment.number}${payment.reversal_reason ? `: ${payment.reversal_reason}` : ''}`,
        currency: payment.currency,
        amount: dec(payment.amount).times(-sign),
        invoiceId: null,
        paymentId: payment.id,
        order: 4,
      });
    }
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.document.localeCompare(b.document));
}

/** The partner's statement in one currency: the opening balance before `from`, each entry with its running balance, the closing. */
export async function partnerStatement(ctx: ServiceContext, actor: CompanyActor, input: StatementInput): Promise<Statement> {
  const db = ctx.deps.db;
  if (input.partnerId === actor.companyId) throw notFound('Partner');
  const entries = await ledgerEntries(db, actor, input.partnerId);
  const partnerName = await findCompanyName(db, input.partnerId).catch(() => null);
  // A company we never traded with has no statement with us.
  if (!partnerName || (entries.length === 0 && !(await tradesWith(db, actor.companyId, input.partnerId)))) throw notFound('Partner');
  const currencies = [...new Set(entries.map((entry) => entry.currency))].sort();
  const currency = input.currency ?? (currencies.includes('INR') || currencies.length === 0 ? 'INR' : (currencies[0] ?? 'INR'));
  const to = input.to ?? (await todayOf(ctx, actor));
  let balance = dec(0);
  let totalDebit = dec(0);
  let totalCredit = dec(0);
  const lines: StatementEntry[] = [];
  for (const entry of entries) {
    if (entry.currency !== currency || entry.date > to) continue;
    if (input.from && entry.date < input.from) {
      balance = balance.plus(entry.amount);
      continue;
    }
    const debit = entry.amount.greaterThan(0) ? entry.amount : dec(0);
    const credit = entry.amount.lessThan(0) ? entry.amount.negated() : dec(0);
    totalDebit = totalDebit.plus(debit);
    totalCredit = totalCredit.plus(credit);
    balance = balance.plus(entry.amount);
    lines.push({
      date: entry.date,
      kind: entry.kind,
      document: entry.document,
      description: entry.description,
      debit: money(debit),
      credit: money(credit),
      balance: money(balance),
      invoiceId: entry.invoiceId,
      paymentId: entry.paymentId,
    });
  }
  const closing = balance;
  const opening = closing.minus(totalDebit).plus(totalCredit);
  return {
    partnerId: input.partnerId,
    partnerName,
    currency,
    otherCurrencies: currencies.filter((code) => code !== currency),
    from: input.from ?? null,
    to,
    opening: money(opening),
    closing: money(closing),
    totalDebit: money(totalDebit),
    totalCredit: money(totalCredit),
    entries: lines,
  };
}

async function tradesWith(db: Executor, companyId: string, partnerId: string): Promise<boolean> {
  return (await linkRolesWith(db, companyId, partnerId, { anyStatus: true })).length > 0;
}

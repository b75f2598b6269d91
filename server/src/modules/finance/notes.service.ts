import { type Executor, inTransaction } from '@tradeloom/db';
import { type CreateNoteInput, dec, money, type NoteDetail, type NoteList, type NoteSummary, sum } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { isBranchLimited } from '../../lib/branch-scope.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { recordChange } from '../events/record-change.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { assertDocumentDateOpen, findFinancialYear } from '../settings/financial-years.service.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { findComplaintCredit } from '../support/complaint-credit.ts';
import { findPartyInvoice, reachesInvoiceBranch } from './finance-party.ts';
import { invoiceBalance, refreshInvoiceBalance } from './invoice-balance.ts';
import { noteLinesFromAmount, noteLinesFromInput } from './note-lines.ts';

// Credit and debit notes: the supplier issues them against its own issued invoice, numbered from
// its CN-/DN- series per financial year; the invoice's running figures follow in the same
// transaction. Both parties read them.

const NOTE_SERIES = { credit: 'CN', debit: 'DN' } as const;
const NOTABLE_STATUSES = ['issued', 'partly_paid', 'paid'];

/**
 * Issues a note inside the caller's transaction (a dispute's resolution issues one in its own).
 * Refuses a buyer (WRONG_SIDE), an invoice not issued or cancelled (ILLEGAL_TRANSITION), a credit
 * note past what the invoice is worth (naming the field), and a date in a closed year.
 */
export async function issueNote(
  trx: Executor,
  ctx: ServiceContext,
  actor: CompanyActor,
  input: CreateNoteInput,
): Promise<{ id: string; number: string; total: string }> {
  const { invoice, side } = await findPartyInvoice(trx, actor, input.invoiceId, { lock: true });
  if (side !== 'supplier') throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the supplier issues credit and debit notes on its invoice.');
  if (!NOTABLE_STATUSES.includes(invoice.status)) {
    throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Notes are issued only against an issued invoice; this one is ${invoice.status}.`);
  }
  const { today } = await companyCalendar(trx, actor.companyId, ctx.deps.clock.now());
  const noteDate = input.noteDate ?? today;
  if (noteDate < invoice.invoice_date) throw invalidFields({ noteDate: `must not be before the invoice date ${invoice.invoice_date}` });
  await assertDocumentDateOpen(trx, actor.companyId, noteDate);
  if (input.complaintId) await assertComplaintOfInvoice(trx, input.complaintId, invoice);
  const invoiceLines = await trx
    .selectFrom('invoice_lines')
    .select(['id', 'description', 'hsn_code', 'quantity', 'tax_rate', 'taxable', 'total'])
    .where('invoice_id', '=', invoice.id)
    .orderBy('line_no')
    .execute();
  const lines = input.lines
    ? noteLinesFromInput(invoiceLines, input.lines, invoice.tax_regime)
    : noteLinesFromAmount(invoiceLines, input.amount ?? '0', invoice.tax_regime);
  const total = (key: 'taxable' | 'cgst' | 'sgst' | 'igst' | 'tax' | 'total') => money(sum(lines.map((line) => line[key])));
  const noteTotal = total('total');
  if (dec(noteTotal).lessThanOrEqualTo(0)) throw invalidFields({ [input.lines ? 'lines' : 'amount']: 'must come to more than zero' });
  // A credit note never takes the invoice below zero: what it is worth after earlier notes.
  if (input.kind === 'credit') {
    const worth = dec(invoice.total).plus(invoice.debited_amount).minus(invoice.credited_amount);
    if (dec(noteTotal).greaterThan(worth)) {
      throw invalidFields({
        [input.lines ? 'lines' : 'amount']: `comes to ${noteTotal}, more than the ${money(worth)} left on the invoice after earlier notes`,
      });
    }
  }
  const number = await nextDocumentNumber(trx, {
    companyId: actor.companyId,
    docType: NOTE_SERIES[input.kind],
    date: noteDate,
    style: 'financialYear',
  });
  const year = await findFinancialYear(trx, actor.companyId, noteDate);
  const now = ctx.deps.clock.now();
  const note = await trx
    .insertInto('invoice_notes')
    .values({
      invoice_id: invoice.id,
      supplier_company_id: invoice.supplier_company_id,
      buyer_company_id: invoice.buyer_company_id,
      kind: input.kind,
      number,
      financial_year: year?.label ?? '',
      note_date: noteDate,
      reason: input.reason,
      description: input.description ?? '',
      complaint_id: input.complaintId ?? null,
      dispute_id: input.disputeId ?? null,
      currency: invoice.currency,
      taxable: total('taxable'),
      cgst: total('cgst'),
      sgst: total('sgst'),
      igst: total('igst'),
      tax: total('tax'),
      total: noteTotal,
      created_by: actor.userId,
      created_at: now,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_note_lines')
    .values(
      lines.map((line, index) => ({
        note_id: note.id,
        line_no: index + 1,
        invoice_line_id: line.invoiceLineId,
        description: line.description,
        hsn_code: line.hsnCode,
        quantity: line.quantity,
        tax_rate: line.taxRate,
        taxable: line.taxable,
        cgst: line.cgst,
        sgst: line.sgst,
        igst: line.igst,
        tax: line.tax,
        total: line.total,
      })),
    )
    .execute();
  await refreshInvoiceBalance(trx, invoice.id);
  await recordChange(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: 'note.issued',
    entityType: 'invoice_note',
    entityId: note.id,
    after: { number, kind: input.kind, reason: input.reason, invoice: invoice.number, total: noteTotal, currency: invoice.currency },
    payload: {
      buyerCompanyId: invoice.buyer_company_id,
      supplierCompanyId: invoice.supplier_company_id,
      actorCompanyId: actor.companyId,
      document: number,
      total: noteTotal,
      currency: invoice.currency,
    },
    audience: [invoice.supplier_company_id, invoice.buyer_company_id],
  });
  return { id: note.id, number, total: noteTotal };
}

/** A complaint the note settles must be the same parties' and about this invoice, its order or its contract. */
async function assertComplaintOfInvoice(
  trx: Executor,
  complaintId: string,
  invoice: { id: string; order_id: string | null; contract_id: string | null; supplier_company_id: string; buyer_company_id: string },
) {
  const complaint = await findComplaintCredit(trx, complaintId, invoice.supplier_company_id);
  const about =
    complaint &&
    complaint.buyerCompanyId === invoice.buyer_company_id &&
    ((complaint.aboutType === 'invoice' && complaint.aboutId === invoice.id) ||
      (complaint.aboutType === 'order' && complaint.aboutId === invoice.order_id) ||
      (complaint.aboutType === 'contract' && complaint.aboutId === invoice.contract_id));
  if (!about) throw invalidFields({ complaintId: 'must be a complaint about this invoice or its order' });
}

/**
 * The credit note a resolved complaint agreed on, issued by the supplier against the invoice the
 * complaint is about (or the newest issued invoice of its order or contract that can still take
 * it). Once per complaint: a second is refused as CONFLICT naming the first.
 */
export function issueComplaintCreditNote(ctx: ServiceContext, actor: CompanyActor, input: { complaintId: string }) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const complaint = await findComplaintCredit(trx, input.complaintId, actor.companyId);
    if (!complaint) throw notFound('Complaint');
    if (complaint.supplierCompanyId !== actor.companyId) {
      throw appError('FORBIDDEN', 'WRONG_SIDE', 'The supplier issues the credit note a complaint agreed on.');
    }
    if (
      complaint.status !== 'resolved' ||
      complaint.resolutionKind !== 'credit_note' ||
      !complaint.creditAmount ||
      dec(complaint.creditAmount).lessThanOrEqualTo(0)
    ) {
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Complaint ${complaint.number} is not resolved with a credit note amount.`);
    }
    const earlier = await trx
      .selectFrom('invoice_notes')
      .select('number')
      .where('complaint_id', '=', complaint.id)
      .where('status', '=', 'issued')
      .executeTakeFirst();
    if (earlier)
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Complaint ${complaint.number} is already credited by ${earlier.number}.`);
    const amount = money(complaint.creditAmount);
    let candidates = trx
      .selectFrom('invoices')
      .select(['id', 'total', 'credited_amount', 'debited_amount'])
      .where('supplier_company_id', '=', actor.companyId)
      .where('buyer_company_id', '=', complaint.buyerCompanyId)
      .where('status', 'in', NOTABLE_STATUSES as ('issued' | 'partly_paid' | 'paid')[]);
    if (complaint.aboutType === 'invoice') candidates = candidates.where('id', '=', complaint.aboutId);
    else if (complaint.aboutType === 'order') candidates = candidates.where('order_id', '=', complaint.aboutId);
    else if (complaint.aboutType === 'contract') candidates = candidates.where('contract_id', '=', complaint.aboutId);
    else throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'A complaint about a delivery is credited on its invoice: issue the note there.');
    const invoices = await candidates.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    const invoice = invoices.find((row) => dec(row.total).plus(row.debited_amount).minus(row.credited_amount).greaterThanOrEqualTo(amount));
    if (!invoice) {
      throw appError(
        'CONFLICT',
        'ILLEGAL_TRANSITION',
        `No issued invoice of what complaint ${complaint.number} is about can take a credit of ${amount}.`,
      );
    }
    const note = await issueNote(trx, ctx, actor, {
      invoiceId: invoice.id,
      kind: 'credit',
      reason: 'complaint',
      description: `Agreed on complaint ${complaint.number}`,
      amount,
      complaintId: complaint.id,
    });
    return { id: note.id, number: note.number };
  });
}

export function createNote(ctx: ServiceContext, actor: CompanyActor, input: CreateNoteInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { id, number } = await issueNote(trx, ctx, actor, input);
    return { id, number };
  });
}

function noteRows(db: Executor, actor: CompanyActor) {
  return db
    .selectFrom('invoice_notes as n')
    .innerJoin('invoices as i', 'i.id', 'n.invoice_id')
    .select((eb) => [
      'n.id',
      'n.number',
      'n.kind',
      'n.reason',
      'n.note_date as noteDate',
      'n.invoice_id as invoiceId',
      'i.number as invoiceNumber',
      'n.supplier_company_id',
      'n.buyer_company_id',
      'i.supplier_branch_id',
      'i.buyer_branch_id',
      companyNameOf(eb.ref('n.supplier_company_id')).as('supplierName'),
      companyNameOf(eb.ref('n.buyer_company_id')).as('buyerName'),
      'n.currency',
      'n.taxable',
      'n.cgst',
      'n.sgst',
      'n.igst',
      'n.tax',
      'n.total',
      'n.status',
      'n.description',
      'n.financial_year as financialYear',
      'i.tax_regime as taxRegime',
      'n.dispute_id as disputeId',
      'n.complaint_id as complaintId',
      isoTimestamp(eb.ref('n.created_at')).as('createdAt'),
    ])
    .where((eb) => eb.or([eb('n.supplier_company_id', '=', actor.companyId), eb('n.buyer_company_id', '=', actor.companyId)]));
}
type NoteRow = Awaited<ReturnType<ReturnType<typeof noteRows>['execute']>>[number];

function visible(actor: CompanyActor, row: NoteRow): boolean {
  const side = row.supplier_company_id === actor.companyId ? 'supplier' : 'buyer';
  return reachesInvoiceBranch(actor, side, { supplier_branch_id: row.supplier_branch_id, buyer_branch_id: row.buyer_branch_id });
}

function toSummary(actor: CompanyActor, row: NoteRow): NoteSummary {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    reason: row.reason,
    noteDate: row.noteDate,
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoiceNumber,
    side: row.supplier_company_id === actor.companyId ? 'supplier' : 'buyer',
    supplier: { id: row.supplier_company_id, name: row.supplierName },
    buyer: { id: row.buyer_company_id, name: row.buyerName },
    currency: row.currency,
    taxable: row.taxable,
    tax: row.tax,
    total: row.total,
    status: row.status,
    createdAt: row.createdAt,
  };
}

export async function getNote(ctx: ServiceContext, actor: CompanyActor, noteId: string): Promise<NoteDetail> {
  const db = ctx.deps.db;
  const row = await noteRows(db, actor).where('n.id', '=', noteId).executeTakeFirst();
  if (!row || !visible(actor, row)) throw notFound('Note');
  const lines = await db
    .selectFrom('invoice_note_lines')
    .select([
      'line_no as lineNo',
      'invoice_line_id as invoiceLineId',
      'description',
      'hsn_code as hsnCode',
      'quantity',
      'tax_rate as taxRate',
      'taxable',
      'cgst',
      'sgst',
      'igst',
      'tax',
      'total',
    ])
    .where('note_id', '=', noteId)
    .orderBy('line_no')
    .execute();
  return {
    ...toSummary(actor, row),
    description: row.description,
    financialYear: row.financialYear,
    taxRegime: row.taxRegime,
    cgst: row.cgst,
    sgst: row.sgst,
    igst: row.igst,
    disputeId: row.disputeId,
    complaintId: row.complaintId,
    lines,
  };
}

/** The notes of one invoice (checked as the caller's), or all of the caller's newest first (at most 200). */
export async function listNotes(ctx: ServiceContext, actor: CompanyActor, input: { invoiceId?: string }): Promise<NoteList> {
  const db = ctx.deps.db;
  let query = noteRows(db, actor);
  let invoiceView: NoteList['invoice'] = null;
  if (input.invoiceId) {
    const { invoice, side } = await findPartyInvoice(db, actor, input.invoiceId);
    query = query.where('n.invoice_id', '=', input.invoiceId);
    const owed = dec(invoiceBalance({ ...invoice, tdsAmount: invoice.tds_amount })).minus(invoice.disputed_amount);
    invoiceView = {
      id: invoice.id,
      number: invoice.number,
      side,
      status: invoice.status,
      currency: invoice.currency,
      total: invoice.total,
      creditable: money(dec(invoice.total).plus(invoice.debited_amount).minus(invoice.credited_amount)),
      disputable: money(owed.isNegative() ? 0 : owed),
      disputed: invoice.disputed_amount,
    };
  }
  if (isBranchLimited(actor)) {
    const branches = [...(actor.branchIds ?? [])];
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('n.supplier_company_id', '=', actor.companyId), eb('i.supplier_branch_id', 'in', branches)]),
        eb.and([eb('n.buyer_company_id', '=', actor.companyId), eb('i.buyer_branch_id', 'in', branches)]),
      ]),
    );
  }
  const rows = await query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(200).execute();
  return { items: rows.map((row) => toSummary(actor, row)), invoice: invoiceView };
}

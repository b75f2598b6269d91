import { type Executor, inTransaction } from '@tradeloom/db';
import {
  DISPUTE_REASONS,
  type DisputeDetail,
  type DisputeListInput,
  type DisputeOutcome,
  type DisputeReason,
  type DisputeSummary,
  dec,
  disputeActions,
  money,
  type OpenDisputeInput,
} from '@tradeloom/shared';
import { type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { canReachBranch, isBranchLimited } from '../../lib/branch-scope.ts';
import { afterCursorRow, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { findContractParties } from '../contracts/contract-parties.ts';
import { recordChange } from '../events/record-change.ts';
import { describeFiles } from '../files/files.service.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { assertOwnEvidence, insertDisputeEvidence } from './dispute-evidence.ts';
import { findPartyInvoice, type PartySide, reachesInvoiceBranch } from './finance-party.ts';
import { invoiceBalance, refreshInvoiceBalance } from './invoice-balance.ts';
import { issueNote } from './notes.service.ts';

// Disputes on an invoice or a contract. Either party raises one (numbered from its own DSP-
// series) for at most what is still owed and not already disputed; the other side responds; the
// supplier resolves it, into a credit or debit note issued in the same transaction, or without
// change; the side that raised it may withdraw it while it is open. An invoice's disputed amount
// follows its open disputes through refreshInvoiceBalance.

const LIVE = ['open', 'responded'] as const;

// The table keeps one text: the reason's code on the first line, the description after it.
function storedReason(reason: DisputeReason, description: string): string {
  return `${reason}\n${description}`;
}
function readReason(stored: string): { reason: DisputeReason; description: string } {
  const cut = stored.indexOf('\n');
  const code = cut === -1 ? stored : stored.slice(0, cut);
  const reason = (DISPUTE_REASONS as readonly string[]).includes(code) ? (code as DisputeReason) : 'other';
  return { reason, description: cut === -1 ? '' : stored.slice(cut + 1) };
}

function sideOf(row: { supplier_company_id: string }, companyId: string): PartySide {
  return row.supplier_company_id === companyId ? 'supplier' : 'buyer';
}

/** The dispute locked for a change by one of its parties (and, on an invoice, within the member's branches). */
async function lockDispute(trx: Executor, actor: CompanyActor, disputeId: string) {
  const dispute = await trx
    .selectFrom('disputes')
    .selectAll()
    .where('id', '=', disputeId)
    .where((eb) => eb.or([eb('supplier_company_id', '=', actor.companyId), eb('buyer_company_id', '=', actor.companyId)]))
    .forUpdate()
    .executeTakeFirst();
  if (!dispute) throw notFound('Dispute');
  const side = sideOf(dispute, actor.companyId);
  const invoice = dispute.invoice_id
    ? await trx
        .selectFrom('invoices')
        .select(['supplier_branch_id', 'buyer_branch_id'])
        .where('id', '=', dispute.invoice_id)
        .executeTakeFirstOrThrow()
    : null;
  if (!reachesInvoiceBranch(actor, side, invoice)) throw notFound('Dispute');
  return { dispute, side, raisedByUs: dispute.raised_by_company_id === actor.companyId };
}
type DisputeRow = Awaited<ReturnType<typeof lockDispute>>['dispute'];

async function recordDisputeChange(
  trx: Executor,
  ctx: ServiceContext,
  actor: CompanyActor,
  dispute: DisputeRow,
  action: 'dispute.opened' | 'dispute.responded' | 'dispute.resolved' | 'dispute.withdrawn',
  change: { before?: Record<string, unknown>; after: Record<string, unknown> },
) {
  await recordChange(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action,
    entityType: 'dispute',
    entityId: dispute.id,
    ...change,
    payload: {
      buyerCompanyId: dispute.buyer_company_id,
      supplierCompanyId: dispute.supplier_company_id,
      actorCompanyId: actor.companyId,
      document: dispute.number,
      total: money(dispute.amount),
      currency: dispute.currency,
    },
    audience: [dispute.supplier_company_id, dispute.buyer_company_id],
  });
}

function illegal(dispute: { status: string }, what: string) {
  return appError('CONFLICT', 'ILLEGAL_TRANSITION', `Cannot ${what} a dispute that is ${dispute.status}.`);
}

export function openDispute(ctx: ServiceContext, actor: CompanyActor, input: OpenDisputeInput): Promise<{ id: string; number: string }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    let parties: { supplierCompanyId: string; buyerCompanyId: string; currency: string; limit: string; limitText: string };
    if (input.invoiceId) {
      const { invoice } = await findPartyInvoice(trx, actor, input.invoiceId, { lock: true });
      if (!['issued', 'partly_paid', 'paid'].includes(invoice.status)) {
        throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Only an issued invoice can be disputed; this one is ${invoice.status}.`);
      }
      const owed = invoiceBalance({ ...invoice, tdsAmount: invoice.tds_amount });
      const open = await trx
        .selectFrom('disputes')
        .select(sql<string>`coalesce(sum(amount), 0)::text`.as('disputed'))
        .where('invoice_id', '=', invoice.id)
        .where('status', 'in', [...LIVE])
        .executeTakeFirstOrThrow();
      const limit = money(dec(owed).minus(open.disputed));
      parties = {
        supplierCompanyId: invoice.supplier_company_id,
        buyerCompanyId: invoice.buyer_company_id,
        currency: invoice.currency,
        limit,
        limitText: `the ${limit} still owed on the invoice and not already disputed`,
      };
    } else {
      const found = await findContractParties(trx, input.contractId ?? '');
      const contract = found && [found.sellerCompanyId, found.buyerCompanyId].includes(actor.companyId) ? found : undefined;
      // A contract carries no branch: it is the whole company's (a branch-limited member cannot reach it).
      if (!contract || !canReachBranch(actor, null)) throw notFound('Contract');
      if (contract.status === 'cancelled') throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'A cancelled contract cannot be disputed.');
      parties = {
        supplierCompanyId: contract.sellerCompanyId,
        buyerCompanyId: contract.buyerCompanyId,
        currency: contract.currency.trim(),
        limit: money(contract.value),
        limitText: `the contract's value ${money(contract.value)}`,
      };
    }
    if (dec(input.amount).greaterThan(parties.limit)) throw invalidFields({ amount: `must be at most ${parties.limitText}` });
    const fileIds = [...new Set(input.evidenceFileIds)];
    await assertOwnEvidence(trx, actor.companyId, fileIds);
    const now = ctx.deps.clock.now();
    const { today } = await companyCalendar(trx, actor.companyId, now);
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: 'DSP', date: today });
    const dispute = await trx
      .insertInto('disputes')
      .values({
        supplier_company_id: parties.supplierCompanyId,
        buyer_company_id: parties.buyerCompanyId,
        raised_by_company_id: actor.companyId,
        invoice_id: input.invoiceId ?? null,
        contract_id: input.contractId ?? null,
        number,
        amount: money(input.amount),
        currency: parties.currency,
        reason: storedReason(input.reason, input.description),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertDisputeEvidence(trx, dispute.id, fileIds);
    if (dispute.invoice_id) await refreshInvoiceBalance(trx, dispute.invoice_id);
    await recordDisputeChange(trx, ctx, actor, dispute, 'dispute.opened', {
      after: { number, status: 'open', amount: dispute.amount, reason: input.reason, evidence: fileIds.length },
    });
    return { id: dispute.id, number };
  });
}

export function respondToDispute(ctx: ServiceContext, actor: CompanyActor, input: { disputeId: string; response: string }) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { dispute, raisedByUs } = await lockDispute(trx, actor, input.disputeId);
    if (raisedByUs) throw appError('CONFLICT', 'WRONG_SIDE', 'The other side responds to a dispute, not the side that raised it.');
    if (dispute.status !== 'open') throw illegal(dispute, 'respond to');
    const now = ctx.deps.clock.now();
    const updated = await trx
      .updateTable('disputes')
      .set((eb) => ({
        status: 'responded',
        response: input.response,
        responded_at: now,
        responded_by: actor.userId,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', dispute.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordDisputeChange(trx, ctx, actor, updated, 'dispute.responded', {
      before: { status: dispute.status },
      after: { status: 'responded' },
    });
    return { id: updated.id, status: updated.status };
  });
}

export function resolveDispute(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { disputeId: string; outcome: DisputeOutcome; amount?: string; note?: string },
) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { dispute, side } = await lockDispute(trx, actor, input.disputeId);
    if (side !== 'supplier') throw appError('CONFLICT', 'WRONG_SIDE', 'The supplier resolves a dispute.');
    if (!(LIVE as readonly string[]).includes(dispute.status)) throw illegal(dispute, 'resolve');
    if (input.outcome !== 'no_change' && !dispute.invoice_id) {
      throw invalidFields({ outcome: 'a contract dispute resolves without a note: issue the note on the contract’s invoice' });
    }
    if (input.outcome === 'no_change' && input.amount !== undefined) throw invalidFields({ amount: 'is only for a credit or debit note' });
    const now = ctx.deps.clock.now();
    // Resolved first, so the note's refresh of the invoice no longer counts the amount as disputed.
    await trx
      .updateTable('disputes')
      .set((eb) => ({
        status: 'resolved',
        resolution: input.outcome,
        resolution_note: input.note ?? null,
        resolved_at: now,
        resolved_by: actor.userId,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', dispute.id)
      .execute();
    let note: { id: string; number: string; total: string } | null = null;
    if (input.outcome !== 'no_change' && dispute.invoice_id) {
      note = await issueNote(trx, ctx, actor, {
        invoiceId: dispute.invoice_id,
        kind: input.outcome === 'credit_note' ? 'credit' : 'debit',
        reason: 'dispute',
        description: input.note ?? `Resolution of dispute ${dispute.number}`,
        amount: money(input.amount ?? dispute.amount),
        disputeId: dispute.id,
      });
      await trx.updateTable('disputes').set({ note_id: note.id }).where('id', '=', dispute.id).execute();
    } else if (dispute.invoice_id) {
      await refreshInvoiceBalance(trx, dispute.invoice_id);
    }
    await recordDisputeChange(trx, ctx, actor, dispute, 'dispute.resolved', {
      before: { status: dispute.status },
      after: { status: 'resolved', outcome: input.outcome, note: note?.number ?? null, noteTotal: note?.total ?? null },
    });
    return { id: dispute.id, status: 'resolved' as const, note: note ? { id: note.id, number: note.number } : null };
  });
}

export function withdrawDispute(ctx: ServiceContext, actor: CompanyActor, input: { disputeId: string }) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const { dispute, raisedByUs } = await lockDispute(trx, actor, input.disputeId);
    if (!raisedByUs) throw appError('CONFLICT', 'WRONG_SIDE', 'Only the side that raised a dispute may withdraw it.');
    if (!(LIVE as readonly string[]).includes(dispute.status)) throw illegal(dispute, 'withdraw');
    const now = ctx.deps.clock.now();
    const updated = await trx
      .updateTable('disputes')
      .set((eb) => ({ status: 'withdrawn', withdrawn_at: now, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', dispute.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (dispute.invoice_id) await refreshInvoiceBalance(trx, dispute.invoice_id);
    await recordDisputeChange(trx, ctx, actor, updated, 'dispute.withdrawn', {
      before: { status: dispute.status },
      after: { status: 'withdrawn' },
    });
    return { id: updated.id, status: updated.status };
  });
}

function disputeRows(db: Executor, actor: CompanyActor) {
  let query = db
    .selectFrom('disputes as d')
    .leftJoin('invoices as i', 'i.id', 'd.invoice_id')
    .select((eb) => [
      'd.id',
      'd.number',
      'd.status',
      'd.supplier_company_id',
      'd.buyer_company_id',
      'd.raised_by_company_id',
      companyNameOf(eb.ref('d.supplier_company_id')).as('supplierName'),
      companyNameOf(eb.ref('d.buyer_company_id')).as('buyerName'),
      'd.invoice_id as invoiceId',
      'i.number as invoiceNumber',
      'd.contract_id as contractId',
      'd.amount',
      'd.currency',
      'd.reason',
      isoTimestamp(eb.ref('d.created_at')).as('createdAt'),
    ])
    .where((eb) => eb.or([eb('d.supplier_company_id', '=', actor.companyId), eb('d.buyer_company_id', '=', actor.companyId)]));
  // A branch-limited member reaches only disputes on invoices of its branches (its side's branch).
  if (isBranchLimited(actor)) {
    const branches = [...(actor.branchIds ?? [])];
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('d.supplier_company_id', '=', actor.companyId), eb('i.supplier_branch_id', 'in', branches)]),
        eb.and([eb('d.buyer_company_id', '=', actor.companyId), eb('i.buyer_branch_id', 'in', branches)]),
      ]),
    );
  }
  return query;
}
type ListRow = Awaited<ReturnType<ReturnType<typeof disputeRows>['execute']>>[number];

function toSummary(actor: CompanyActor, row: ListRow): DisputeSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    side: sideOf(row, actor.companyId),
    raisedByUs: row.raised_by_company_id === actor.companyId,
    supplier: { id: row.supplier_company_id, name: row.supplierName },
    buyer: { id: row.buyer_company_id, name: row.buyerName },
    invoiceId: row.invoiceId,
    invoiceNumber: row.invoiceNumber,
    contractId: row.contractId,
    amount: row.amount,
    currency: row.currency.trim(),
    reason: readReason(row.reason).reason,
    createdAt: row.createdAt,
  };
}

export async function listDisputes(ctx: ServiceContext, actor: CompanyActor, input: DisputeListInput) {
  const db = ctx.deps.db;
  if (input.invoiceId) await findPartyInvoice(db, actor, input.invoiceId);
  let query = disputeRows(db, actor)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(input.limit + 1);
  if (input.status) query = query.where('d.status', '=', input.status);
  if (input.invoiceId) query = query.where('d.invoice_id', '=', input.invoiceId);
  if (input.cursor) {
    const scope = (alias: string) =>
      sql<SqlBool>`(${sql.ref(`${alias}.supplier_company_id`)} = ${actor.companyId} or ${sql.ref(`${alias}.buyer_company_id`)} = ${actor.companyId})`;
    query = query.where(
      afterCursorRow(input.cursor, { name: 'disputes', alias: 'd' }, (alias) => sql.ref(`${alias}.created_at`), 'desc', scope),
    );
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit).map((row) => toSummary(actor, row));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

export async function getDispute(ctx: ServiceContext, actor: CompanyActor, disputeId: string): Promise<DisputeDetail> {
  const db = ctx.deps.db;
  const row = await disputeRows(db, actor)
    .leftJoin('invoice_notes as n', 'n.dispute_id', 'd.id')
    .select((eb) => [
      'd.response',
      isoTimestamp(eb.ref('d.responded_at')).as('respondedAt'),
      'd.resolution',
      'd.resolution_note as resolutionNote',
      isoTimestamp(eb.ref('d.resolved_at')).as('resolvedAt'),
      isoTimestamp(eb.ref('d.withdrawn_at')).as('withdrawnAt'),
      'n.id as noteId',
      'n.number as noteNumber',
      'n.kind as noteKind',
      'n.total as noteTotal',
    ])
    .where('d.id', '=', disputeId)
    .executeTakeFirst();
  if (!row) throw notFound('Dispute');
  const evidenceIds = await db.selectFrom('dispute_evidence').select('file_id').where('dispute_id', '=', disputeId).execute();
  const files = await describeFiles(
    db,
    evidenceIds.map((e) => e.file_id),
  );
  const summary = toSummary(actor, row);
  return {
    ...summary,
    description: readReason(row.reason).description,
    response: row.response,
    respondedAt: row.respondedAt,
    resolution: row.resolution,
    resolutionNote: row.resolutionNote,
    note:
      row.noteId && row.noteNumber && row.noteKind && row.noteTotal
        ? { id: row.noteId, number: row.noteNumber, kind: row.noteKind, total: row.noteTotal }
        : null,
    resolvedAt: row.resolvedAt,
    withdrawnAt: row.withdrawnAt,
    evidence: [...files.values()].map((file) => ({
      fileId: file.fileId,
      name: file.filename,
      contentType: file.mime,
      sizeBytes: file.sizeBytes,
    })),
    actions: disputeActions(summary),
  };
}

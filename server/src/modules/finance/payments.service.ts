import type { Executor } from '@tradeloom/db';
import {
  type AllocatePaymentInput,
  dec,
  money,
  type PaymentDirection,
  type PaymentListInput,
  type RecordPaymentInput,
} from '@tradeloom/shared';
import { sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { canReachBranch, isBranchLimited } from '../../lib/branch-scope.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, conflictOnField, invalidFields, notFound } from '../../trpc/errors.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { recordChange } from '../events/record-change.ts';
import { areLinked, linkRolesWith } from '../partners/accepted-links.ts';
import { assertDocumentDateOpen } from '../settings/financial-years.service.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { invoiceBalance, refreshInvoiceBalance } from './invoice-balance.ts';

// Payments one company records: received from a buyer (we are the invoices' supplier) or made to
// a supplier (we are their buyer). Allocations tie a payment to the partner's open invoices; what
// is left is an advance. Every allocation change locks the payment and the invoices (in id order,
// so two payments allocating to the same invoices queue rather than deadlock) and refreshes each
// invoice's running figures in the same transaction: concurrent allocations never over-allocate.

/** Receipts are numbered RCT-2026-000001, payments made PAY-2026-000001, from the company's series. */
const PAYMENT_DOC_TYPE: Record<PaymentDirection, string> = { received: 'RCT', made: 'PAY' };

type AllocationRequest = { invoiceId: string; amount: string };

interface LockedPayment {
  id: string;
  number: string;
  company_id: string;
  partner_company_id: string;
  direction: PaymentDirection;
  branch_id: string | null;
  amount: string;
  allocated_amount: string;
  currency: string;
  status: 'recorded' | 'reversed';
  version: number;
}

/** Our side of an invoice for a payment of this direction: received → we supplied it. */
function sidesOf(direction: PaymentDirection) {
  return direction === 'received'
    ? ({ own: 'supplier_company_id', partner: 'buyer_company_id', branch: 'supplier_branch_id' } as const)
    : ({ own: 'buyer_company_id', partner: 'supplier_company_id', branch: 'buyer_branch_id' } as const);
}

/** What the invoice still owes by the records of the side that pays or is paid. */
export function owedOn(
  invoice: {
    total: string;
    tds_amount: string;
    credited_amount: string;
    debited_amount: string;
    received_amount: string;
    paid_amount: string;
  },
  direction: PaymentDirection,
): string {
  return invoiceBalance({
    total: invoice.total,
    tdsAmount: invoice.tds_amount,
    credited_amount: invoice.credited_amount,
    debited_amount: invoice.debited_amount,
    received_amount: direction === 'received' ? invoice.received_amount : invoice.paid_amount,
  });
}

/** Checks and writes allocations of a locked payment; refreshes each invoice. Throws, changing nothing, on any rule broken. */
async function applyAllocations(trx: Executor, actor: CompanyActor, payment: LockedPayment, requests: AllocationRequest[]): Promise<void> {
  if (requests.length === 0) return;
  const sides = sidesOf(payment.direction);
  const ids = [...new Set(requests.map((request) => request.invoiceId))].sort();
  const invoices = await trx
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'status',
      'currency',
      'total',
      'tds_amount',
      'credited_amount',
      'debited_amount',
      'received_amount',
      'paid_amount',
      `${sides.branch} as branchId`,
    ])
    .where('id', 'in', ids)
    .where(sides.own, '=', actor.companyId)
    .where(sides.partner, '=', payment.partner_company_id)
    .where('status', '<>', 'draft')
    .orderBy('id')
    .forUpdate()
    .execute();
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  let total = dec(0);
  for (const [index, request] of requests.entries()) {
    const invoice = byId.get(request.invoiceId);
    // Another company's invoice, one of another partner, or a branch the member does not work for.
    if (!invoice || !canReachBranch(actor, invoice.branchId)) throw notFound('Invoice');
    const label = invoice.number ?? 'the invoice';
    if (invoice.currency !== payment.currency) {
      throw conflictOnField(
        `allocations.${index}.invoiceId`,
        `${label} is in ${invoice.currency}, the payment in ${payment.currency}; allocate only to invoices in the payment’s currency.`,
        'CURRENCY_MISMATCH',
      );
    }
    if (invoice.status === 'cancelled') {
      throw conflictOnField(
        `allocations.${index}.invoiceId`,
        `${label} is cancelled; nothing can be allocated to it.`,
        'ILLEGAL_TRANSITION',
      );
    }
    const owed = owedOn(invoice, payment.direction);
    if (dec(request.amount).greaterThan(owed)) {
      throw conflictOnField(
        `allocations.${index}.amount`,
        `${money(request.amount)} is more than ${label} still owes (${money(dec(owed).isNegative() ? 0 : owed)}).`,
        'OVER_ALLOCATION',
      );
    }
    total = total.plus(request.amount);
  }
  const left = dec(payment.amount).minus(payment.allocated_amount);
  if (total.greaterThan(left)) {
    throw conflictOnField(
      'allocations',
      `The allocations add up to ${money(total)}, more than the ${money(left)} of the payment left to allocate.`,
      'OVER_ALLOCATION',
    );
  }
  await trx
    .insertInto('payment_allocations')
    .values(
      requests.map((request) => ({
        payment_id: payment.id,
        invoice_id: request.invoiceId,
        amount: money(request.amount),
        created_by: actor.userId,
      })),
    )
    .execute();
  await trx
    .updateTable('payments')
    .set((eb) => ({ allocated_amount: money(dec(payment.allocated_amount).plus(total)), version: eb('version', '+', 1) }))
    .where('id', '=', payment.id)
    .execute();
  for (const id of ids) await refreshInvoiceBalance(trx, id);
}

/** Whether we received from or paid the partner, when the caller did not say. */
async function inferDirection(
  trx: Executor,
  actor: CompanyActor,
  partnerId: string,
  firstInvoiceId: string | undefined,
): Promise<PaymentDirection | null> {
  const sideOf = async (where: { invoiceId?: string }) => {
    let query = trx
      .selectFrom('invoices')
      .select(sql<PaymentDirection>`case when supplier_company_id = ${actor.companyId} then 'received' else 'made' end`.as('direction'))
      .where('status', '<>', 'draft')
      .where((eb) =>
        eb.or([
          eb.and([eb('supplier_company_id', '=', actor.companyId), eb('buyer_company_id', '=', partnerId)]),
          eb.and([eb('buyer_company_id', '=', actor.companyId), eb('supplier_company_id', '=', partnerId)]),
        ]),
      );
    if (where.invoiceId) query = query.where('id', '=', where.invoiceId);
    return (await query.groupBy(sql`1`).execute()).map((row) => row.direction);
  };
  if (firstInvoiceId) {
    const [direction] = await sideOf({ invoiceId: firstInvoiceId });
    if (!direction) throw notFound('Invoice');
    return direction;
  }
  const directions = await sideOf({});
  if (directions.length === 1) return directions[0] ?? null;
  const roles = await linkRolesWith(trx, actor.companyId, partnerId);
  if (roles.length !== 1) return null;
  return roles[0] === 'supplier' ? 'received' : 'made';
}

/** A partner we may record payments with: a linked company, or one we have invoices with. */
async function assertPartner(trx: Executor, actor: CompanyActor, partnerId: string): Promise<void> {
  if (partnerId === actor.companyId) throw notFound('Partner');
  if (await areLinked(trx, actor.companyId, partnerId)) return;
  const invoice = await trx
    .selectFrom('invoices')
    .select('id')
    .where('status', '<>', 'draft')
    .where((eb) =>
      eb.or([
        eb.and([eb('supplier_company_id', '=', actor.companyId), eb('buyer_company_id', '=', partnerId)]),
        eb.and([eb('buyer_company_id', '=', actor.companyId), eb('supplier_company_id', '=', partnerId)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  if (!invoice) throw notFound('Partner');
}

async function recordPaymentChange(
  trx: Executor,
  ctx: ServiceContext,
  actor: CompanyActor,
  action: 'payment.recorded' | 'payment.allocated' | 'payment.reversed',
  payment: LockedPayment,
  details: { invoiceIds: string[]; before?: Record<string, unknown>; after?: Record<string, unknown> },
) {
  // The three events share one payload; TypeScript cannot check a union of names against it.
  await recordChange(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: action as 'payment.recorded',
    entityType: 'payment',
    entityId: payment.id,
    before: details.before,
    after: details.after,
    payload: {
      actorCompanyId: actor.companyId,
      partnerCompanyId: payment.partner_company_id,
      direction: payment.direction,
      document: payment.number,
      amount: payment.amount,
      currency: payment.currency,
      invoiceIds: details.invoiceIds,
    },
    // The partner sees the allocations on its invoices: its open screens refresh too.
    audience: [actor.companyId, payment.partner_company_id],
  });
}

const PAYMENT_COLUMNS = [
  'id',
  'number',
  'company_id',
  'partner_company_id',
  'direction',
  'branch_id',
  'amount',
  'allocated_amount',
  'currency',
  'status',
  'version',
] as const;

export async function recordPayment(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: RecordPaymentInput,
): Promise<{ id: string; number: string }> {
  const { idempotencyKey, ...fingerprinted } = input;
  return idempotent(
    ctx.deps.db,
    actor,
    { procedure: 'finance.payments.record', key: idempotencyKey, input: fingerprinted },
    async (trx) => {
      await assertPartner(trx, actor, input.partnerId);
      const direction = input.direction ?? (await inferDirection(trx, actor, input.partnerId, input.allocations[0]?.invoiceId));
      if (!direction) throw invalidFields({ direction: 'say whether this payment was received from or made to the partner' });
      await assertDocumentDateOpen(trx, actor.companyId, input.receivedAt);
      // A member limited to branches records for its (first) branch; the invoices' branch otherwise.
      const branchId = isBranchLimited(actor) ? (actor.branchIds?.[0] ?? null) : null;
      const number = await nextDocumentNumber(trx, {
        companyId: actor.companyId,
        docType: PAYMENT_DOC_TYPE[direction],
        date: input.receivedAt,
      });
      const payment = await trx
        .insertInto('payments')
        .values({
          company_id: actor.companyId,
          partner_company_id: input.partnerId,
          direction,
          number,
          branch_id: branchId,
          amount: money(input.amount),
          currency: input.currency,
          paid_on: input.receivedAt,
          method: input.method,
          reference: input.reference,
          note: input.note ?? null,
          created_by: actor.userId,
          created_at: ctx.deps.clock.now(),
          updated_at: ctx.deps.clock.now(),
        })
        .returning(PAYMENT_COLUMNS)
        .executeTakeFirstOrThrow();
      await applyAllocations(trx, actor, payment, input.allocations);
      await recordPaymentChange(trx, ctx, actor, 'payment.recorded', payment, {
        invoiceIds: input.allocations.map((allocation) => allocation.invoiceId),
        after: {
          amount: payment.amount,
          currency: payment.currency,
          method: input.method,
          paidOn: input.receivedAt,
          allocations: input.allocations,
        },
      });
      return { id: payment.id, number };
    },
  );
}

/** Our payment, locked for a change; another company's (or another branch's) is NOT_FOUND. */
async function lockPayment(trx: Executor, actor: CompanyActor, paymentId: string): Promise<LockedPayment> {
  const payment = await trx
    .selectFrom('payments')
    .select(PAYMENT_COLUMNS)
    .where('id', '=', paymentId)
    .where('company_id', '=', actor.companyId)
    .forUpdate()
    .executeTakeFirst();
  if (!payment || !canReachBranch(actor, payment.branch_id)) throw notFound('Payment');
  return payment;
}

export async function allocatePayment(ctx: ServiceContext, actor: CompanyActor, input: AllocatePaymentInput): Promise<{ id: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, actor, input.paymentId);
    if (payment.status === 'reversed')
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'This payment was reversed; it cannot be allocated.');
    await applyAllocations(trx, actor, payment, input.allocations);
    await recordPaymentChange(trx, ctx, actor, 'payment.allocated', payment, {
      invoiceIds: input.allocations.map((allocation) => allocation.invoiceId),
      before: { allocatedAmount: payment.allocated_amount },
      after: { allocations: input.allocations },
    });
    return { id: payment.id };
  });
}

export async function reversePayment(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { paymentId: string; reason: string },
): Promise<{ id: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const payment = await lockPayment(trx, actor, input.paymentId);
    if (payment.status === 'reversed') throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'This payment is already reversed.');
    const allocations = await trx
      .updateTable('payment_allocations')
      .set({ reversed: true })
      .where('payment_id', '=', payment.id)
      .where('reversed', '=', false)
      .returning('invoice_id')
      .execute();
    const now = ctx.deps.clock.now();
    await trx
      .updateTable('payments')
      .set((eb) => ({
        status: 'reversed',
        reversed_at: now,
        reversed_by: actor.userId,
        reversal_reason: input.reason,
        allocated_amount: '0',
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', payment.id)
      .execute();
    const invoiceIds = [...new Set(allocations.map((row) => row.invoice_id))].sort();
    for (const id of invoiceIds) await refreshInvoiceBalance(trx, id);
    await recordPaymentChange(trx, ctx, actor, 'payment.reversed', payment, {
      invoiceIds,
      before: { status: 'recorded', allocatedAmount: payment.allocated_amount },
      after: { status: 'reversed', reason: input.reason },
    });
    return { id: payment.id };
  });
}

function paymentRows(db: Executor, actor: CompanyActor) {
  return db
    .selectFrom('payments as p')
    .select((eb) => [
      'p.id',
      'p.number',
      'p.direction',
      'p.partner_company_id as partnerId',
      companyNameOf(eb.ref('p.partner_company_id')).as('partnerName'),
      'p.amount',
      'p.allocated_amount as allocatedAmount',
      sql<string>`(p.amount - p.allocated_amount)::numeric(18,2)::text`.as('unallocated'),
      'p.currency',
      'p.paid_on as paidOn',
      'p.method',
      'p.reference',
      'p.status',
      isoTimestamp(eb.ref('p.created_at')).as('createdAt'),
      'p.branch_id as branchId',
    ])
    .where('p.company_id', '=', actor.companyId);
}

function withoutBranch<T extends { branchId: string | null }>(row: T): Omit<T, 'branchId'> {
  const { branchId: _branchId, ...rest } = row;
  return rest;
}

export async function getPayment(ctx: ServiceContext, actor: CompanyActor, paymentId: string) {
  const db = ctx.deps.db;
  const row = await paymentRows(db, actor)
    .select((eb) => ['p.note', 'p.reversal_reason as reversalReason', isoTimestamp(eb.ref('p.reversed_at')).as('reversedAt'), 'p.version'])
    .where('p.id', '=', paymentId)
    .executeTakeFirst();
  if (!row || !canReachBranch(actor, row.branchId)) throw notFound('Payment');
  const allocations = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
    .select((eb) => [
      'a.id',
      'a.invoice_id as invoiceId',
      'i.number as invoiceNumber',
      'a.amount',
      'a.reversed',
      isoTimestamp(eb.ref('a.created_at')).as('createdAt'),
    ])
    .where('a.payment_id', '=', paymentId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return { ...withoutBranch(row), allocations };
}

function encodePaymentCursor(row: { paidOn: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.paidOn, row.id])).toString('base64url');
}

function decodePaymentCursor(cursor: string): { paidOn: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      /^\d{4}-\d{2}-\d{2}$/.test(String(value[0])) &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(value[1]))
    ) {
      return { paidOn: String(value[0]), id: String(value[1]) };
    }
  } catch {
    // falls through to the field error
  }
  throw invalidFields({ cursor: 'is not a valid cursor' });
}

/** Newest first by payment date, keyset-paged on (paid_on, id). */
export async function listPayments(ctx: ServiceContext, actor: CompanyActor, input: PaymentListInput) {
  let query = paymentRows(ctx.deps.db, actor)
    .orderBy('p.paid_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(input.limit + 1);
  if (isBranchLimited(actor)) query = query.where('p.branch_id', 'in', [...(actor.branchIds ?? [])]);
  if (input.direction) query = query.where('p.direction', '=', input.direction);
  if (input.partnerId) query = query.where('p.partner_company_id', '=', input.partnerId);
  if (input.status) query = query.where('p.status', '=', input.status);
  if (input.unallocated) query = query.where('p.status', '=', 'recorded').whereRef('p.allocated_amount', '<', 'p.amount');
  if (input.from) query = query.where('p.paid_on', '>=', input.from);
  if (input.to) query = query.where('p.paid_on', '<=', input.to);
  if (input.cursor) {
    const after = decodePaymentCursor(input.cursor);
    query = query.where(sql<boolean>`(p.paid_on, p.id) < (${after.paidOn}::date, ${after.id}::uuid)`);
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit).map(withoutBranch);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodePaymentCursor(last) : null };
}

/**
 * The allocations on an invoice, for either party: each side's own payments link to them; the
 * other side's show what it recorded (a receipt or a payment) without its internal number.
 */
export async function invoicePayments(ctx: ServiceContext, actor: CompanyActor, invoiceId: string) {
  const db = ctx.deps.db;
  const invoice = await db
    .selectFrom('invoices')
    .select([
      'id',
      'status',
      'currency',
      'total',
      'tds_amount',
      'credited_amount',
      'debited_amount',
      'received_amount',
      'paid_amount',
      'supplier_company_id',
      'buyer_company_id',
      'supplier_branch_id',
      'buyer_branch_id',
    ])
    .where('id', '=', invoiceId)
    .where((eb) =>
      eb.or([
        eb('supplier_company_id', '=', actor.companyId),
        // The buyer never sees the supplier's drafts.
        eb.and([eb('buyer_company_id', '=', actor.companyId), eb('status', '<>', 'draft')]),
      ]),
    )
    .executeTakeFirst();
  const side = invoice?.supplier_company_id === actor.companyId ? 'supplier' : 'buyer';
  if (!invoice || !canReachBranch(actor, side === 'supplier' ? invoice.supplier_branch_id : invoice.buyer_branch_id))
    throw notFound('Invoice');
  const rows = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select([
      'a.id',
      'p.id as paymentId',
      'p.number as paymentNumber',
      'p.company_id as companyId',
      'p.direction',
      'a.amount',
      'p.currency',
      'p.paid_on as paidOn',
      'p.method',
      'p.reference',
      'a.reversed',
    ])
    .where('a.invoice_id', '=', invoiceId)
    .orderBy('p.paid_on')
    .orderBy('a.created_at')
    .execute();
  const allocations = rows.map((row) => {
    const own = row.companyId === actor.companyId;
    return {
      id: row.id,
      paymentId: own ? row.paymentId : null,
      paymentNumber: own ? row.paymentNumber : null,
      own,
      recordedBy: row.direction === 'received' ? ('supplier' as const) : ('buyer' as const),
      amount: row.amount,
      currency: row.currency,
      paidOn: row.paidOn,
      method: row.method,
      reference: own ? row.reference : '',
      reversed: row.reversed,
    };
  });
  return {
    invoiceId: invoice.id,
    partnerId: side === 'supplier' ? invoice.buyer_company_id : invoice.supplier_company_id,
    currency: invoice.currency,
    total: invoice.total,
    balance: owedOn(invoice, side === 'supplier' ? 'received' : 'made'),
    status: invoice.status,
    side,
    allocations,
  } as const;
}

import { type Executor, inTransaction, type Tx } from '@tradeloom/db';
import { type CreateInvoiceInput, dec, type InvoiceDetail, money } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { canReachBranch } from '../../lib/branch-scope.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { isBranchOf } from '../companies/company-reads.ts';
import { gstRegistrationOf } from '../companies/gst-registration.ts';
import { orderLineDeliveryTotals } from '../deliveries/delivery-quantities.ts';
import { recordChange } from '../events/record-change.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { findOrderForInvoicing, lockPartyOrderForInvoicing, orderLinesForInvoicing } from '../orders/order-invoicing.ts';
import { assertDocumentDateOpen, findFinancialYear } from '../settings/financial-years.service.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { exceedsCreditLimit } from './credit-exposure.ts';
import { computeInvoiceGst } from './gst.ts';
import { threeWayMatch } from './invoice-match.ts';
import { getInvoice, lockVisibleInvoice } from './invoice-views.service.ts';

/** The supplier's tax invoice series: INV-2026-27/000001, per financial year. */
export const INVOICE_DOC_TYPE = 'INV';

/** Per order line, what non-cancelled invoices (drafts included) already bill. */
export async function invoicedQuantities(trx: Executor, orderId: string): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['l.order_line_id as orderLineId', sql<string>`coalesce(sum(l.quantity), 0)::text`.as('quantity')])
    .where('i.order_id', '=', orderId)
    .where('i.status', '<>', 'cancelled')
    .where('l.order_line_id', 'is not', null)
    .groupBy('l.order_line_id')
    .execute();
  return new Map(rows.map((row) => [row.orderLineId as string, row.quantity]));
}

/** The due date the order's payment terms give an invoice dated `invoiceDate`. */
export function dueDateFor(terms: { kind: string | null; days: number | null }, invoiceDate: string): string {
  if (terms.kind !== 'net' || !terms.days) return invoiceDate;
  const date = new Date(`${invoiceDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + terms.days);
  return date.toISOString().slice(0, 10);
}

/** The supplier's branch the invoice is raised from: the one named, or a branch-limited member's only branch. */
export async function invoicingBranch(trx: Tx, actor: CompanyActor, branchId: string | undefined): Promise<string | null> {
  if (branchId && !(await isBranchOf(trx, actor.companyId, branchId))) {
    throw invalidFields({ branchId: 'is not a branch of your company' });
  }
  const chosen = branchId ?? (actor.branchIds?.length === 1 ? (actor.branchIds[0] as string) : null);
  if (!canReachBranch(actor, chosen)) throw invalidFields({ branchId: 'choose one of the branches you work for' });
  return chosen;
}

export async function createInvoice(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: CreateInvoiceInput & { orderId: string },
): Promise<{ id: string; version: number }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    // Locking the order queues concurrent invoices of it: each sees what the previous one took.
    const order = await lockPartyOrderForInvoicing(trx, input.orderId, actor.companyId);
    if (!order) throw notFound('Order');
    if (order.supplier_company_id !== actor.companyId) throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the supplier invoices an order.');
    const branchId = await invoicingBranch(trx, actor, input.branchId);
    const orderLines = await orderLinesForInvoicing(trx, order.id);
    const delivered = await orderLineDeliveryTotals(trx, order.id);
    const invoiced = await invoicedQuantities(trx, order.id);
    const remaining = (lineId: string) => dec(delivered.get(lineId)?.dispatched ?? 0).minus(invoiced.get(lineId) ?? 0);
    // The input schema requires an orderLineId on every line of an order invoice.
    const requested =
      input.lines?.map((line) => ({ orderLineId: line.orderLineId as string, quantity: line.quantity })) ??
      orderLines
        .filter((line) => remaining(line.id).greaterThan(0))
        .map((line) => ({ orderLineId: line.id, quantity: money(remaining(line.id), 3) }));
    if (requested.length === 0) {
      throw appError('CONFLICT', 'QUANTITY_EXCEEDS_REMAINING', 'Nothing dispatched on this order remains to be invoiced.');
    }
    const byId = new Map(orderLines.map((line) => [line.id, line]));
    const problems: Record<string, string> = {};
    const seen = new Set<string>();
    let exceeds = false;
    requested.forEach((line, index) => {
      const orderLine = byId.get(line.orderLineId);
      if (!orderLine) problems[`lines.${index}.orderLineId`] = 'is not a line of this order';
      else if (seen.has(line.orderLineId)) problems[`lines.${index}.orderLineId`] = 'appears twice';
      else if (dec(line.quantity).greaterThan(remaining(line.orderLineId))) {
        exceeds = true;
        const left = money(Decimal0(remaining(line.orderLineId)), 3);
        problems[`lines.${index}.quantity`] = `is more than remains to invoice: ${left} ${orderLine.unit} dispatched and not yet invoiced`;
      }
      seen.add(line.orderLineId);
    });
    if (Object.keys(problems).length) throw invalidFields(problems, exceeds ? 'QUANTITY_EXCEEDS_REMAINING' : undefined);

    const { today } = await companyCalendar(trx, actor.companyId, ctx.deps.clock.now());
    const invoiceDate = input.invoiceDate ?? today;
    const lines = requested.map((line) => {
      const orderLine = byId.get(line.orderLineId) as NonNullable<ReturnType<typeof byId.get>>;
      return { ...orderLine, orderLineId: orderLine.id, deliveryLineId: null, quantity: line.quantity };
    });
    return writeInvoice(trx, ctx, actor, input, {
      supplierCompanyId: order.supplier_company_id,
      buyerCompanyId: order.buyer_company_id,
      orderId: order.id,
      contractId: null,
      supplierBranchId: branchId,
      buyerBranchId: order.ship_to_branch_id,
      invoiceDate,
      dueDate: dueDateFor({ kind: order.payment_terms, days: order.payment_term_days }, invoiceDate),
      currency: order.currency,
      lines,
      audit: { orderId: order.id },
    });
  });
}

/** A line as an invoice stores it: what it bills (an order line, a contract delivery's line, or nothing) and its price and rate. */
export interface InvoiceLineDraft {
  orderLineId: string | null;
  deliveryLineId: string | null;
  productId: string | null;
  description: string;
  hsnCode: string | null;
  quantity: string;
  unit: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

/** Common to the ways to raise an invoice (order, contract, free): GST from the parties' states, then the draft and its lines. */
export async function writeInvoice(
  trx: Tx,
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { reverseCharge?: boolean; tdsPercent?: string; tcsPercent?: string; note?: string },
  head: {
    supplierCompanyId: string;
    buyerCompanyId: string;
    orderId: string | null;
    contractId: string | null;
    supplierBranchId: string | null;
    buyerBranchId: string | null;
    invoiceDate: string;
    dueDate: string;
    currency: string;
    lines: InvoiceLineDraft[];
    audit: Record<string, unknown>;
  },
): Promise<{ id: string; version: number }> {
  const { invoiceDate, lines } = head;
  await assertDocumentDateOpen(trx, actor.companyId, invoiceDate);
  const supplier = await gstRegistrationOf(trx, head.supplierCompanyId, head.supplierBranchId);
  const buyer = await gstRegistrationOf(trx, head.buyerCompanyId, head.buyerBranchId);
  const gst = computeInvoiceGst({
    supplier,
    buyer,
    lines,
    reverseCharge: input.reverseCharge,
    tdsPercent: input.tdsPercent,
    tcsPercent: input.tcsPercent,
  });
  const invoice = await trx
    .insertInto('invoices')
    .values({
      supplier_company_id: head.supplierCompanyId,
      buyer_company_id: head.buyerCompanyId,
      order_id: head.orderId,
      contract_id: head.contractId,
      supplier_branch_id: head.supplierBranchId,
      buyer_branch_id: head.buyerBranchId,
      invoice_date: invoiceDate,
      due_date: head.dueDate,
      currency: head.currency,
      tax_regime: gst.regime,
      place_of_supply: gst.placeOfSupply,
      supplier_gstin: supplier.gstin,
      buyer_gstin: buyer.gstin,
      reverse_charge: gst.reverseCharge,
      subtotal: gst.subtotal,
      taxable: gst.taxable,
      cgst: gst.cgst,
      sgst: gst.sgst,
      igst: gst.igst,
      tax: gst.tax,
      round_off: gst.roundOff,
      total: gst.total,
      tds_percent: gst.tdsPercent,
      tds_amount: gst.tdsAmount,
      tcs_percent: gst.tcsPercent,
      tcs_amount: gst.tcsAmount,
      supplier_note: input.note || null,
      created_by: actor.userId,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_lines')
    .values(
      lines.map((line, index) => {
        const taxed = gst.lines[index] as (typeof gst.lines)[number];
        return {
          invoice_id: invoice.id,
          line_no: index + 1,
          order_line_id: line.orderLineId,
          delivery_line_id: line.deliveryLineId,
          product_id: line.productId,
          description: line.description,
          hsn_code: line.hsnCode,
          quantity: line.quantity,
          unit: line.unit,
          unit_price: line.unitPrice,
          discount_percent: line.discountPercent,
          tax_rate: taxed.taxRate,
          gross: taxed.gross,
          discount: taxed.discount,
          taxable: taxed.taxable,
          cgst: taxed.cgst,
          sgst: taxed.sgst,
          igst: taxed.igst,
          tax: taxed.tax,
          total: taxed.total,
        };
      }),
    )
    .execute();
  await recordChange(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: 'invoice.created',
    entityType: 'invoice',
    entityId: invoice.id,
    after: { ...head.audit, total: gst.total, lines: lines.length },
  });
  return invoice;
}

const Decimal0 = (value: ReturnType<typeof dec>) => (value.isNegative() ? dec(0) : value);

function parties(invoice: { buyer_company_id: string; supplier_company_id: string }, actor: CompanyActor) {
  return { buyerCompanyId: invoice.buyer_company_id, supplierCompanyId: invoice.supplier_company_id, actorCompanyId: actor.companyId };
}

export async function issueInvoice(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { invoiceId: string; version: number; overrideCreditLimit?: boolean },
): Promise<InvoiceDetail> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const invoice = await lockVisibleInvoice(trx, actor, input.invoiceId);
    if (invoice.supplier_company_id !== actor.companyId) throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the supplier issues an invoice.');
    if (invoice.version !== input.version) throw staleVersion('invoice');
    if (invoice.status !== 'draft')
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `This invoice is already ${invoice.status.replace('_', ' ')}.`);
    await assertDocumentDateOpen(trx, actor.companyId, invoice.invoice_date);
    // Two issues for one buyer at once must not both fit under the limit: one waits for the other.
    await lockUntilCommit(trx, 'credit-limit', invoice.supplier_company_id, invoice.buyer_company_id);
    const credit = await exceedsCreditLimit(trx, invoice.supplier_company_id, invoice.buyer_company_id, invoice.total);
    let overLimitApprovedBy: string | null = null;
    if (credit.exceeds) {
      const canApprove = actor.permissions.has('finance:approve');
      if (!input.overrideCreditLimit || !canApprove) {
        throw appError(
          'CONFLICT',
          'CREDIT_LIMIT_EXCEEDED',
          `Issuing this invoice takes the buyer to ${money(dec(credit.exposure).plus(invoice.total))} against a credit limit of ${credit.limit}. ` +
            (canApprove ? 'Confirm the override to issue it anyway.' : 'A manager must approve issuing it.'),
        );
      }
      overLimitApprovedBy = actor.userId;
    }
    const number = await nextDocumentNumber(trx, {
      companyId: actor.companyId,
      docType: INVOICE_DOC_TYPE,
      date: invoice.invoice_date,
      style: 'financialYear',
    });
    const year = await findFinancialYear(trx, actor.companyId, invoice.invoice_date);
    const now = ctx.deps.clock.now();
    await trx
      .updateTable('invoices')
      .set((eb) => ({
        status: 'issued',
        number,
        financial_year: year?.label ?? null,
        issued_at: now,
        issued_by: actor.userId,
        over_limit_approved_by: overLimitApprovedBy,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', invoice.id)
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'invoice.issued',
      entityType: 'invoice',
      entityId: invoice.id,
      before: { status: 'draft' },
      after: { status: 'issued', number, total: invoice.total, ...(overLimitApprovedBy ? { overCreditLimit: true } : {}) },
      payload: { ...parties(invoice, actor), document: number, total: invoice.total, currency: invoice.currency },
      audience: [invoice.supplier_company_id, invoice.buyer_company_id],
    });
  });
  return getInvoice(ctx, actor, input.invoiceId);
}

/**
 * Cancels an issued invoice while nothing is paid on it (it keeps its number, and its quantities
 * become invoiceable again); a draft, which has no number, is discarded instead.
 */
export async function cancelInvoice(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { invoiceId: string; version: number; reason: string },
): Promise<{ id: string; status: 'cancelled' | 'discarded' }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const invoice = await lockVisibleInvoice(trx, actor, input.invoiceId);
    if (invoice.supplier_company_id !== actor.companyId) throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the supplier cancels an invoice.');
    if (invoice.version !== input.version) throw staleVersion('invoice');
    const payments = await trx
      .selectFrom('payment_allocations')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('invoice_id', '=', invoice.id)
      .where('reversed', '=', false)
      .executeTakeFirstOrThrow();
    if (Number(payments.count) > 0) {
      throw appError('CONFLICT', 'INVOICE_HAS_PAYMENTS', 'Payments are allocated to this invoice: reverse them before cancelling it.');
    }
    if (invoice.status !== 'draft' && invoice.status !== 'issued') {
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `An invoice that is ${invoice.status.replace('_', ' ')} cannot be cancelled.`);
    }
    await assertDocumentDateOpen(trx, actor.companyId, invoice.invoice_date);
    if (invoice.status === 'draft') {
      await trx.deleteFrom('invoice_lines').where('invoice_id', '=', invoice.id).execute();
      await trx.deleteFrom('invoices').where('id', '=', invoice.id).execute();
      await recordChange(trx, actor, ctx.request, {
        companyId: actor.companyId,
        action: 'invoice.discarded',
        entityType: 'invoice',
        entityId: invoice.id,
        before: { status: 'draft', total: invoice.total },
        after: { reason: input.reason },
      });
      return { id: invoice.id, status: 'discarded' as const };
    }
    const now = ctx.deps.clock.now();
    await trx
      .updateTable('invoices')
      .set((eb) => ({
        status: 'cancelled',
        cancelled_at: now,
        cancel_reason: input.reason,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', invoice.id)
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'invoice.cancelled',
      entityType: 'invoice',
      entityId: invoice.id,
      before: { status: invoice.status },
      after: { status: 'cancelled', reason: input.reason },
      payload: { ...parties(invoice, actor), document: invoice.number ?? undefined, total: invoice.total, currency: invoice.currency },
      audience: [invoice.supplier_company_id, invoice.buyer_company_id],
    });
    return { id: invoice.id, status: 'cancelled' as const };
  });
}

/**
 * The buyer's manager approves a purchase invoice for payment after the three-way match; a
 * flagged invoice needs the flags acknowledged explicitly. What the match found is kept with it.
 */
export async function approveInvoiceForPayment(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { invoiceId: string; acknowledgeFlags?: boolean },
): Promise<InvoiceDetail> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const invoice = await lockVisibleInvoice(trx, actor, input.invoiceId);
    if (invoice.buyer_company_id !== actor.companyId) {
      throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the buyer approves a purchase invoice for payment.');
    }
    if (invoice.status === 'cancelled')
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'A cancelled invoice cannot be approved for payment.');
    if (invoice.approved_for_payment_at) throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'This invoice is already approved for payment.');
    const match = await threeWayMatch(trx, invoice);
    if (match.status === 'flagged' && !input.acknowledgeFlags) {
      throw appError(
        'CONFLICT',
        'MATCH_FLAGGED',
        `The three-way match flagged ${match.flags.length === 1 ? 'a line' : `${match.flags.length} findings`}: review them and acknowledge to approve anyway.`,
      );
    }
    const now = ctx.deps.clock.now();
    await trx
      .updateTable('invoices')
      .set((eb) => ({
        match_status: match.status,
        match_flags: JSON.stringify(match.flags),
        approved_for_payment_at: now,
        approved_for_payment_by: actor.userId,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', invoice.id)
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'invoice.approved_for_payment',
      entityType: 'invoice',
      entityId: invoice.id,
      after: { matchStatus: match.status, flags: match.flags.length, acknowledged: match.status === 'flagged' },
      audience: [actor.companyId],
    });
  });
  return getInvoice(ctx, actor, input.invoiceId);
}

/**
 * What the supplier may still invoice on an order, per line: dispatched, already invoiced (on
 * invoices not cancelled, drafts included) and what remains, with the price and HSN rate the
 * invoice will carry. The invoice form starts from it.
 */
export async function invoiceableLines(ctx: ServiceContext, actor: CompanyActor, orderId: string) {
  const db = ctx.deps.db;
  const order = await findOrderForInvoicing(db, orderId, actor.companyId);
  if (!order) throw notFound('Order');
  if (order.supplier_company_id !== actor.companyId) throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the supplier invoices an order.');
  const [lines, delivered, invoiced] = await Promise.all([
    orderLinesForInvoicing(db, order.id),
    orderLineDeliveryTotals(db, order.id),
    invoicedQuantities(db, order.id),
  ]);
  return {
    orderId: order.id,
    orderNumber: order.supplier_number,
    buyerId: order.buyer_company_id,
    currency: order.currency,
    lines: lines.map((line) => {
      const dispatched = money(delivered.get(line.id)?.dispatched ?? 0, 3);
      const billed = money(invoiced.get(line.id) ?? 0, 3);
      return {
        orderLineId: line.id,
        lineNo: line.lineNo,
        description: line.description,
        hsnCode: line.hsnCode,
        unit: line.unit,
        unitPrice: line.unitPrice,
        taxRate: line.taxRate,
        ordered: money(line.quantity, 3),
        dispatched,
        invoiced: billed,
        remaining: money(Decimal0(dec(dispatched).minus(billed)), 3),
      };
    }),
  };
}

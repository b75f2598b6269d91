import type { Database, Tx } from '@tradeloom/db';
import type { CreateOrderInput, OrderSide, OrderSummary, UpdateOrderInput } from '@tradeloom/shared';
import type { InsertObject } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { appError, notFound, staleVersion } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findOrderApprovalThreshold, replaceOrderApprovalThreshold } from '../companies/company-settings.ts';
import { assertLinked } from '../partners/accepted-links.ts';
import { assertYearOpen, findFinancialYear } from '../settings/financial-years.service.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { recordOrderChange } from './order-changes.ts';
import { companyCalendar } from './order-due-dates.ts';
import { computeOrder, type OrderTotals, type PricedLine, totalsColumns } from './order-pricing.ts';
import { SUMMARY_COLUMNS, toSummary } from './order-summary.ts';
import { assertTermsValid, termsChange, termsColumns, termsForAudit } from './order-terms.ts';
import { DOC_TYPE, findPartyOrder, sideIn, writeLines } from './orders.repository.ts';

export async function createOrder(ctx: ServiceContext, actor: CompanyActor, input: CreateOrderInput): Promise<OrderSummary> {
  const side: OrderSide = input.supplierId ? 'buyer' : 'supplier';
  const buyerId = side === 'buyer' ? actor.companyId : (input.buyerId as string);
  const supplierId = side === 'buyer' ? (input.supplierId as string) : actor.companyId;
  const { idempotencyKey, ...fingerprinted } = input;
  return idempotent(ctx.deps.db, actor, { procedure: 'orders.create', key: idempotencyKey, input: fingerprinted }, async (trx) => {
    // A partner you are not linked with (or another company's unclaimed counterparty) is not found.
    await assertLinked(trx, buyerId, supplierId, side === 'buyer' ? 'Supplier' : 'Buyer');
    // "Today" is the acting company's calendar day, not UTC's (India is 5½ hours ahead).
    const { today } = await companyCalendar(trx, actor.companyId, ctx.deps.clock.now());
    await assertTermsValid(trx, input, buyerId, today);
    const { regime, priced, totals, currency, needsApproval } = await computeOrder(
      trx,
      { buyerId, supplierId, creator: side },
      input.lines,
    );
    const orderDate = input.orderDate ?? today;
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: DOC_TYPE[side], date: orderDate });
    const order = await insertOrder(
      trx,
      {
        buyer_company_id: buyerId,
        supplier_company_id: supplierId,
        created_by_side: side,
        buyer_number: side === 'buyer' ? number : null,
        supplier_number: side === 'supplier' ? number : null,
        order_date: orderDate,
        currency,
        tax_regime: regime,
        needs_approval: needsApproval,
        buyer_note: side === 'buyer' ? input.note || null : null,
        supplier_note: side === 'supplier' ? input.note || null : null,
        ...termsColumns(input),
        created_by: actor.userId,
      },
      priced,
      totals,
    );
    await recordOrderChange(trx, ctx, actor, {
      orderId: order.id,
      action: 'order.created',
      after: {
        number,
        total: totals.total,
        lines: priced.length,
        ...(await termsForAudit(trx, {
          requested_delivery_date: input.requestedDeliveryDate ?? null,
          payment_terms: input.paymentTerms?.kind ?? null,
          payment_term_days: input.paymentTerms?.days ?? null,
          ship_to_branch_id: input.shipToBranchId ?? null,
        })),
      },
    });
    return toSummary(order);
  });
}

/** Inserts an order with its priced lines and totals: a new order here, an awarded one (awarded-orders.ts). */
export async function insertOrder(
  trx: Tx,
  values: Omit<InsertObject<Database, 'orders'>, keyof ReturnType<typeof totalsColumns>>,
  priced: PricedLine[],
  totals: OrderTotals,
) {
  const order = await trx
    .insertInto('orders')
    .values({ ...values, ...totalsColumns(totals) })
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow();
  await writeLines(trx, order.id, priced, totals, false);
  return order;
}

/**
 * A draft's number belongs to the financial year of its date: the date may move within that
 * year while the year is open, not into another one.
 */
async function assertDateKeepsNumber(trx: Tx, companyId: string, numberedOn: string, newDate: string) {
  const numberedIn = await findFinancialYear(trx, companyId, numberedOn);
  if (numberedIn) assertYearOpen(numberedIn, numberedOn);
  if (newDate === numberedOn) return;
  const movedTo = await findFinancialYear(trx, companyId, newDate);
  if (movedTo) assertYearOpen(movedTo, newDate);
  if (numberedIn?.id !== movedTo?.id) {
    throw appError(
      'CONFLICT',
      'FINANCIAL_YEAR_MISMATCH',
      `The order is numbered in financial year ${numberedIn?.label ?? 'of its date'}; its date must stay within that year.`,
    );
  }
}

export async function updateOrder(ctx: ServiceContext, actor: CompanyActor, input: UpdateOrderInput): Promise<OrderSummary> {
  return idempotent(ctx.deps.db, actor, { procedure: 'orders.update', key: undefined, input }, async (trx) => {
    const order = await findPartyOrder(trx, input.orderId, actor.companyId).forUpdate().executeTakeFirst();
    if (!order) throw notFound('Order');
    const side = sideIn(order, actor.companyId);
    if (order.created_by_side !== side) throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the company that drafted the order can edit it.');
    if (order.status !== 'draft') throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Only a draft can be edited.');
    if (order.version !== input.version) throw staleVersion('order');
    await assertDateKeepsNumber(trx, actor.companyId, order.order_date, input.orderDate ?? order.order_date);
    await assertTermsValid(trx, input, order.buyer_company_id, ctx.deps.clock.now().toISOString().slice(0, 10));
    const { priced, totals, needsApproval } = await computeOrder(
      trx,
      { buyerId: order.buyer_company_id, supplierId: order.supplier_company_id, creator: side },
      input.lines,
    );
    const updated = await trx
      .updateTable('orders')
      .set((eb) => ({
        ...totalsColumns(totals),
        order_date: input.orderDate ?? order.order_date,
        needs_approval: needsApproval,
        // A left-out note stays; an empty one clears it.
        [side === 'buyer' ? 'buyer_note' : 'supplier_note']: input.note === undefined ? undefined : input.note || null,
        ...termsColumns(input),
        version: eb('version', '+', 1),
        updated_at: ctx.deps.clock.now(),
      }))
      .where('id', '=', order.id)
      .where('version', '=', input.version)
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirst();
    if (!updated) throw staleVersion('order');
    await writeLines(trx, order.id, priced, totals, true);
    await recordOrderChange(trx, ctx, actor, {
      orderId: order.id,
      action: 'order.updated',
      ...(await termsChange(trx, order, input, totals.total)),
    });
    return toSummary(updated);
  });
}

/** Orders our company creates above this total need a manager's approval before they are sent. */
export async function approvalThreshold(ctx: ServiceContext, actor: CompanyActor) {
  return findOrderApprovalThreshold(ctx.deps.db, actor.companyId);
}

export async function setApprovalThreshold(ctx: ServiceContext, actor: CompanyActor, threshold: string | null) {
  return idempotent(ctx.deps.db, actor, { procedure: 'orders.setApprovalThreshold', key: undefined, input: threshold }, async (trx) => {
    const before = await replaceOrderApprovalThreshold(trx, actor.companyId, threshold);
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.order_approval_threshold_changed',
      entityType: 'company',
      entityId: actor.companyId,
      before: { threshold: before },
      after: { threshold },
    });
    return { threshold };
  });
}

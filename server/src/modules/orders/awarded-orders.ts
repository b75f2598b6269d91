import type { Tx } from '@tradeloom/db';
import { type OrderLineInputValue, type PaymentTerms, permissionDeniedMessage } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError } from '../../trpc/errors.ts';
import { companyTaxIdOf, isCompanyClaimed } from '../companies/company-reads.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { recordOrderChange } from './order-changes.ts';
import { companyCalendar } from './order-due-dates.ts';
import { computeOrder } from './order-pricing.ts';
import { DOC_TYPE, partiesSeeing } from './orders.repository.ts';
import { insertOrder } from './orders.service.ts';

export interface AwardedOrder {
  supplierId: string;
  /** The tender's currency: the award's prices are normalised to it. */
  currency: string;
  lines: OrderLineInputValue[];
  paymentTerms: PaymentTerms | null;
  requestedDeliveryDate: string | null;
  /** The tender it came from, for the buyer's note: "Awarded from RFQ-…". */
  note: string;
}

/**
 * An order a tender's award makes, in the award's transaction: priced and taxed like any order,
 * numbered on both sides and sent at once (the supplier quoted these terms). Above the buyer's
 * approval threshold the awarding member must be allowed to approve orders: their award is the
 * approval. Returns the order's id and the buyer's number.
 */
export async function createAwardedOrder(trx: Tx, ctx: ServiceContext, actor: CompanyActor, award: AwardedOrder) {
  const buyerId = actor.companyId;
  const { supplierId } = award;
  const { regime, priced, totals, needsApproval } = await computeOrder(trx, { buyerId, supplierId, creator: 'buyer' }, award.lines);
  if (needsApproval && !actor.permissions.has('orders:approve')) {
    throw appError('FORBIDDEN', 'NEEDS_APPROVER', permissionDeniedMessage('orders:approve'));
  }
  const now = ctx.deps.clock.now();
  const { today } = await companyCalendar(trx, buyerId, now);
  const buyerNumber = await nextDocumentNumber(trx, { companyId: buyerId, docType: DOC_TYPE.buyer, date: today });
  // As when an order is sent: a supplier not on Tradeloom yet never numbers it.
  const supplierNumber = (await isCompanyClaimed(trx, supplierId))
    ? await nextDocumentNumber(trx, { companyId: supplierId, docType: DOC_TYPE.supplier, date: today })
    : null;
  // A tender's delivery date that has passed by the award is not a date the supplier can meet.
  const deliveryDate = award.requestedDeliveryDate && award.requestedDeliveryDate >= today ? award.requestedDeliveryDate : null;
  const order = await insertOrder(
    trx,
    {
      buyer_company_id: buyerId,
      supplier_company_id: supplierId,
      created_by_side: 'buyer',
      buyer_number: buyerNumber,
      supplier_number: supplierNumber,
      status: 'submitted',
      order_date: today,
      currency: award.currency,
      tax_regime: regime,
      needs_approval: needsApproval,
      buyer_note: award.note,
      requested_delivery_date: deliveryDate,
      payment_terms: award.paymentTerms?.kind ?? null,
      payment_term_days: award.paymentTerms?.days ?? null,
      buyer_gstin: companyTaxIdOf(buyerId),
      supplier_gstin: companyTaxIdOf(supplierId),
      created_by: actor.userId,
      submitted_by: actor.userId,
      submitted_at: now,
      approved_by: needsApproval ? actor.userId : null,
    },
    priced,
    totals,
  );
  await recordOrderChange(trx, ctx, actor, {
    orderId: order.id,
    action: 'order.created',
    after: { number: buyerNumber, total: totals.total, lines: priced.length, source: award.note },
  });
  await recordOrderChange(trx, ctx, actor, {
    orderId: order.id,
    action: 'order.submit',
    event: 'order.submitted',
    before: { status: 'draft' },
    after: { status: 'submitted' },
    payload: {
      buyerCompanyId: buyerId,
      supplierCompanyId: supplierId,
      actorCompanyId: buyerId,
      action: 'submit',
      document: buyerNumber,
      total: totals.total,
      currency: award.currency,
    },
    audience: partiesSeeing({
      buyer_company_id: buyerId,
      supplier_company_id: supplierId,
      buyer_number: buyerNumber,
      supplier_number: supplierNumber,
    }),
  });
  return { id: order.id, buyerNumber, supplierNumber, total: totals.total };
}

import { availableOrderActions, type OrderDetail, orderActionPermission } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notFound } from '../../trpc/errors.ts';
import { sharedEntityHistory } from '../audit/entity-history.ts';
import { companyClaimedOf, companyNameOf } from '../companies/company-reads.ts';
import { readTerms } from './order-terms.ts';
import { findPartyOrder, sideIn } from './orders.repository.ts';

/** One order as this party sees it: its own number and note, never the other side's note. */
export async function getOrder(ctx: ServiceContext, actor: CompanyActor, orderId: string): Promise<OrderDetail> {
  const { db } = ctx.deps;
  // The partner's name comes with the order: the other party of the two.
  const order = await findPartyOrder(db, orderId, actor.companyId)
    .select((eb) => {
      const partnerId = eb
        .case()
        .when('orders.buyer_company_id', '=', actor.companyId)
        .then(eb.ref('orders.supplier_company_id'))
        .else(eb.ref('orders.buyer_company_id'))
        .end();
      return [companyNameOf(partnerId).as('partner_name'), companyClaimedOf(partnerId).as('partner_claimed')];
    })
    .executeTakeFirst();
  if (!order) throw notFound('Order');
  const side = sideIn(order, actor.companyId);
  const partner = {
    id: side === 'buyer' ? order.supplier_company_id : order.buyer_company_id,
    name: order.partner_name,
    claimed: order.partner_claimed,
  };
  const lines = await db
    .selectFrom('order_lines')
    .select([
      'id',
      'line_no as lineNo',
      'product_id as productId',
      'description',
      'quantity',
      'unit',
      'unit_price as unitPrice',
      'discount_percent as discountPercent',
      'hsn_code as hsnCode',
      'tax_rate as taxRate',
      'taxable',
      'cgst',
      'sgst',
      'igst',
      'tax',
      'total',
    ])
    .where('order_id', '=', order.id)
    .orderBy('line_no')
    .execute();
  const isCreatorSide = order.created_by_side === side;
  return {
    id: order.id,
    side,
    number: side === 'buyer' ? order.buyer_number : order.supplier_number,
    partnerNumber: side === 'buyer' ? order.supplier_number : order.buyer_number,
    partner,
    status: order.status,
    orderDate: order.order_date,
    currency: order.currency,
    taxRegime: order.tax_regime,
    subtotal: order.subtotal,
    discount: order.discount,
    taxable: order.taxable,
    cgst: order.cgst,
    sgst: order.sgst,
    igst: order.igst,
    tax: order.tax,
    total: order.total,
    needsApproval: order.needs_approval,
    note: side === 'buyer' ? order.buyer_note : order.supplier_note,
    ...(await readTerms(db, order)),
    version: order.version,
    createdAt: order.created_at.toISOString(),
    /** Our side drafted it and has not sent it yet: lines, date and note can still change. */
    editable: isCreatorSide && order.status === 'draft',
    lines,
    actions: availableOrderActions(
      { status: order.status, needsApproval: order.needs_approval },
      {
        side,
        isCreatorSide,
        canApprove: actor.permissions.has('orders:approve'),
        isSubmitter: order.submitted_by === actor.userId,
        partnerOffline: !order.partner_claimed,
      },
      // Only what this person may do: a viewer is offered nothing, staff no accept or reject.
    ).filter((action) => actor.permissions.has(orderActionPermission(action))),
  };
}

// The counterparty's drafting steps stay private; its decisions on the shared order are history.
const SHARED_ACTIONS = [
  'order.submit',
  'order.approve',
  'order.accept',
  'order.reject',
  'order.start',
  'order.ship',
  'order.deliver',
  'order.complete',
  'order.cancel',
  'order.file_attached',
  'order.file_detached',
];

/** What happened to the order: all of our company's entries and the other party's decisions. */
export async function orderHistory(ctx: ServiceContext, actor: CompanyActor, orderId: string) {
  const { db } = ctx.deps;
  const order = await findPartyOrder(db, orderId, actor.companyId).executeTakeFirst();
  if (!order) throw notFound('Order');
  return sharedEntityHistory(db, {
    entityType: 'order',
    entityId: order.id,
    viewerCompanyId: actor.companyId,
    sharedActions: SHARED_ACTIONS,
  });
}

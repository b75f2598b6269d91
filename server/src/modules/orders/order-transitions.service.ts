import {
  type OrderAction,
  type OrderSide,
  type OrderStatus,
  type OrderSummary,
  permissionDeniedMessage,
  transitionOrder,
} from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { appError, notFound, staleVersion } from '../../trpc/errors.ts';
import { companyTaxIdOf, isCompanyClaimed } from '../companies/company-reads.ts';
import { assertWithinCreditLimit } from '../finance/credit-limits.service.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { recordOrderChange } from './order-changes.ts';
import { companyCalendar } from './order-due-dates.ts';
import { SUMMARY_COLUMNS, toSummary } from './order-summary.ts';
import { assertDeliveryDateAhead, termsForAudit } from './order-terms.ts';
import { DOC_TYPE, findPartyOrder, partiesSeeing, sideIn } from './orders.repository.ts';

// The cycle-time report measures from these; each is stamped the first time the order gets there.
const MILESTONES = { submitted: 'submitted_at', accepted: 'accepted_at', delivered: 'delivered_at' } as const;

function milestoneReached(next: OrderStatus, at: Date) {
  const column = MILESTONES[next as keyof typeof MILESTONES];
  return column ? { [column]: at } : {};
}

export async function changeOrderStatus(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { orderId: string; action: OrderAction; version: number; overrideCreditLimit?: boolean; idempotencyKey?: string },
): Promise<OrderSummary> {
  const { idempotencyKey, ...fingerprinted } = input;
  return idempotent(ctx.deps.db, actor, { procedure: 'orders.transition', key: idempotencyKey, input: fingerprinted }, async (trx) => {
    const order = await findPartyOrder(trx, input.orderId, actor.companyId).forUpdate().executeTakeFirst();
    if (!order) throw notFound('Order');
    if (order.version !== input.version) throw staleVersion('order');
    const side = sideIn(order, actor.companyId);
    const canApprove = actor.permissions.has('orders:approve');
    const otherSide: OrderSide = side === 'buyer' ? 'supplier' : 'buyer';
    const otherCompany = otherSide === 'buyer' ? order.buyer_company_id : order.supplier_company_id;
    const partnerClaimed = await isCompanyClaimed(trx, otherCompany);
    const result = transitionOrder({ status: order.status, needsApproval: order.needs_approval }, input.action, {
      side,
      isCreatorSide: order.created_by_side === side,
      canApprove,
      isSubmitter: order.submitted_by !== null && order.submitted_by === actor.userId,
      partnerOffline: !partnerClaimed,
    });
    if (!result.ok) {
      const status = result.reason === 'NEEDS_APPROVER' || result.reason === 'SELF_APPROVAL' ? 'FORBIDDEN' : 'CONFLICT';
      throw appError(
        status,
        result.reason,
        `Cannot ${input.action} an order that is ${order.status.replace('_', ' ')} (${result.reason.toLowerCase().replaceAll('_', ' ')}).`,
      );
    }
    // Deciding on a partner's order is a manager's call.
    if ((input.action === 'accept' || input.action === 'reject') && !canApprove) {
      throw appError('FORBIDDEN', 'NEEDS_APPROVER', permissionDeniedMessage('orders:approve'));
    }
    // Accepting an order that takes the buyer past the supplier's credit limit needs a manager's word.
    const credit =
      input.action === 'accept'
        ? await assertWithinCreditLimit(trx, actor, {
            supplierId: order.supplier_company_id,
            buyerId: order.buyer_company_id,
            amount: order.total,
            override: input.overrideCreditLimit,
            what: 'this order',
          })
        : { overridden: false };
    // Sending the order fixes what it says: its delivery date must still lie ahead, and both
    // parties' GSTINs are copied in so a later change to a company's tax id leaves it as sent.
    const sending = result.next === 'submitted';
    if (sending) {
      const { today } = await companyCalendar(trx, actor.companyId, ctx.deps.clock.now());
      assertDeliveryDateAhead(order.requested_delivery_date, today);
    }
    // The other party numbers the order from its own series when it first sees it; a counterparty
    // not on Tradeloom never does, so the order stays with its creator.
    const becomesVisible = partnerClaimed && sending && (otherSide === 'buyer' ? order.buyer_number : order.supplier_number) === null;
    const otherNumber = becomesVisible
      ? await nextDocumentNumber(trx, { companyId: otherCompany, docType: DOC_TYPE[otherSide], date: order.order_date })
      : null;
    const updated = await trx
      .updateTable('orders')
      .set((eb) => ({
        status: result.next,
        version: eb('version', '+', 1),
        updated_at: ctx.deps.clock.now(),
        ...(input.action === 'submit' ? { submitted_by: actor.userId } : {}),
        ...(input.action === 'approve' ? { approved_by: actor.userId } : {}),
        ...(sending
          ? { buyer_gstin: companyTaxIdOf(order.buyer_company_id), supplier_gstin: companyTaxIdOf(order.supplier_company_id) }
          : {}),
        ...(otherNumber ? { [otherSide === 'buyer' ? 'buyer_number' : 'supplier_number']: otherNumber } : {}),
        ...milestoneReached(result.next, ctx.deps.clock.now()),
      }))
      .where('id', '=', order.id)
      .returning([...SUMMARY_COLUMNS, 'buyer_gstin', 'supplier_gstin'])
      .executeTakeFirstOrThrow();
    // What the order was sent with is on record: the terms and the GSTINs just fixed.
    const sentWith = sending
      ? { ...(await termsForAudit(trx, order)), buyerGstin: updated.buyer_gstin, supplierGstin: updated.supplier_gstin }
      : {};
    await recordOrderChange(trx, ctx, actor, {
      orderId: order.id,
      action: `order.${input.action}`,
      event: `order.${result.next}`,
      before: { status: order.status },
      after: { status: result.next, ...sentWith, ...(credit.overridden ? { overrideCreditLimit: true } : {}) },
      payload: {
        buyerCompanyId: order.buyer_company_id,
        supplierCompanyId: order.supplier_company_id,
        actorCompanyId: actor.companyId,
        action: input.action,
        document: updated.buyer_number ?? updated.supplier_number ?? undefined,
        total: updated.total,
        currency: updated.currency,
      },
      audience: partiesSeeing({ ...order, ...updated }),
    });
    return toSummary(updated);
  });
}

import { type Database, type Executor, inTransaction } from '@tradeloom/db';
import {
  type ContractRemaining,
  type DispatchContractInput,
  type DispatchInput,
  type DispatchResult,
  dec,
  type GoodsDeliveryDetail,
  type GoodsDeliveryListInput,
  type OrderRemaining,
  type ReceiveInput,
} from '@tradeloom/shared';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { branchCondition, canReachBranch, isBranchLimited } from '../../lib/branch-scope.ts';
import { afterCursorRow, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { branchNameOf, companyNameOf, findCompanyName, isBranchOf } from '../companies/company-reads.ts';
import { contractNumberOf, lockPartyContract } from '../contracts/contract-deliveries.ts';
import { recordChange } from '../events/record-change.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import {
  DISPATCHABLE_ORDER_STATUSES,
  lockPartyOrder,
  orderLinesForDelivery,
  orderNumberOf,
  refreshOrderFulfilment,
} from '../orders/order-fulfilment.ts';
import { findPartyOrder } from '../orders/orders.repository.ts';
import { assertDocumentDateOpen } from '../settings/financial-years.service.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { orderLineDeliveryTotals } from './delivery-quantities.ts';

/** The supplier's delivery challan series and the buyer's goods receipt series. */
export const DELIVERY_DOC_TYPE = 'DC';
export const RECEIPT_DOC_TYPE = 'GRN';

type DeliveryEb = ExpressionBuilder<Database, 'deliveries'>;

/**
 * The deliveries this actor may see: its company's outgoing ones in branches it may reach, and its
 * incoming ones in branches it may reach. Anything else is not found.
 */
export function deliveryVisibleTo(actor: CompanyActor, side?: 'supplier' | 'buyer') {
  return (eb: DeliveryEb) => {
    const outgoing = eb.and([
      eb('deliveries.supplier_company_id', '=', actor.companyId),
      branchCondition(actor, eb, eb.ref('deliveries.supplier_branch_id')),
    ]);
    const incoming = eb.and([
      eb('deliveries.buyer_company_id', '=', actor.companyId),
      branchCondition(actor, eb, eb.ref('deliveries.buyer_branch_id')),
    ]);
    if (side === 'supplier') return outgoing;
    if (side === 'buyer') return incoming;
    return eb.or([outgoing, incoming]);
  };
}

function findVisibleDelivery(db: Executor, deliveryId: string, actor: CompanyActor) {
  return db.selectFrom('deliveries').selectAll('deliveries').where('deliveries.id', '=', deliveryId).where(deliveryVisibleTo(actor));
}

function sideOf(delivery: { supplier_company_id: string }, actor: CompanyActor): 'supplier' | 'buyer' {
  return delivery.supplier_company_id === actor.companyId ? 'supplier' : 'buyer';
}

const partiesOf = (row: { buyer_company_id: string; supplier_company_id: string }, actor: CompanyActor) => ({
  buyerCompanyId: row.buyer_company_id,
  supplierCompanyId: row.supplier_company_id,
  actorCompanyId: actor.companyId,
});

/** The supplier sends part (or the rest) of an accepted order in one truck. */
export async function dispatchDelivery(ctx: ServiceContext, actor: CompanyActor, input: DispatchInput): Promise<DispatchResult> {
  return inTransaction(ctx.deps.db, async (trx) => {
    // The order row stays locked until commit: two dispatches of one order run one after the other,
    // so the second sees what the first shipped and can never take the order past its quantity.
    const order = await lockPartyOrder(trx, input.orderId, actor.companyId);
    if (!order) throw notFound('Order');
    if (order.supplier_company_id !== actor.companyId) {
      throw appError('CONFLICT', 'WRONG_SIDE', 'Only the supplier dispatches goods against an order.');
    }
    if (!DISPATCHABLE_ORDER_STATUSES.includes(order.status)) {
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Cannot dispatch an order that is ${order.status.replace('_', ' ')}.`);
    }
    const branchId = input.branchId ?? (isBranchLimited(actor) ? (actor.branchIds?.[0] ?? null) : null);
    if (input.branchId && !(await isBranchOf(trx, actor.companyId, input.branchId))) {
      throw invalidFields({ branchId: 'is not one of your branches' });
    }
    if (!canReachBranch(actor, branchId)) throw invalidFields({ branchId: 'is not a branch you may dispatch from' });

    const lines = await orderLinesForDelivery(trx, order.id);
    const byId = new Map(lines.map((line) => [line.id, line]));
    const totals = await orderLineDeliveryTotals(trx, order.id);
    const problems: Record<string, string> = {};
    let exceeds = false;
    input.lines.forEach((line, index) => {
      const orderLine = byId.get(line.orderLineId);
      if (!orderLine) {
        problems[`lines.${index}.orderLineId`] = 'is not a line of this order';
        return;
      }
      const remaining = dec(orderLine.quantity).minus(totals.get(orderLine.id)?.dispatched ?? '0');
      if (dec(line.quantity).gt(remaining)) {
        exceeds = true;
        problems[`lines.${index}.quantity`] = `is more than the ${remaining.toFixed(3)} ${orderLine.unit} left to dispatch`;
      }
    });
    if (Object.keys(problems).length) throw invalidFields(problems, exceeds ? 'QUANTITY_EXCEEDS_REMAINING' : undefined);

    const dispatchDate = input.dispatchDate ?? (await companyCalendar(trx, actor.companyId, ctx.deps.clock.now())).today;
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: DELIVERY_DOC_TYPE, date: dispatchDate });
    const now = ctx.deps.clock.now();
    const delivery = await trx
      .insertInto('deliveries')
      .values({
        supplier_company_id: order.supplier_company_id,
        buyer_company_id: order.buyer_company_id,
        order_id: order.id,
        number,
        supplier_branch_id: branchId,
        buyer_branch_id: order.ship_to_branch_id,
        dispatch_date: dispatchDate,
        transporter: input.transporter || null,
        vehicle_number: input.vehicleNumber ? input.vehicleNumber.toUpperCase() : null,
        lr_number: input.lrNumber || null,
        eway_bill_number: input.ewayBillNumber || null,
        note: input.note || null,
        created_by: actor.userId,
        updated_at: now,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('delivery_lines')
      .values(
        input.lines.map((line, index) => {
          const orderLine = byId.get(line.orderLineId);
          if (!orderLine) throw new Error('unreachable: lines were checked');
          return {
            delivery_id: delivery.id,
            line_no: index + 1,
            order_line_id: orderLine.id,
            description: orderLine.description,
            quantity: line.quantity,
            unit: orderLine.unit,
            bale_count: line.bales ?? null,
            lot_numbers: line.lotNumbers ?? [],
          };
        }),
      )
      .execute();
    await refreshOrderFulfilment(trx, order.id, await orderLineDeliveryTotals(trx, order.id));
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'delivery.dispatched',
      entityType: 'delivery',
      entityId: delivery.id,
      after: { number, orderId: order.id, lines: input.lines.length },
      payload: { ...partiesOf(order, actor), document: number, orderId: order.id },
      audience: [order.supplier_company_id, order.buyer_company_id],
    });
    return { id: delivery.id, number: delivery.number };
  });
}

/** The buyer records what arrived of one delivery: accepted and rejected quantity per line. */
export async function receiveDelivery(ctx: ServiceContext, actor: CompanyActor, input: ReceiveInput): Promise<GoodsDeliveryDetail> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const seen = await findVisibleDelivery(trx, input.deliveryId, actor).executeTakeFirst();
    if (!seen) throw notFound('Delivery');
    if (sideOf(seen, actor) !== 'buyer') throw appError('CONFLICT', 'WRONG_SIDE', 'Only the buyer records the receipt of a delivery.');
    // The order first, as a dispatch locks it: receipts and dispatches of one order queue up.
    if (seen.order_id) await lockPartyOrder(trx, seen.order_id, actor.companyId);
    const delivery = await findVisibleDelivery(trx, input.deliveryId, actor).forUpdate().executeTakeFirstOrThrow();
    if (delivery.status !== 'dispatched') {
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Cannot record a receipt of a delivery that is ${delivery.status}.`);
    }
    const lines = await trx
      .selectFrom('delivery_lines')
      .select(['id', 'order_line_id', 'quantity', 'unit'])
      .where('delivery_id', '=', delivery.id)
      .orderBy('line_no')
      .execute();
    const lineOf = (line: ReceiveInput['lines'][number]) =>
      lines.find((candidate) =>
        line.deliveryLineId ? candidate.id === line.deliveryLineId : candidate.order_line_id === line.orderLineId,
      );
    const problems: Record<string, string> = {};
    const named = new Set<string>();
    const matched = new Map<number, (typeof lines)[number]>();
    input.lines.forEach((line, index) => {
      const deliveryLine = lineOf(line);
      const field = line.deliveryLineId ? 'deliveryLineId' : 'orderLineId';
      if (!deliveryLine || named.has(deliveryLine.id)) {
        problems[`lines.${index}.${field}`] = deliveryLine ? 'is named twice' : 'is not a line of this delivery';
        return;
      }
      named.add(deliveryLine.id);
      matched.set(index, deliveryLine);
      const sum = dec(line.acceptedQuantity).plus(line.rejectedQuantity);
      if (!sum.eq(deliveryLine.quantity)) {
        problems[`lines.${index}.acceptedQuantity`] =
          `and the rejected quantity must add up to the ${dec(deliveryLine.quantity).toFixed(3)} ${deliveryLine.unit} dispatched`;
      }
      if (dec(line.rejectedQuantity).gt(0) && !line.reason) problems[`lines.${index}.reason`] = 'is required when goods are rejected';
    });
    if (!Object.keys(problems).length && named.size !== lines.length) problems.lines = 'must name every line of the delivery';
    if (Object.keys(problems).length) throw invalidFields(problems);

    const receivedOn = input.receivedOn ?? (await companyCalendar(trx, actor.companyId, ctx.deps.clock.now())).today;
    if (receivedOn < delivery.dispatch_date) throw invalidFields({ receivedOn: 'cannot be before the dispatch date' });
    await assertDocumentDateOpen(trx, actor.companyId, receivedOn);
    const receiptNumber = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: RECEIPT_DOC_TYPE, date: receivedOn });
    for (const [index, line] of input.lines.entries()) {
      const goodsDeliveryLine = matched.get(index);
      if (!goodsDeliveryLine) continue;
      await trx
        .updateTable('delivery_lines')
        .set({
          accepted_quantity: line.acceptedQuantity,
          rejected_quantity: line.rejectedQuantity,
          rejection_reason: dec(line.rejectedQuantity).gt(0) ? (line.reason ?? null) : null,
        })
        .where('id', '=', goodsDeliveryLine.id)
        .execute();
    }
    const now = ctx.deps.clock.now();
    await trx
      .updateTable('deliveries')
      .set((eb) => ({
        status: 'received',
        receipt_number: receiptNumber,
        received_on: receivedOn,
        received_at: now,
        received_by: actor.userId,
        receipt_note: input.note || null,
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', delivery.id)
      .execute();
    if (delivery.order_id) await refreshOrderFulfilment(trx, delivery.order_id, await orderLineDeliveryTotals(trx, delivery.order_id));
    const rejected = input.lines.reduce((sum, line) => sum.plus(line.rejectedQuantity), dec(0));
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'delivery.received',
      entityType: 'delivery',
      entityId: delivery.id,
      before: { status: 'dispatched' },
      after: { status: 'received', receiptNumber, rejected: rejected.toFixed(3) },
      payload: { ...partiesOf(delivery, actor), document: delivery.number, orderId: delivery.order_id ?? undefined },
      audience: [delivery.supplier_company_id, delivery.buyer_company_id],
    });
  });
  return getDelivery(ctx, actor, input.deliveryId);
}

/** The supplier withdraws a delivery the buyer has not received yet; its quantities are free again. */
export async function cancelDelivery(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { deliveryId: string; reason?: string },
): Promise<GoodsDeliveryDetail> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const seen = await findVisibleDelivery(trx, input.deliveryId, actor).executeTakeFirst();
    if (!seen) throw notFound('Delivery');
    if (sideOf(seen, actor) !== 'supplier') throw appError('CONFLICT', 'WRONG_SIDE', 'Only the supplier cancels a delivery.');
    if (seen.order_id) await lockPartyOrder(trx, seen.order_id, actor.companyId);
    if (seen.contract_id) await lockPartyContract(trx, seen.contract_id, actor.companyId);
    const delivery = await findVisibleDelivery(trx, input.deliveryId, actor).forUpdate().executeTakeFirstOrThrow();
    if (delivery.status !== 'dispatched') {
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Cannot cancel a delivery that is ${delivery.status}.`);
    }
    await assertDocumentDateOpen(trx, actor.companyId, delivery.dispatch_date);
    await trx
      .updateTable('deliveries')
      .set((eb) => ({ status: 'cancelled', version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
      .where('id', '=', delivery.id)
      .execute();
    if (delivery.order_id) await refreshOrderFulfilment(trx, delivery.order_id, await orderLineDeliveryTotals(trx, delivery.order_id));
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'delivery.cancelled',
      entityType: 'delivery',
      entityId: delivery.id,
      before: { status: 'dispatched' },
      after: { status: 'cancelled', reason: input.reason ?? null },
      payload: { ...partiesOf(delivery, actor), document: delivery.number, orderId: delivery.order_id ?? undefined },
      audience: [delivery.supplier_company_id, delivery.buyer_company_id],
    });
  });
  return getDelivery(ctx, actor, input.deliveryId);
}

/** The side the actor's company is on, as a SQL expression on `deliveries`. */
function sideExpression(actor: CompanyActor) {
  return sql<'supplier' | 'buyer'>`case when deliveries.supplier_company_id = ${actor.companyId} then 'supplier' else 'buyer' end`;
}

/** One delivery with its lines, as the actor's company sees it. */
export async function getDelivery(ctx: ServiceContext, actor: CompanyActor, deliveryId: string): Promise<GoodsDeliveryDetail> {
  const db = ctx.deps.db;
  const row = await db
    .selectFrom('deliveries')
    .select((eb) => [
      'deliveries.id',
      'deliveries.number',
      'deliveries.receipt_number as receiptNumber',
      'deliveries.status',
      'deliveries.order_id as orderId',
      'deliveries.supplier_company_id',
      'deliveries.buyer_company_id',
      'deliveries.supplier_branch_id',
      'deliveries.buyer_branch_id',
      branchNameOf(eb.ref('deliveries.supplier_branch_id') as never).as('supplierBranchName'),
      branchNameOf(eb.ref('deliveries.buyer_branch_id') as never).as('buyerBranchName'),
      orderNumberOf(eb.ref('deliveries.order_id'), sideExpression(actor)).as('orderNumber'),
      'deliveries.contract_id as contractId',
      contractNumberOf(eb.ref('deliveries.contract_id'), sideExpression(actor)).as('contractNumber'),
      'deliveries.dispatch_date as dispatchDate',
      'deliveries.transporter',
      'deliveries.vehicle_number as vehicleNumber',
      'deliveries.lr_number as lrNumber',
      'deliveries.eway_bill_number as ewayBillNumber',
      'deliveries.note',
      'deliveries.received_on as receivedOn',
      'deliveries.receipt_note as receiptNote',
      isoTimestamp(eb.ref('deliveries.created_at')).as('createdAt'),
      'deliveries.version',
    ])
    .where('deliveries.id', '=', deliveryId)
    .where(deliveryVisibleTo(actor))
    .executeTakeFirst();
  if (!row) throw notFound('Delivery');
  const side = row.supplier_company_id === actor.companyId ? 'supplier' : 'buyer';
  const partnerId = side === 'supplier' ? row.buyer_company_id : row.supplier_company_id;
  const [partnerName, lines] = await Promise.all([
    findCompanyName(db, partnerId),
    db
      .selectFrom('delivery_lines')
      .select([
        'id',
        'line_no as lineNo',
        'order_line_id as orderLineId',
        'description',
        'quantity',
        'unit',
        'bale_count as bales',
        'lot_numbers as lotNumbers',
        'accepted_quantity as acceptedQuantity',
        'rejected_quantity as rejectedQuantity',
        'rejection_reason as rejectionReason',
      ])
      .where('delivery_id', '=', row.id)
      .orderBy('line_no')
      .execute(),
  ]);
  const writable = actor.permissions.has('deliveries:write') && row.status === 'dispatched';
  const actions: GoodsDeliveryDetail['actions'] = writable ? [side === 'buyer' ? 'receive' : 'cancel'] : [];
  return {
    id: row.id,
    side,
    number: row.number,
    receiptNumber: row.receiptNumber,
    status: row.status,
    orderId: row.orderId,
    orderNumber: row.orderNumber,
    contractId: row.contractId,
    contractNumber: row.contractNumber,
    partner: { id: partnerId, name: partnerName },
    supplierBranch: row.supplier_branch_id ? { id: row.supplier_branch_id, name: row.supplierBranchName ?? '' } : null,
    buyerBranch: row.buyer_branch_id ? { id: row.buyer_branch_id, name: row.buyerBranchName ?? '' } : null,
    dispatchDate: row.dispatchDate,
    transporter: row.transporter,
    vehicleNumber: row.vehicleNumber,
    lrNumber: row.lrNumber,
    ewayBillNumber: row.ewayBillNumber,
    note: row.note,
    receivedOn: row.receivedOn,
    receiptNote: row.receiptNote,
    createdAt: row.createdAt,
    version: row.version,
    lines,
    actions,
  };
}

/** Our outgoing and incoming deliveries, newest first, keyset-paged. */
export async function listDeliveries(ctx: ServiceContext, actor: CompanyActor, input: GoodsDeliveryListInput) {
  const side = input.side === 'outgoing' ? 'supplier' : input.side === 'incoming' ? 'buyer' : undefined;
  let query = ctx.deps.db
    .selectFrom('deliveries')
    .select((eb) => [
      'deliveries.id',
      sideExpression(actor).as('side'),
      'deliveries.number',
      'deliveries.status',
      'deliveries.order_id as orderId',
      orderNumberOf(eb.ref('deliveries.order_id'), sideExpression(actor)).as('orderNumber'),
      'deliveries.contract_id as contractId',
      contractNumberOf(eb.ref('deliveries.contract_id'), sideExpression(actor)).as('contractNumber'),
      sql<string>`case when deliveries.supplier_company_id = ${actor.companyId} then deliveries.buyer_company_id else deliveries.supplier_company_id end`.as(
        'partnerId',
      ),
      companyNameOf(
        sql`case when deliveries.supplier_company_id = ${actor.companyId} then deliveries.buyer_company_id else deliveries.supplier_company_id end`,
      ).as('partnerName'),
      'deliveries.dispatch_date as dispatchDate',
      'deliveries.vehicle_number as vehicleNumber',
      sql<string>`(select coalesce(sum(dl.quantity), 0)::text from delivery_lines dl where dl.delivery_id = deliveries.id)`.as(
        'totalQuantity',
      ),
      isoTimestamp(eb.ref('deliveries.created_at')).as('createdAt'),
    ])
    .where(deliveryVisibleTo(actor, side))
    .orderBy('deliveries.created_at', 'desc')
    .orderBy('deliveries.id', 'desc')
    .limit(input.limit + 1);
  if (input.orderId) query = query.where('deliveries.order_id', '=', input.orderId);
  if (input.contractId) query = query.where('deliveries.contract_id', '=', input.contractId);
  if (input.status) query = query.where('deliveries.status', '=', input.status);
  if (input.cursor) {
    const scope = (alias: string) =>
      sql<SqlBool>`(${sql.ref(`${alias}.supplier_company_id`)} = ${actor.companyId} or ${sql.ref(`${alias}.buyer_company_id`)} = ${actor.companyId})`;
    query = query.where(
      afterCursorRow(input.cursor, { name: 'deliveries', alias: 'deliveries' }, (alias) => sql.ref(`${alias}.created_at`), 'desc', scope),
    );
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** Per line of an order either party sees: ordered, dispatched, what remains, and the receipt so far. */
export async function orderRemaining(ctx: ServiceContext, actor: CompanyActor, orderId: string): Promise<OrderRemaining> {
  const db = ctx.deps.db;
  const order = await findPartyOrder(db, orderId, actor.companyId).executeTakeFirst();
  if (!order) throw notFound('Order');
  const [lines, totals] = await Promise.all([orderLinesForDelivery(db, order.id), orderLineDeliveryTotals(db, order.id)]);
  return {
    orderId: order.id,
    fulfilment: order.fulfilment,
    dispatchable: DISPATCHABLE_ORDER_STATUSES.includes(order.status),
    lines: lines.map((line) => {
      const total = totals.get(line.id);
      const dispatched = dec(total?.dispatched ?? '0');
      const remaining = dec(line.quantity).minus(dispatched);
      return {
        orderLineId: line.id,
        lineNo: line.lineNo,
        description: line.description,
        unit: line.unit,
        ordered: dec(line.quantity).toFixed(3),
        dispatched: dispatched.toFixed(3),
        remaining: (remaining.gt(0) ? remaining : dec(0)).toFixed(3),
        received: dec(total?.received ?? '0').toFixed(3),
        accepted: dec(total?.accepted ?? '0').toFixed(3),
        rejected: dec(total?.rejected ?? '0').toFixed(3),
      };
    }),
  };
}

/** Which branches a delivery belongs to, for the notification of the party that did not act. */
export function findDeliveryBranches(db: Executor, deliveryId: string) {
  return db
    .selectFrom('deliveries')
    .select(['buyer_company_id as buyerCompanyId', 'buyer_branch_id as buyerBranchId', 'supplier_branch_id as supplierBranchId'])
    .where('id', '=', deliveryId)
    .executeTakeFirst();
}

/** A delivery's parties and challan number, for a complaint about it (the support module). */
export function findDeliveryParties(db: Executor, deliveryId: string) {
  return db
    .selectFrom('deliveries')
    .select(['buyer_company_id as buyerCompanyId', 'supplier_company_id as supplierCompanyId', 'number', 'order_id as orderId'])
    .where('id', '=', deliveryId)
    .executeTakeFirst();
}

/** What has gone against a contract so far, over deliveries that were not cancelled. */
async function contractTotals(db: Executor, contractId: string) {
  return db
    .selectFrom('delivery_lines as l')
    .innerJoin('deliveries as d', 'd.id', 'l.delivery_id')
    .select([
      sql<string>`coalesce(sum(l.quantity), 0)::text`.as('dispatched'),
      sql<string>`coalesce(sum(l.quantity) filter (where d.status = 'received'), 0)::text`.as('received'),
      sql<string>`coalesce(sum(l.accepted_quantity), 0)::text`.as('accepted'),
      sql<string>`coalesce(sum(l.rejected_quantity), 0)::text`.as('rejected'),
    ])
    .where('d.contract_id', '=', contractId)
    .where('d.status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
}

const maxOf = (contract: { quantity: string; tolerancePct: string }) =>
  dec(contract.quantity).times(dec(100).plus(contract.tolerancePct)).div(100);

/** The seller sends part of a contract's quantity in one truck, never past the quantity plus its tolerance. */
export async function dispatchContractDelivery(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: DispatchContractInput,
): Promise<DispatchResult> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const contract = await lockPartyContract(trx, input.contractId, actor.companyId);
    if (!contract) throw notFound('Contract');
    if (contract.sellerCompanyId !== actor.companyId) {
      throw appError('CONFLICT', 'WRONG_SIDE', 'Only the seller dispatches goods against a contract.');
    }
    if (contract.status !== 'active')
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', `Cannot dispatch against a ${contract.status} contract.`);
    const branchId = input.branchId ?? (isBranchLimited(actor) ? (actor.branchIds?.[0] ?? null) : null);
    if (input.branchId && !(await isBranchOf(trx, actor.companyId, input.branchId))) {
      throw invalidFields({ branchId: 'is not one of your branches' });
    }
    if (!canReachBranch(actor, branchId)) throw invalidFields({ branchId: 'is not a branch you may dispatch from' });
    const totals = await contractTotals(trx, contract.id);
    const remaining = maxOf(contract).minus(totals.dispatched);
    if (dec(input.quantity).gt(remaining)) {
      throw invalidFields(
        { quantity: `is more than the ${remaining.toFixed(3)} ${contract.unit} left within the contract's tolerance` },
        'QUANTITY_EXCEEDS_REMAINING',
      );
    }
    const dispatchDate = input.dispatchDate ?? (await companyCalendar(trx, actor.companyId, ctx.deps.clock.now())).today;
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: DELIVERY_DOC_TYPE, date: dispatchDate });
    const delivery = await trx
      .insertInto('deliveries')
      .values({
        supplier_company_id: contract.sellerCompanyId,
        buyer_company_id: contract.buyerCompanyId,
        contract_id: contract.id,
        number,
        supplier_branch_id: branchId,
        buyer_branch_id: null,
        dispatch_date: dispatchDate,
        transporter: input.transporter || null,
        vehicle_number: input.vehicleNumber ? input.vehicleNumber.toUpperCase() : null,
        lr_number: input.lrNumber || null,
        eway_bill_number: input.ewayBillNumber || null,
        note: input.note || null,
        created_by: actor.userId,
        updated_at: ctx.deps.clock.now(),
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('delivery_lines')
      .values({
        delivery_id: delivery.id,
        line_no: 1,
        order_line_id: null,
        description: contract.commodityName,
        quantity: input.quantity,
        unit: contract.unit,
        bale_count: input.bales ?? null,
        lot_numbers: input.lotNumbers ?? [],
      })
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'delivery.dispatched',
      entityType: 'delivery',
      entityId: delivery.id,
      after: { number, contractId: contract.id, quantity: input.quantity },
      payload: {
        buyerCompanyId: contract.buyerCompanyId,
        supplierCompanyId: contract.sellerCompanyId,
        actorCompanyId: actor.companyId,
        document: number,
      },
      audience: [contract.sellerCompanyId, contract.buyerCompanyId],
    });
    return { id: delivery.id, number: delivery.number };
  });
}

/** A contract either party holds: its quantity with tolerance, and what was dispatched and received. */
export async function contractRemaining(ctx: ServiceContext, actor: CompanyActor, contractId: string): Promise<ContractRemaining> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const contract = await lockPartyContract(trx, contractId, actor.companyId);
    if (!contract) throw notFound('Contract');
    const totals = await contractTotals(trx, contract.id);
    const max = maxOf(contract);
    const remaining = max.minus(totals.dispatched);
    return {
      contractId: contract.id,
      unit: contract.unit,
      quantity: dec(contract.quantity).toFixed(3),
      tolerancePct: dec(contract.tolerancePct).toFixed(2),
      maxQuantity: max.toFixed(3),
      dispatched: dec(totals.dispatched).toFixed(3),
      remaining: (remaining.gt(0) ? remaining : dec(0)).toFixed(3),
      received: dec(totals.received).toFixed(3),
      accepted: dec(totals.accepted).toFixed(3),
      rejected: dec(totals.rejected).toFixed(3),
      dispatchable: contract.status === 'active' && contract.sellerCompanyId === actor.companyId,
    };
  });
}

import type { Tx } from '@tradeloom/db';
import {
  availableOrderActions,
  type CreateOrderInput,
  computeOrderTotals,
  dec,
  type OrderAction,
  type OrderDetail,
  type OrderLineInputValue,
  type OrderSide,
  type OrderStatus,
  type OrderSummary,
  taxRegime,
  transitionOrder,
  type UpdateOrderInput,
} from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertYearOpen, findFinancialYear } from '../settings/financial-years.service.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { recordOrderChange } from './order-changes.ts';
import { findPartyOrder, linkAccepted, partiesSeeing, partyTaxProfiles, sideIn } from './orders.repository.ts';

const DOC_TYPE: Record<OrderSide, string> = { buyer: 'PO', supplier: 'SO' };

interface PricedLine extends OrderLineInputValue {
  description: string;
  taxRate: string;
}

/** Fills each line from the supplier's catalog and the HSN master; prices come from the input. */
async function priceLines(trx: Tx, supplierId: string, lines: OrderLineInputValue[]): Promise<PricedLine[]> {
  const productIds = lines.flatMap((line) => (line.productId ? [line.productId] : []));
  const products = productIds.length
    ? await trx
        .selectFrom('products')
        .select(['id', 'name', 'hsn_code'])
        .where('company_id', '=', supplierId)
        .where('active', '=', true)
        .where('id', 'in', productIds)
        .execute()
    : [];
  const byId = new Map(products.map((p) => [p.id, p]));
  const problems: Record<string, string> = {};
  const withHsn = lines.map((line, index) => {
    const product = line.productId ? byId.get(line.productId) : undefined;
    if (line.productId && !product) problems[`lines.${index}.productId`] = 'is not an active product of this supplier';
    return { ...line, description: line.description ?? product?.name ?? '', hsnCode: line.hsnCode ?? product?.hsn_code ?? undefined };
  });
  const hsnCodes = [...new Set(withHsn.flatMap((line) => (line.hsnCode ? [line.hsnCode] : [])))];
  const rates = hsnCodes.length
    ? await trx.selectFrom('hsn_codes').select(['code', 'gst_rate']).where('code', 'in', hsnCodes).execute()
    : [];
  const rateOf = new Map(rates.map((r) => [r.code, r.gst_rate]));
  const units = new Set((await trx.selectFrom('units').select('code').execute()).map((u) => u.code));
  const priced = withHsn.map((line, index) => {
    if (!units.has(line.unit)) problems[`lines.${index}.unit`] = `unknown unit “${line.unit}”`;
    if (line.hsnCode && !rateOf.has(line.hsnCode)) problems[`lines.${index}.hsnCode`] = `unknown HSN code “${line.hsnCode}”`;
    return { ...line, taxRate: line.hsnCode ? (rateOf.get(line.hsnCode) ?? '0') : (line.taxRate ?? '0') };
  });
  if (Object.keys(problems).length) throw invalidFields(problems);
  return priced;
}

/** Prices, taxes and totals an order, and whether its creator's approval threshold applies. */
async function computeOrder(trx: Tx, parties: { buyerId: string; supplierId: string; creator: OrderSide }, lines: OrderLineInputValue[]) {
  const { buyer, supplier } = await partyTaxProfiles(trx, parties.buyerId, parties.supplierId);
  const regime = taxRegime(supplier, buyer);
  const priced = await priceLines(trx, parties.supplierId, lines);
  const totals = computeOrderTotals(priced, regime);
  const threshold = (parties.creator === 'buyer' ? buyer : supplier).threshold;
  const needsApproval = threshold !== null && dec(totals.total).greaterThan(dec(threshold));
  return { regime, priced, totals, currency: supplier.currency, needsApproval };
}

/** Writes an order's lines; an update first removes the ones it replaces. */
async function writeLines(
  trx: Tx,
  orderId: string,
  priced: PricedLine[],
  totals: ReturnType<typeof computeOrderTotals>,
  replacing: boolean,
) {
  if (replacing) await trx.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
  await trx
    .insertInto('order_lines')
    .values(
      priced.map((line, index) => {
        const t = totals.lines[index];
        if (!t) throw new Error('line totals missing');
        return {
          order_id: orderId,
          line_no: index + 1,
          product_id: line.productId ?? null,
          description: line.description,
          quantity: line.quantity,
          unit: line.unit,
          unit_price: line.unitPrice,
          discount_percent: line.discountPercent ?? '0',
          hsn_code: line.hsnCode ?? null,
          tax_rate: line.taxRate,
          gross: t.gross,
          discount: t.discount,
          taxable: t.taxable,
          cgst: t.cgst,
          sgst: t.sgst,
          igst: t.igst,
          tax: t.tax,
          total: t.total,
        };
      }),
    )
    .execute();
}

function totalsColumns(totals: ReturnType<typeof computeOrderTotals>) {
  const { subtotal, discount, taxable, cgst, sgst, igst, tax, total } = totals;
  return { subtotal, discount, taxable, cgst, sgst, igst, tax, total };
}

const SUMMARY_COLUMNS = ['id', 'status', 'buyer_number', 'supplier_number', 'total', 'currency', 'version'] as const;

function toSummary(row: {
  id: string;
  status: OrderStatus;
  buyer_number: string | null;
  supplier_number: string | null;
  total: string;
  currency: string;
  version: number;
}): OrderSummary {
  return {
    id: row.id,
    status: row.status,
    buyerNumber: row.buyer_number,
    supplierNumber: row.supplier_number,
    total: row.total,
    currency: row.currency,
    version: row.version,
  };
}

export async function createOrder(ctx: ServiceContext, actor: CompanyActor, input: CreateOrderInput): Promise<OrderSummary> {
  const side: OrderSide = input.supplierId ? 'buyer' : 'supplier';
  const buyerId = side === 'buyer' ? actor.companyId : (input.buyerId as string);
  const supplierId = side === 'buyer' ? (input.supplierId as string) : actor.companyId;
  const { idempotencyKey, ...fingerprinted } = input;
  return idempotent(ctx.deps.db, actor, { procedure: 'orders.create', key: idempotencyKey, input: fingerprinted }, async (trx) => {
    // A partner you are not linked with (or another company's unclaimed counterparty) is not found.
    if (!(await linkAccepted(trx, buyerId, supplierId))) throw notFound(side === 'buyer' ? 'Supplier' : 'Buyer');
    const { regime, priced, totals, currency, needsApproval } = await computeOrder(
      trx,
      { buyerId, supplierId, creator: side },
      input.lines,
    );
    const orderDate = input.orderDate ?? ctx.deps.clock.now().toISOString().slice(0, 10);
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: DOC_TYPE[side], date: orderDate });
    const order = await trx
      .insertInto('orders')
      .values({
        buyer_company_id: buyerId,
        supplier_company_id: supplierId,
        created_by_side: side,
        buyer_number: side === 'buyer' ? number : null,
        supplier_number: side === 'supplier' ? number : null,
        order_date: orderDate,
        currency,
        tax_regime: regime,
        ...totalsColumns(totals),
        needs_approval: needsApproval,
        buyer_note: side === 'buyer' ? input.note || null : null,
        supplier_note: side === 'supplier' ? input.note || null : null,
        created_by: actor.userId,
      })
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeLines(trx, order.id, priced, totals, false);
    await recordOrderChange(trx, ctx, actor, {
      orderId: order.id,
      action: 'order.created',
      after: { number, total: totals.total, lines: priced.length },
    });
    return toSummary(order);
  });
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
      before: { total: order.total },
      after: { total: totals.total },
    });
    return toSummary(updated);
  });
}

export async function changeOrderStatus(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { orderId: string; action: OrderAction; version: number; idempotencyKey?: string },
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
    const partner = await trx.selectFrom('companies').select('claimed').where('id', '=', otherCompany).executeTakeFirstOrThrow();
    const result = transitionOrder({ status: order.status, needsApproval: order.needs_approval }, input.action, {
      side,
      isCreatorSide: order.created_by_side === side,
      canApprove,
      isSubmitter: order.submitted_by !== null && order.submitted_by === actor.userId,
      partnerOffline: !partner.claimed,
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
      throw appError('FORBIDDEN', 'NEEDS_APPROVER', 'Only a manager can accept or reject an order.');
    }
    // The other party numbers the order from its own series when it first sees it; a counterparty
    // not on Tradeloom never does, so the order stays with its creator.
    const becomesVisible =
      partner.claimed && result.next === 'submitted' && (otherSide === 'buyer' ? order.buyer_number : order.supplier_number) === null;
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
        ...(otherNumber ? { [otherSide === 'buyer' ? 'buyer_number' : 'supplier_number']: otherNumber } : {}),
      }))
      .where('id', '=', order.id)
      .returning(SUMMARY_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordOrderChange(trx, ctx, actor, {
      orderId: order.id,
      action: `order.${input.action}`,
      event: `order.${result.next}`,
      before: { status: order.status },
      after: { status: result.next },
      payload: {
        buyerCompanyId: order.buyer_company_id,
        supplierCompanyId: order.supplier_company_id,
        actorCompanyId: actor.companyId,
        action: input.action,
      },
      audience: partiesSeeing({ ...order, ...updated }),
    });
    return toSummary(updated);
  });
}

/** One order as this party sees it: its own number and note, never the other side's note. */
export async function getOrder(ctx: ServiceContext, actor: CompanyActor, orderId: string): Promise<OrderDetail> {
  const { db } = ctx.deps;
  // The partner's name comes with the order: the other party of the two.
  const order = await findPartyOrder(db, orderId, actor.companyId)
    .innerJoin('companies as partner', (join) =>
      join.on((eb) =>
        eb(
          'partner.id',
          '=',
          eb
            .case()
            .when('orders.buyer_company_id', '=', actor.companyId)
            .then(eb.ref('orders.supplier_company_id'))
            .else(eb.ref('orders.buyer_company_id'))
            .end(),
        ),
      ),
    )
    .select(['partner.name as partner_name', 'partner.claimed as partner_claimed'])
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
    ),
  };
}

/** Orders our company creates above this total need a manager's approval before they are sent. */
export async function approvalThreshold(ctx: ServiceContext, actor: CompanyActor) {
  const company = await ctx.deps.db
    .selectFrom('companies')
    .select(['order_approval_threshold', 'base_currency'])
    .where('id', '=', actor.companyId)
    .executeTakeFirstOrThrow();
  return { threshold: company.order_approval_threshold, currency: company.base_currency };
}

export async function setApprovalThreshold(ctx: ServiceContext, actor: CompanyActor, threshold: string | null) {
  return idempotent(ctx.deps.db, actor, { procedure: 'orders.setApprovalThreshold', key: undefined, input: threshold }, async (trx) => {
    const before = await trx
      .selectFrom('companies')
      .select('order_approval_threshold')
      .where('id', '=', actor.companyId)
      .executeTakeFirstOrThrow();
    await trx.updateTable('companies').set({ order_approval_threshold: threshold }).where('id', '=', actor.companyId).execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.order_approval_threshold_changed',
      entityType: 'company',
      entityId: actor.companyId,
      before: { threshold: before.order_approval_threshold },
      after: { threshold },
    });
    return { threshold };
  });
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
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .innerJoin('companies as c', 'c.id', 'a.company_id')
    .select((eb) => [
      'a.id',
      isoTimestamp(eb.ref('a.occurred_at')).as('occurredAt'),
      'a.action',
      'a.after',
      'u.name as actorName',
      'c.name as companyName',
    ])
    .where('a.entity_type', '=', 'order')
    .where('a.entity_id', '=', order.id)
    .where((eb) => eb.or([eb('a.company_id', '=', actor.companyId), eb('a.action', 'in', SHARED_ACTIONS)]))
    .orderBy('a.id')
    .execute();
}

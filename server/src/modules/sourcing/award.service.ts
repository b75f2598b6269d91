import {
  type AwardTenderInput,
  type ComparisonQuote,
  dec,
  money,
  normaliseLine,
  type OrderLineInputValue,
  sum,
  transitionTender,
} from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordChange } from '../events/record-change.ts';
import { createAwardedOrder } from '../orders/awarded-orders.ts';
import { linkAwardedSupplier } from '../partners/partners.service.ts';
import { activeQuotes, findComparedTender } from './active-quotes.ts';
import { tenderItemsOf } from './tender-reads.ts';

type Item = Awaited<ReturnType<typeof tenderItemsOf>>[number];
type Line = ComparisonQuote['lines'][number];
type Decimal = ReturnType<typeof dec>;

/** One award line checked against the tender: its item, quote and quote line, priced in the tender's terms. */
interface Resolved {
  index: number;
  item: Item;
  quote: ComparisonQuote;
  line: Line;
  quantity: string;
  reason: string | undefined;
  unitPrice: Decimal;
  freightPerUnit: Decimal;
  offered: Decimal;
}

const itemName = (item: Item) => `item ${item.lineNo} (${item.description})`;

/**
 * Awards a closed tender's items to quote lines, split as the buyer likes, and turns each winning
 * supplier's share into one order (buyer's PO and supplier's SO, sent) in the same transaction.
 */
export async function awardTender(ctx: ServiceContext, actor: CompanyActor, input: AwardTenderInput): Promise<{ orderIds: string[] }> {
  const { idempotencyKey, ...fingerprinted } = input;
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.award', key: idempotencyKey, input: fingerprinted }, async (trx) => {
    const tender = await findComparedTender(trx, input.tenderId, actor.companyId, true);
    // Only the status decides an award; the deadline and invitees were settled when it closed.
    const transition = transitionTender({ status: tender.status, pastDeadline: true, everyInviteeAnswered: true }, 'award');
    if (!transition.ok) throw appError('CONFLICT', transition.reason, 'Only a closed tender can be awarded.');
    const items = await tenderItemsOf(trx, tender.id);
    const quotes = await activeQuotes(trx, tender.id);
    const itemById = new Map(items.map((item) => [item.id, item]));
    const quoteById = new Map(quotes.map((quote) => [quote.quoteId, quote]));

    const resolved: Resolved[] = input.awards.map((award, index) => {
      const item = itemById.get(award.itemId);
      if (!item) throw notFound(`Item (awards.${index}.itemId)`);
      const quote = quoteById.get(award.quoteId);
      const alternativeNo = award.alternativeNo ?? 0;
      const line = quote?.lines.find((l) => l.itemId === item.id && l.alternativeNo === alternativeNo);
      if (!quote || !line) throw notFound(`Quote (awards.${index}.quoteId)`);
      const normalised = normaliseLine(tender.conversions, tender.currency, item, quote.currency, line);
      if (!normalised.ok) {
        const what = normalised.missing.map((m) => `${m.from} → ${m.to} ${m.kind === 'currency' ? 'rate' : 'factor'}`).join(', ');
        throw appError('CONFLICT', 'CONVERSION_MISSING', `Enter the ${what} before awarding ${itemName(item)}.`);
      }
      const { unitPrice, freightPerUnit, quantity: offered } = normalised.value;
      return { index, item, quote, line, quantity: award.quantity, reason: award.reason, unitPrice, freightPerUnit, offered };
    });

    // A split may not award more than the tender asked for, nor more than a quote line offers.
    for (const item of items) {
      const awarded = sum(resolved.filter((r) => r.item.id === item.id).map((r) => r.quantity));
      if (awarded.greaterThan(item.quantity)) {
        throw appError(
          'CONFLICT',
          'AWARD_EXCEEDS_QUANTITY',
          `The awards of ${itemName(item)} add up to ${awarded} ${item.unit}, more than the ${dec(item.quantity)} asked for.`,
        );
      }
    }
    for (const line of new Set(resolved.map((r) => r.line))) {
      const shares = resolved.filter((r) => r.line === line);
      const awarded = sum(shares.map((r) => r.quantity));
      const first = shares[0] as Resolved;
      if (awarded.greaterThan(first.offered)) {
        throw appError(
          'CONFLICT',
          'AWARD_EXCEEDS_QUANTITY',
          `${first.quote.supplierName} offers ${money(first.offered, 3)} ${first.item.unit} of ${itemName(first.item)}; ${awarded} cannot be awarded to it.`,
        );
      }
    }

    const winners = [...new Set(resolved.map((r) => r.quote.supplierId))];
    const awardRows = [];
    const orders = [];
    for (const supplierId of winners) {
      const shares = resolved.filter((r) => r.quote.supplierId === supplierId);
      const quote = (shares[0] as Resolved).quote;
      await linkAwardedSupplier(ctx, trx, actor, supplierId);
      const order = await createAwardedOrder(trx, ctx, actor, {
        supplierId,
        currency: tender.currency,
        lines: shares.flatMap(orderLinesOf),
        paymentTerms: paymentTermsOf(
          quote.paymentTerms ?? (tender.payment_terms ? { kind: tender.payment_terms, days: tender.payment_term_days } : null),
        ),
        requestedDeliveryDate: tender.delivery_date,
        note: `Awarded from tender ${tender.number}`,
      });
      orders.push({ supplierId, supplierName: quote.supplierName, ...order });
      for (const share of shares) {
        awardRows.push({
          tender_id: tender.id,
          item_id: share.item.id,
          quote_id: share.quote.quoteId,
          quote_line_id: share.line.id,
          quantity: share.quantity,
          order_id: order.id,
          reason: share.reason ?? input.reason ?? null,
          awarded_by: actor.userId,
        });
      }
    }
    await trx.insertInto('tender_awards').values(awardRows).execute();
    const now = ctx.deps.clock.now();
    await trx
      .updateTable('tenders')
      .set((eb) => ({ status: transition.next, awarded_at: now, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', tender.id)
      .execute();
    // Every supplier with an active quote hears of the award; the winners are named to the notifier only.
    const recipients = quotes.map((q) => q.supplierId);
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'tender.awarded',
      entityType: 'tender',
      entityId: tender.id,
      before: { status: tender.status },
      after: {
        status: transition.next,
        reason: input.reason ?? null,
        orders: orders.map((o) => ({ supplier: o.supplierName, number: o.buyerNumber, total: o.total })),
        awards: resolved.map((r) => ({
          item: r.item.lineNo,
          supplier: r.quote.supplierName,
          quantity: r.quantity,
          reason: r.reason ?? null,
        })),
      },
      payload: { buyerCompanyId: actor.companyId, actorCompanyId: actor.companyId, recipients, winners, document: tender.number },
      audience: [actor.companyId, ...recipients],
    });
    return { orderIds: orders.map((o) => o.id) };
  });
}

/** The order lines of one award share: the goods at the normalised price, and freight as its own line. */
function orderLinesOf(share: Resolved): OrderLineInputValue[] {
  const { item, line } = share;
  // The quote line's HSN code rates GST in the orders module; without one, its quoted rate, else the item's code.
  const tax = line.hsnCode
    ? { hsnCode: line.hsnCode }
    : line.taxRate !== null
      ? { taxRate: line.taxRate }
      : item.hsnCode
        ? { hsnCode: item.hsnCode }
        : {};
  const goods = { description: line.description ?? item.description, quantity: share.quantity, unit: item.unit, ...tax };
  const lines: OrderLineInputValue[] = [{ ...goods, unitPrice: money(share.unitPrice, 4) }];
  if (share.freightPerUnit.greaterThan(0)) {
    lines.push({ ...goods, description: `Freight: ${goods.description}`, unitPrice: money(share.freightPerUnit, 4) });
  }
  return lines;
}

function paymentTermsOf(terms: ComparisonQuote['paymentTerms']) {
  return terms ? { kind: terms.kind, ...(terms.days ? { days: terms.days } : {}) } : null;
}

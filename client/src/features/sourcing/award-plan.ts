import { type AwardTenderInput, type ComparisonCell, dec, money, sum, type TenderComparison } from '@tradeloom/shared';
import { trimZeros } from '../../lib/format.ts';

// The award form's working state and its arithmetic, apart from the screen: which offer wins how
// much of each item, what is left, and the orders it will make (one per winning supplier).

/** One share of an item: an offer (a quote's line, alternative 0 as asked) and how much of it. */
export interface AwardShare {
  /** `${quoteId}:${alternativeNo}`, or '' while no supplier is chosen. */
  offer: string;
  quantity: string;
}

export interface ItemAward {
  itemId: string;
  shares: AwardShare[];
  /** Why not the lowest; required then (kept for audit on each of the item's award lines). */
  reason: string;
}

export const offerKey = (cell: Pick<ComparisonCell, 'quoteId' | 'alternativeNo'>) => `${cell.quoteId}:${cell.alternativeNo}`;

export function cellOf(comparison: TenderComparison, itemId: string, offer: string): ComparisonCell | undefined {
  return comparison.cells.find((cell) => cell.itemId === itemId && offerKey(cell) === offer);
}

const isDecimal = (value: string) => /^\d+(\.\d+)?$/.test(value.trim());

/** The smaller of what is asked and what the offer can supply (null: as much as asked). */
function cappedQuantity(asked: string, offered: string | null): string {
  return trimZeros(offered !== null && dec(offered).lessThan(asked) ? offered : asked);
}

/** The default award: each item's whole quantity to its lowest landed offer (none where nothing is comparable). */
export function defaultAward(comparison: TenderComparison): ItemAward[] {
  return comparison.items.map((item) => {
    const lowest = comparison.cells.find((cell) => cell.itemId === item.id && cell.lowest);
    return {
      itemId: item.id,
      shares: lowest ? [{ offer: offerKey(lowest), quantity: cappedQuantity(item.quantity, lowest.quantity) }] : [],
      reason: '',
    };
  });
}

/** What of the item is not awarded yet, in its unit (may be negative: over-awarded). */
export function remainingOf(quantity: string, shares: AwardShare[]): string {
  const given = sum(shares.filter((share) => isDecimal(share.quantity)).map((share) => share.quantity));
  return trimZeros(dec(quantity).minus(given).toFixed());
}

/** Whether the item goes (in part) to an offer other than its lowest as asked: a reason is then needed. */
export function needsReason(comparison: TenderComparison, award: ItemAward): boolean {
  return award.shares.some((share) => share.offer !== '' && !cellOf(comparison, award.itemId, share.offer)?.lowest);
}

/** The shares in the order the server receives them, with the item each came from (`awards.N` ↔ item). */
export function flatShares(awards: ItemAward[]): { itemIndex: number; shareIndex: number; award: ItemAward; share: AwardShare }[] {
  return awards.flatMap((award, itemIndex) =>
    award.shares.filter((share) => share.offer !== '').map((share, shareIndex) => ({ itemIndex, shareIndex, award, share })),
  );
}

/** The mutation's input. */
export function awardInput(tenderId: string, awards: ItemAward[], reason: string, idempotencyKey: string): AwardTenderInput {
  return {
    tenderId,
    idempotencyKey,
    reason: reason.trim() || undefined,
    awards: flatShares(awards).map(({ award, share }) => {
      const [quoteId = '', alternativeNo = '0'] = share.offer.split(':');
      return {
        itemId: award.itemId,
        quoteId,
        alternativeNo: Number(alternativeNo),
        quantity: share.quantity.trim(),
        reason: award.reason.trim() || undefined,
      };
    }),
  };
}

/**
 * Problems the screen can tell before asking the server, keyed like the server's field errors
 * (`awards.N.quantity`), plus per item (`items.I`) for what concerns the item as a whole.
 */
export function checkAward(comparison: TenderComparison, awards: ItemAward[]): Record<string, string> {
  const problems: Record<string, string> = {};
  flatShares(awards).forEach(({ award, share }, index) => {
    const cell = cellOf(comparison, award.itemId, share.offer);
    if (!isDecimal(share.quantity) || dec(share.quantity).isZero()) problems[`awards.${index}.quantity`] = 'Enter a quantity above 0.';
    else if (cell?.quantity && dec(share.quantity).greaterThan(cell.quantity))
      problems[`awards.${index}.quantity`] = `This supplier offered only ${trimZeros(cell.quantity)}.`;
  });
  awards.forEach((award, index) => {
    const item = comparison.items[index];
    if (!item) return;
    if (dec(remainingOf(item.quantity, award.shares)).isNegative())
      problems[`items.${index}`] = `More than the ${trimZeros(item.quantity)} ${item.unit} asked: lower a quantity.`;
    else if (new Set(award.shares.map((share) => share.offer)).size < award.shares.length)
      problems[`items.${index}`] = 'The same offer is chosen twice: choose another supplier or remove a line.';
    else if (award.shares.some((share) => share.offer === ''))
      problems[`items.${index}`] = 'Choose a supplier on every line, or remove it.';
    else if (needsReason(comparison, award) && !award.reason.trim())
      problems[`items.${index}.reason`] = 'Say why: this is not the lowest landed offer.';
  });
  if (!flatShares(awards).length) problems.awards = 'Award at least one item.';
  return problems;
}

export interface OrderPreview {
  quoteId: string;
  supplierName: string;
  lines: { itemId: string; description: string; quantity: string; unit: string; landedTotal: string | null }[];
  /** Landed (price + freight + GST) over its lines; null while a conversion is missing. */
  total: string | null;
}

/** The orders the award will create: one per winning supplier, with its landed total. */
export function ordersPreview(comparison: TenderComparison, awards: ItemAward[]): OrderPreview[] {
  const orders = new Map<string, OrderPreview>();
  for (const { award, share } of flatShares(awards)) {
    const cell = cellOf(comparison, award.itemId, share.offer);
    const item = comparison.items.find((candidate) => candidate.id === award.itemId);
    const supplier = comparison.suppliers.find((candidate) => candidate.quoteId === cell?.quoteId);
    if (!cell || !item || !supplier) continue;
    const order = orders.get(cell.quoteId) ?? { quoteId: cell.quoteId, supplierName: supplier.supplierName, lines: [], total: '0' };
    const landedTotal = cell.landedUnitCost && isDecimal(share.quantity) ? money(dec(cell.landedUnitCost).times(share.quantity)) : null;
    order.lines.push({ itemId: item.id, description: item.description, quantity: share.quantity, unit: item.unit, landedTotal });
    order.total = order.total !== null && landedTotal !== null ? money(dec(order.total).plus(landedTotal)) : null;
    orders.set(cell.quoteId, order);
  }
  return [...orders.values()];
}

import { formatMoney, formatNumber } from '../number-format.ts';
import { TRADE_UNIT_LABELS, type TradeUnit } from './units.ts';

// How the trade desk words its figures, in one place: the desk's rows and cards, the offer and
// contract pages, and the server's round history all say "₹56,500.00 per candy" the same way.

/** "₹56,500.00 per candy"; INR in lakh/crore whatever the browser's language. */
export function formatTradePrice(price: string, currency: string, priceUnit: TradeUnit): string {
  return `${formatMoney(price, currency)} ${TRADE_UNIT_LABELS[priceUnit].per}`;
}

/** "100 bales", "1 candy". */
export function formatTradeQuantity(quantity: string, unit: TradeUnit): string {
  const label = TRADE_UNIT_LABELS[unit];
  return `${formatNumber(quantity)} ${Number(quantity) === 1 ? label.one : label.many}`;
}

/** A quality range as the trade says it: "28.5–30 mm", "29 mm", "at least 28 g/tex", "at most 3 %"; '' for none. */
export function formatRange(range: { min: string | null; max: string | null }, unit = ''): string {
  const suffix = unit ? ` ${unit}` : '';
  const { min, max } = range;
  if (min !== null && max !== null) {
    return min === max ? `${formatNumber(min)}${suffix}` : `${formatNumber(min)}–${formatNumber(max)}${suffix}`;
  }
  if (min !== null) return `at least ${formatNumber(min)}${suffix}`;
  if (max !== null) return `at most ${formatNumber(max)}${suffix}`;
  return '';
}

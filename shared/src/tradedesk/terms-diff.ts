import { formatMoney, formatNumber } from '../number-format.ts';
import { HVI_LABELS, type HviParameter } from './quality.ts';
import { formatRange, formatTradeQuantity } from './trade-format.ts';
import type { NegotiationTerms } from './tradedesk.outputs.ts';
import { COMMISSION_BASIS_LABELS } from './tradedesk.schemas.ts';
import { TRADE_UNIT_LABELS } from './units.ts';

// What a counter-offer changed, in the words a trader reads on the negotiation screen:
// "Price: ₹56,500.00 per candy → ₹56,000.00 per candy". Pure, so the server's round history and
// any preview on the client say the same thing.

export interface TermsChange {
  /** The term in words, e.g. "Price", "Staple length". */
  field: string;
  /** The formatted value before (null: not stated) and after. */
  before: string | null;
  after: string | null;
}

const DATE_FORMAT = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-12-15" → "15 Dec 2026". */
function formatDay(day: string): string {
  return DATE_FORMAT.format(new Date(`${day}T00:00:00Z`));
}

/** A quality parameter's name and unit; a code the HVI list lacks reads as itself. */
export function qualityLabel(code: string): { name: string; unit: string } {
  return HVI_LABELS[code as HviParameter] ?? { name: code.replaceAll('_', ' '), unit: '' };
}

function formatPeriod(from: string | null, to: string | null): string | null {
  if (from && to) return from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
  if (from) return `from ${formatDay(from)}`;
  if (to) return `by ${formatDay(to)}`;
  return null;
}

function formatCommission(terms: NegotiationTerms): string | null {
  const commission = terms.commission;
  if (!commission) return null;
  const rate =
    commission.basis === 'percent'
      ? `${formatNumber(commission.rate)} %`
      : `${formatMoney(commission.rate, terms.currency, { maxFractionDigits: 4 })} ${COMMISSION_BASIS_LABELS[commission.basis]}`;
  return `${commission.brokerName}: ${rate}, seller pays ${formatNumber(commission.sellerSharePct)} %`;
}

function formatSchedule(terms: NegotiationTerms): string | null {
  if (!terms.deliverySchedule.length) return null;
  return terms.deliverySchedule
    .map((slot) => `${formatTradeQuantity(slot.quantity, terms.unit)} ${formatPeriod(slot.dueFrom, slot.dueTo)}`)
    .join('; ');
}

/** Each term as one readable value; quality is compared parameter by parameter below. */
const SCALAR_TERMS: { field: string; read: (terms: NegotiationTerms) => string | null }[] = [
  { field: 'Price', read: (t) => `${formatMoney(t.price, t.currency)} ${TRADE_UNIT_LABELS[t.priceUnit].per}` },
  { field: 'Quantity', read: (t) => formatTradeQuantity(t.quantity, t.unit) },
  { field: 'Quantity tolerance', read: (t) => (t.quantityTolerancePct === null ? null : `± ${formatNumber(t.quantityTolerancePct)} %`) },
  {
    field: 'Delivery place',
    read: (t) => [t.deliveryCity, t.deliveryStateCode].filter((part): part is string => Boolean(part)).join(', ') || null,
  },
  { field: 'Delivery term', read: (t) => t.deliveryTerm },
  { field: 'Delivery period', read: (t) => formatPeriod(t.deliveryFrom, t.deliveryTo) },
  { field: 'Delivery schedule', read: formatSchedule },
  {
    field: 'Payment',
    read: (t) => (t.paymentDays === null ? null : t.paymentDays === 0 ? 'on delivery or advance' : `${t.paymentDays} days`),
  },
  { field: 'Payment term', read: (t) => t.paymentTerm },
  { field: 'Terms of sale', read: (t) => t.termsCode },
  { field: 'Brokerage', read: formatCommission },
];

/**
 * The terms that differ between two proposals, in reading order (price, quantity, quality by
 * parameter, delivery, payment, terms, brokerage). Equal values in other notations ("56500" and
 * "56500.00") are no change: values are compared as they read.
 */
export function termsChanges(before: NegotiationTerms, after: NegotiationTerms): TermsChange[] {
  const changes: TermsChange[] = [];
  const compare = (field: string, was: string | null, now: string | null) => {
    if (was !== now) changes.push({ field, before: was, after: now });
  };
  const [price, quantity, ...rest] = SCALAR_TERMS;
  for (const term of [price, quantity]) if (term) compare(term.field, term.read(before), term.read(after));
  const codes = [...new Set([...Object.keys(before.quality), ...Object.keys(after.quality)])];
  for (const code of codes) {
    const label = qualityLabel(code);
    const was = before.quality[code];
    const now = after.quality[code];
    compare(label.name, was ? formatRange(was, label.unit) : null, now ? formatRange(now, label.unit) : null);
  }
  for (const term of rest) compare(term.field, term.read(before), term.read(after));
  return changes;
}

/**
 * The whole proposal in words, one line per stated term, in the order `termsChanges` compares
 * them: what an accept confirms and a contract holds. Terms not stated are left out.
 */
export function describeTerms(terms: NegotiationTerms): { field: string; value: string }[] {
  const lines: { field: string; value: string | null }[] = [];
  const [price, quantity, ...rest] = SCALAR_TERMS;
  for (const term of [price, quantity]) if (term) lines.push({ field: term.field, value: term.read(terms) });
  for (const [code, range] of Object.entries(terms.quality)) {
    const label = qualityLabel(code);
    lines.push({ field: label.name, value: formatRange(range, label.unit) });
  }
  for (const term of rest) lines.push({ field: term.field, value: term.read(terms) });
  return lines.filter((line): line is { field: string; value: string } => line.value !== null);
}

import {
  COMMISSION_BASES,
  COMMISSION_BASIS_LABELS,
  type CommissionBasis,
  convertQuantity,
  dec,
  formatMoney,
  formatNumber,
  type NegotiationTerms,
  negotiationTermsInput,
  type OfferSummary,
  TRADE_UNIT_LABELS,
  TRADE_UNITS,
  type TradeUnit,
} from '@tradeloom/shared';
import { z } from 'zod';
import { fieldLabel } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';

// The terms form's values and what they become: every box holds text (an empty box leaves the
// term out), and the form's paths (`terms.price`, `terms.quality.staple_mm.min`) are the server's,
// so its field messages land on the inputs that caused them.

export type BrokerMode = 'none' | 'structure' | 'named';

export interface TermsDraft {
  price: string;
  priceUnit: TradeUnit;
  currency: string;
  quantity: string;
  unit: TradeUnit;
  /** By parameter code; a row with both ends empty asks nothing of that parameter. */
  quality: Record<string, { min: string; max: string }>;
  deliveryStateCode: string;
  deliveryCity: string;
  deliveryTerm: string;
  deliveryFrom: string;
  deliveryTo: string;
  paymentTerm: string;
  paymentDays: string;
  quantityTolerancePct: string;
  termsCode: string;
  commission: {
    mode: BrokerMode;
    structureId: string;
    brokerName: string;
    basis: CommissionBasis;
    rate: string;
    sellerSharePct: string;
  };
  deliverySchedule: { dueFrom: string; dueTo: string; quantity: string }[];
}

export interface TermsFormValues {
  terms: TermsDraft;
  message: string;
}

/** What the form validates and sends: the server's own schema, so the browser applies its rules first. */
export const termsFormSchema = z.object({
  terms: negotiationTermsInput,
  message: z.string().trim().max(1000).optional(),
});
export type TermsFormInput = z.input<typeof termsFormSchema>;
export type TermsFormOutput = z.output<typeof termsFormSchema>;

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value));
/** "56500.00" → "56500": a stored decimal as a person types it. */
const plain = (value: string | null | undefined) => (value ? dec(value).toString() : '');
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

const NO_BROKER: TermsDraft['commission'] = {
  mode: 'none',
  structureId: '',
  brokerName: '',
  basis: 'per_bale',
  rate: '',
  sellerSharePct: '50',
};

function qualityDraft(quality: Record<string, { min: string | null; max: string | null }>): TermsDraft['quality'] {
  return Object.fromEntries(Object.entries(quality).map(([code, range]) => [code, { min: plain(range.min), max: plain(range.max) }]));
}

/** A first proposal on an offer: its own terms, for the whole quantity still open. */
export function draftFromOffer(offer: OfferSummary): TermsDraft {
  return {
    price: plain(offer.price),
    priceUnit: offer.priceUnit,
    currency: offer.currency,
    quantity: plain(offer.remainingQuantity),
    unit: offer.unit,
    quality: qualityDraft(offer.quality),
    deliveryStateCode: text(offer.deliveryStateCode),
    deliveryCity: text(offer.deliveryCity),
    deliveryTerm: text(offer.deliveryTerm),
    deliveryFrom: text(offer.deliveryFrom),
    deliveryTo: text(offer.deliveryTo),
    paymentTerm: text(offer.paymentTerm),
    paymentDays: text(offer.paymentDays),
    quantityTolerancePct: '',
    termsCode: '',
    commission: { ...NO_BROKER },
    deliverySchedule: [],
  };
}

/** A counter starts from the version on the table. */
export function draftFromTerms(terms: NegotiationTerms): TermsDraft {
  return {
    price: plain(terms.price),
    priceUnit: terms.priceUnit,
    currency: terms.currency,
    quantity: plain(terms.quantity),
    unit: terms.unit,
    quality: qualityDraft(terms.quality),
    deliveryStateCode: text(terms.deliveryStateCode),
    deliveryCity: text(terms.deliveryCity),
    deliveryTerm: text(terms.deliveryTerm),
    deliveryFrom: text(terms.deliveryFrom),
    deliveryTo: text(terms.deliveryTo),
    paymentTerm: text(terms.paymentTerm),
    paymentDays: text(terms.paymentDays),
    quantityTolerancePct: plain(terms.quantityTolerancePct),
    termsCode: text(terms.termsCode),
    commission: terms.commission
      ? {
          mode: 'named',
          structureId: '',
          brokerName: terms.commission.brokerName,
          basis: terms.commission.basis,
          rate: plain(terms.commission.rate),
          sellerSharePct: plain(terms.commission.sellerSharePct),
        }
      : { ...NO_BROKER },
    deliverySchedule: terms.deliverySchedule.map((slot) => ({ dueFrom: slot.dueFrom, dueTo: slot.dueTo, quantity: plain(slot.quantity) })),
  };
}

/** A whole number of days, or the text as typed for the schema to name. */
function days(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The form's values as the server's input: empty boxes left out. */
export function termsFormInput(values: TermsFormValues): TermsFormInput {
  const { terms } = values;
  const quality = Object.fromEntries(
    Object.entries(terms.quality)
      .filter(([, range]) => range.min.trim() || range.max.trim())
      .map(([code, range]) => [code, { min: optional(range.min), max: optional(range.max) }]),
  );
  const { commission } = terms;
  return {
    terms: {
      price: terms.price.trim(),
      priceUnit: terms.priceUnit,
      currency: terms.currency,
      quantity: terms.quantity.trim(),
      unit: terms.unit,
      quality: Object.keys(quality).length ? quality : undefined,
      deliveryStateCode: optional(terms.deliveryStateCode),
      deliveryCity: optional(terms.deliveryCity),
      deliveryTerm: optional(terms.deliveryTerm),
      deliveryFrom: optional(terms.deliveryFrom),
      deliveryTo: optional(terms.deliveryTo),
      paymentTerm: optional(terms.paymentTerm),
      paymentDays: days(terms.paymentDays) as number | undefined,
      quantityTolerancePct: optional(terms.quantityTolerancePct),
      termsCode: optional(terms.termsCode),
      commission:
        commission.mode === 'structure'
          ? { structureId: commission.structureId }
          : commission.mode === 'named'
            ? {
                brokerName: commission.brokerName.trim(),
                basis: commission.basis,
                rate: commission.rate.trim(),
                sellerSharePct: commission.sellerSharePct.trim(),
              }
            : undefined,
      deliverySchedule: terms.deliverySchedule.length ? terms.deliverySchedule : undefined,
    },
    message: optional(values.message),
  };
}

/**
 * Whether the proposed quantity is more than the offer has left (in the offer's unit), said as the
 * message for the quantity box; the server refuses it too, this only says so before sending.
 */
export function quantityBeyondRemaining(
  terms: Pick<TermsDraft, 'quantity' | 'unit'>,
  offer: Pick<OfferSummary, 'remainingQuantity' | 'unit'>,
) {
  const quantity = terms.quantity.trim();
  if (!/^\d+(\.\d+)?$/.test(quantity)) return undefined;
  const inOfferUnit = convertQuantity(quantity, terms.unit, offer.unit);
  // Half a gram of rounding in a unit conversion is not "more than is left".
  if (inOfferUnit.minus(offer.remainingQuantity).lte('0.0005')) return undefined;
  return `must not be more than the ${formatNumber(offer.remainingQuantity)} ${TRADE_UNIT_LABELS[offer.unit].many} still open`;
}

/** Names for the masters' codes a form or a round shows (delivery and payment terms, sale terms, parameters). */
export interface TermsNames {
  parameter?: (code: string) => string;
  term?: (code: string) => string;
  structure?: (id: string) => string;
}

export interface TermLine {
  field: string;
  label: string;
  value: string;
}

const or = (value: string, fallback = '—') => (value.trim() ? value.trim() : fallback);
const numberOr = (value: string) => (/^\d+(\.\d+)?$/.test(value.trim()) ? formatNumber(value.trim()) : or(value));

/** A range as the trade says it: "28.5–30", "at least 28.5", "at most 4.2". */
export function describeRange(range: { min: string | null; max: string | null }): string {
  const min = range.min ? formatNumber(dec(range.min).toString()) : '';
  const max = range.max ? formatNumber(dec(range.max).toString()) : '';
  if (min && max) return min === max ? min : `${min}–${max}`;
  if (min) return `at least ${min}`;
  if (max) return `at most ${max}`;
  return 'any';
}

/**
 * The terms in words, one line per term, in the order the form shows them. Two drafts' lines
 * compare field by field, so a counter shows exactly what it changes.
 */
export function describeTerms(terms: TermsDraft, names: TermsNames = {}): TermLine[] {
  const termName = (code: string) => (code.trim() ? (names.term?.(code.trim()) ?? code.trim()) : '—');
  const price = /^\d+(\.\d+)?$/.test(terms.price.trim())
    ? `${formatMoney(terms.price.trim(), terms.currency || 'INR')} ${TRADE_UNIT_LABELS[terms.priceUnit].per}`
    : or(terms.price);
  const quantity = `${numberOr(terms.quantity)} ${TRADE_UNIT_LABELS[terms.unit].many}`;
  const place = [terms.deliveryCity.trim(), terms.deliveryStateCode.trim().toUpperCase()].filter(Boolean).join(', ');
  const period =
    terms.deliveryFrom || terms.deliveryTo ? `${formatDate(terms.deliveryFrom || null)} to ${formatDate(terms.deliveryTo || null)}` : '—';
  const lines: TermLine[] = [
    { field: 'price', label: 'Price', value: price },
    { field: 'quantity', label: 'Quantity', value: quantity },
    ...Object.entries(terms.quality)
      .filter(([, range]) => range.min.trim() || range.max.trim())
      .map(([code, range]) => ({
        field: `quality.${code}`,
        label: names.parameter?.(code) ?? code,
        value: describeRange({ min: range.min.trim() || null, max: range.max.trim() || null }),
      })),
    { field: 'delivery', label: 'Delivery at', value: or(place) },
    { field: 'deliveryTerm', label: 'Delivery term', value: termName(terms.deliveryTerm) },
    { field: 'deliveryPeriod', label: 'Delivery period', value: period },
    { field: 'paymentTerm', label: 'Payment term', value: termName(terms.paymentTerm) },
    { field: 'paymentDays', label: 'Payment days', value: terms.paymentDays.trim() ? `${terms.paymentDays.trim()} days` : '—' },
    {
      field: 'quantityTolerancePct',
      label: 'Quantity tolerance',
      value: terms.quantityTolerancePct.trim() ? `± ${numberOr(terms.quantityTolerancePct)} %` : '—',
    },
    { field: 'termsCode', label: 'Sale terms', value: termName(terms.termsCode) },
    { field: 'commission', label: 'Broker', value: describeBroker(terms.commission, names) },
    {
      field: 'deliverySchedule',
      label: 'Delivery schedule',
      value: terms.deliverySchedule.length
        ? terms.deliverySchedule
            .map((slot) => `${numberOr(slot.quantity)} ${formatDate(slot.dueFrom || null)}–${formatDate(slot.dueTo || null)}`)
            .join('; ')
        : '—',
    },
  ];
  return lines;
}

function describeBroker(commission: TermsDraft['commission'], names: TermsNames): string {
  if (commission.mode === 'none') return 'none';
  if (commission.mode === 'structure') return names.structure?.(commission.structureId) ?? 'a commission structure';
  const rate = /^\d+(\.\d+)?$/.test(commission.rate.trim())
    ? commissionRate({ basis: commission.basis, rate: commission.rate.trim() }, 'INR')
    : or(commission.rate);
  return `${or(commission.brokerName)}, ${rate}, seller pays ${numberOr(commission.sellerSharePct)} %`;
}

/** A brokerage rate as the trade says it: "₹25.00 per bale", "0.5 % of value". */
export function commissionRate(commission: { basis: CommissionBasis; rate: string }, currency: string): string {
  if (commission.basis === 'percent') return `${formatNumber(commission.rate)} % of value`;
  return `${formatMoney(commission.rate, currency, { maxFractionDigits: 4 })} ${COMMISSION_BASIS_LABELS[commission.basis]}`;
}

export interface TermsChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** What `next` changes against `current`: each term whose wording differs, with both wordings. */
export function termsChanges(current: TermsDraft, next: TermsDraft, names: TermsNames = {}): TermsChange[] {
  const before = new Map(describeTerms(current, names).map((line) => [line.field, line]));
  const after = new Map(describeTerms(next, names).map((line) => [line.field, line]));
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields
    .map((field) => ({
      field,
      label: after.get(field)?.label ?? before.get(field)?.label ?? field,
      before: before.get(field)?.value ?? '—',
      after: after.get(field)?.value ?? '—',
    }))
    .filter((change) => change.before !== change.after);
}

export const UNIT_OPTIONS = TRADE_UNITS.map((unit) => ({ value: unit, label: TRADE_UNIT_LABELS[unit].many }));
export const PRICE_UNIT_OPTIONS = TRADE_UNITS.map((unit) => ({ value: unit, label: TRADE_UNIT_LABELS[unit].per }));
export const BASIS_OPTIONS = COMMISSION_BASES.map((basis) => ({ value: basis, label: COMMISSION_BASIS_LABELS[basis] }));

const CHANGE_LABELS: Record<string, string> = {
  price: 'Price',
  priceUnit: 'Price unit',
  quantity: 'Quantity',
  unit: 'Unit',
  deliveryStateCode: 'Delivery state',
  deliveryCity: 'Delivery city',
  deliveryFrom: 'Delivery from',
  deliveryTo: 'Delivery to',
  quantityTolerancePct: 'Quantity tolerance %',
  termsCode: 'Sale terms',
  commission: 'Broker',
};

/** A changed term as the server names it (`price`, `quality.staple_mm`) in words. */
export function changeLabel(field: string, names: TermsNames = {}): string {
  if (field.startsWith('quality.')) return names.parameter?.(field.slice('quality.'.length)) ?? fieldLabel(field);
  return CHANGE_LABELS[field] ?? fieldLabel(field);
}

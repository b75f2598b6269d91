import {
  COMMISSION_BASES,
  COMMISSION_BASIS_LABELS,
  type CommissionBasis,
  type commissionStructureRow,
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

// The terms form's values and what they become: every box holds text (an empty box leaves the
// term out), and the form's paths (`terms.price`, `terms.quality.staple_mm.min`) are the server's,
// so its field messages land on the inputs that caused them.

type CommissionStructureRow = z.infer<typeof commissionStructureRow>;

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

/**
 * The draft as the terms it would propose, for the shared wording (`termsChanges`, `describeTerms`)
 * the server's round history uses too. A box mid-edit reads as typed; a saved commission structure
 * reads as its broker and rate.
 */
export function proposedTerms(draft: TermsDraft, structures: CommissionStructureRow[] = []): NegotiationTerms {
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  const days = draft.paymentDays.trim();
  const { commission } = draft;
  const structure = commission.mode === 'structure' ? structures.find((row) => row.id === commission.structureId) : undefined;
  return {
    price: draft.price.trim(),
    priceUnit: draft.priceUnit,
    currency: draft.currency || 'INR',
    quantity: draft.quantity.trim(),
    unit: draft.unit,
    quality: Object.fromEntries(
      Object.entries(draft.quality)
        .filter(([, range]) => range.min.trim() || range.max.trim())
        .map(([code, range]) => [code, { min: orNull(range.min), max: orNull(range.max) }]),
    ),
    deliveryStateCode: orNull(draft.deliveryStateCode.toUpperCase()),
    deliveryCity: orNull(draft.deliveryCity),
    deliveryTerm: orNull(draft.deliveryTerm),
    deliveryFrom: orNull(draft.deliveryFrom),
    deliveryTo: orNull(draft.deliveryTo),
    paymentDays: /^\d+$/.test(days) ? Number(days) : null,
    paymentTerm: orNull(draft.paymentTerm),
    quantityTolerancePct: orNull(draft.quantityTolerancePct),
    termsCode: orNull(draft.termsCode),
    commission: structure
      ? {
          brokerName: structure.brokerName,
          brokerCompanyId: structure.brokerCompanyId,
          basis: structure.basis,
          rate: structure.rate,
          sellerSharePct: structure.sellerSharePct,
        }
      : commission.mode === 'named'
        ? {
            brokerName: commission.brokerName.trim(),
            brokerCompanyId: null,
            basis: commission.basis,
            rate: commission.rate.trim(),
            sellerSharePct: commission.sellerSharePct.trim(),
          }
        : null,
    deliverySchedule: draft.deliverySchedule.map((slot) => ({ dueFrom: slot.dueFrom, dueTo: slot.dueTo, quantity: slot.quantity.trim() })),
  };
}

// The terms the shared wording leaves as master codes ("cci-standard"), which the screen names.
const CODED_TERMS = new Set(['Delivery term', 'Payment term', 'Terms of sale']);

/** A term's value with a master code replaced by the master's name ("CCI standard terms of sale"). */
export function withTermName(field: string, value: string | null, termName: (code: string) => string): string | null {
  return value !== null && CODED_TERMS.has(field) ? termName(value) : value;
}

/** A brokerage rate as the trade says it: "₹25.00 per bale", "0.5 % of value". */
export function commissionRate(commission: { basis: CommissionBasis; rate: string }, currency: string): string {
  if (commission.basis === 'percent') return `${formatNumber(commission.rate)} % of value`;
  return `${formatMoney(commission.rate, currency, { maxFractionDigits: 4 })} ${COMMISSION_BASIS_LABELS[commission.basis]}`;
}

export const UNIT_OPTIONS = TRADE_UNITS.map((unit) => ({ value: unit, label: TRADE_UNIT_LABELS[unit].many }));
export const PRICE_UNIT_OPTIONS = TRADE_UNITS.map((unit) => ({ value: unit, label: TRADE_UNIT_LABELS[unit].per }));
export const BASIS_OPTIONS = COMMISSION_BASES.map((basis) => ({ value: basis, label: COMMISSION_BASIS_LABELS[basis] }));

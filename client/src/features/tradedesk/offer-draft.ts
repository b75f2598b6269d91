import type { CreateOfferInput, LotView, OfferSide, OfferVisibility, ParseResult, TradeUnit } from '@tradeloom/shared';
import { fromLocalInput, toLocalInput, trimZeros } from '../../lib/format.ts';

// An offer as the post-an-offer form holds it: every value a string, '' for an empty box. Field
// names follow `createOfferInput`, so the server's errors (`quality.staple_mm.min`) land on the
// inputs that show them.

export interface RangeDraft {
  min: string;
  max: string;
}

export interface OfferDraft {
  side: OfferSide | '';
  commodity: string;
  variety: string;
  lotId: string;
  quantity: string;
  unit: TradeUnit;
  price: string;
  priceUnit: TradeUnit;
  currency: string;
  /** Ranges by parameter code; a parameter with both boxes empty is left out. */
  quality: Record<string, RangeDraft>;
  deliveryStateCode: string;
  deliveryCity: string;
  deliveryTerm: string;
  deliveryFrom: string;
  deliveryTo: string;
  paymentTerm: string;
  paymentDays: string;
  /** A `datetime-local` value in the browser's time zone. */
  validUntil: string;
  visibility: OfferVisibility;
  notes: string;
  /** The pasted message the form was read from, kept with the offer. */
  sourceText: string;
}

const DAY = 24 * 3_600_000;
/** How long an offer stands unless the user says otherwise. */
export const DEFAULT_VALIDITY_DAYS = 3;

const validUntilAfter = (now: Date, days: number) => toLocalInput(new Date(now.getTime() + days * DAY));

export const emptyOfferDraft = (now: Date): OfferDraft => ({
  side: '',
  commodity: '',
  variety: '',
  lotId: '',
  quantity: '',
  unit: 'bale',
  price: '',
  priceUnit: 'candy',
  currency: 'INR',
  quality: {},
  deliveryStateCode: '',
  deliveryCity: '',
  deliveryTerm: '',
  deliveryFrom: '',
  deliveryTo: '',
  paymentTerm: '',
  paymentDays: '',
  validUntil: validUntilAfter(now, DEFAULT_VALIDITY_DAYS),
  visibility: 'desk',
  notes: '',
  sourceText: '',
});

/** A sell offer of one of our lots: its commodity, variety, bales and place; its test results go with it. */
export function draftForLot(
  draft: OfferDraft,
  lot: Pick<LotView, 'id' | 'commodityCode' | 'varietyCode' | 'bales' | 'stateCode' | 'city'>,
) {
  return {
    ...draft,
    side: 'sell' as const,
    commodity: lot.commodityCode,
    variety: lot.varietyCode ?? '',
    lotId: lot.id,
    quantity: String(lot.bales),
    unit: 'bale' as const,
    deliveryStateCode: lot.stateCode,
    deliveryCity: lot.city,
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** Whole days as the server takes them; anything else stays as typed for the schema to name. */
export function wholeNumber(value: string): number | string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Ranges with at least one end typed, ends as typed (the schema checks them). */
export function rangesInput(quality: Record<string, RangeDraft>) {
  const entries = Object.entries(quality)
    .map(([code, range]) => [code, { min: optional(range.min), max: optional(range.max) }] as const)
    .filter(([, range]) => range.min !== undefined || range.max !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** What `tradedesk.offers.create` takes: empty boxes left out, the validity as an instant. */
export function offerInput(draft: OfferDraft): CreateOfferInput {
  return {
    side: (draft.side || undefined) as OfferSide,
    commodity: draft.commodity,
    variety: optional(draft.variety),
    lotId: optional(draft.lotId),
    quantity: draft.quantity.trim(),
    unit: draft.unit,
    price: draft.price.trim(),
    priceUnit: draft.priceUnit,
    currency: optional(draft.currency) ?? 'INR',
    quality: rangesInput(draft.quality),
    deliveryStateCode: optional(draft.deliveryStateCode),
    deliveryCity: optional(draft.deliveryCity),
    deliveryTerm: optional(draft.deliveryTerm),
    deliveryFrom: optional(draft.deliveryFrom),
    deliveryTo: optional(draft.deliveryTo),
    paymentTerm: optional(draft.paymentTerm),
    paymentDays: wholeNumber(draft.paymentDays) as number | undefined,
    validUntil: fromLocalInput(draft.validUntil) as never,
    visibility: draft.visibility,
    notes: optional(draft.notes),
    sourceText: optional(draft.sourceText),
  };
}

/** Where a filled box came from: the words of the message and how sure the reader was. */
export interface FieldSource {
  text: string;
  confidence: number;
}

/** Below this the form asks the user to check the value (a guess from context, not a keyword). */
export const LOW_CONFIDENCE = 0.7;

/** The form field a parsed field fills; `quality.staple_mm` fills both ends of that range. */
function formFieldOf(parsedName: string): string | undefined {
  if (parsedName.startsWith('quality.')) return parsedName;
  if (parsedName === 'validityDays') return 'validUntil';
  // The crop year describes a lot, not an offer.
  if (parsedName === 'cropYear') return undefined;
  return parsedName;
}

/**
 * The form after reading a message: every field the message gave replaces what the box held, the
 * rest stays as the user left it. Returns where each filled field came from.
 */
export function draftFromParse(draft: OfferDraft, parsed: ParseResult, text: string, now: Date) {
  const { offer } = parsed;
  const next: OfferDraft = { ...draft, quality: { ...draft.quality }, sourceText: text.trim() };
  if (offer.side) next.side = offer.side;
  if (offer.commodity) next.commodity = offer.commodity;
  if (offer.variety) next.variety = offer.variety;
  if (offer.quantity) next.quantity = trimZeros(offer.quantity);
  if (offer.unit) next.unit = offer.unit;
  if (offer.price) next.price = trimZeros(offer.price);
  if (offer.priceUnit) next.priceUnit = offer.priceUnit;
  if (offer.currency) next.currency = offer.currency;
  for (const [code, range] of Object.entries(offer.quality)) {
    next.quality[code] = { min: range.min ? trimZeros(range.min) : '', max: range.max ? trimZeros(range.max) : '' };
  }
  if (offer.deliveryStateCode) next.deliveryStateCode = offer.deliveryStateCode;
  if (offer.deliveryCity) next.deliveryCity = offer.deliveryCity;
  if (offer.deliveryTerm) next.deliveryTerm = offer.deliveryTerm;
  if (offer.paymentDays !== null) next.paymentDays = String(offer.paymentDays);
  if (offer.validityDays) next.validUntil = validUntilAfter(now, offer.validityDays);

  const sources: Record<string, FieldSource> = {};
  for (const field of parsed.fields) {
    const target = formFieldOf(field.name);
    if (!target) continue;
    const known = sources[target];
    // Two rules reading one field (a price and its unit word): show the least sure of them.
    sources[target] = known
      ? { text: `${known.text} … ${field.span.text}`, confidence: Math.min(known.confidence, field.confidence) }
      : { text: field.span.text, confidence: field.confidence };
  }
  return { draft: next, sources };
}

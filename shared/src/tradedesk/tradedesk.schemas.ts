import { z } from 'zod';
import { boundedDateTime, currencyCode, decimalString, id, isoDate, name, pageCursor, percent, rowVersion } from '../common.ts';
import { NEGOTIATION_STATUSES, OFFER_SIDES, OFFER_STATUSES } from './negotiation-machine.ts';
import { lotQualityInput, qualityRangesInput } from './quality.ts';
import { TRADE_UNITS } from './units.ts';

// Inputs of `tradedesk.*`. Quantities and prices are decimal strings; instants ISO timestamps.

const idempotencyKey = z.string().trim().min(8).max(255).optional();
const text = (max: number) => z.string().trim().max(max);
const code = z.string().trim().toLowerCase().min(1).max(40);
/** A state as the desk's locations name it: the two-letter code, e.g. GJ for Gujarat. */
export const stateCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter state code like GJ');
/** numeric(14,3), `> 0`: offer, lot and contract quantities. */
export const tradeQuantity = () => decimalString({ precision: 14, scale: 3, positive: true });
/** numeric(14,2), `> 0`: a trade price per price unit. */
export const tradePrice = () => decimalString({ precision: 14, scale: 2, positive: true });
export const tradeUnit = z.enum(TRADE_UNITS, { error: 'must be one of bale, candy, qtl, kg' });
const pageSize = z.number().int().min(1).max(100).default(25);

export const cropYear = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}$/, 'must be a crop year like 2025-26')
  .refine((value) => (Number(value.slice(0, 4)) + 1) % 100 === Number(value.slice(5)), 'must be two consecutive years like 2025-26');

const lotFields = {
  commodityCode: code,
  varietyCode: code.optional(),
  bales: z.number().int().min(1).max(1_000_000),
  netWeightKg: decimalString({ precision: 14, scale: 3, positive: true }),
  stateCode,
  city: name(100),
  warehouse: text(200).optional(),
  locationId: id.optional(),
  cropYear,
  /** Left out: no results (a lot is saved whole). */
  quality: lotQualityInput.optional(),
  labName: text(200).optional(),
  testedOn: isoDate.optional(),
  testReportFileId: id.optional(),
  notes: text(2000).optional(),
};

export const createLotInput = z.object({ ...lotFields, idempotencyKey });
/** Replaces the lot's fields whole; a lot on a live offer or sold is CONFLICT. */
export const updateLotInput = z.object({ lotId: id, version: rowVersion, ...lotFields });
export const lotIdInput = z.object({ lotId: id });
export const archiveLotInput = z.object({ lotId: id, version: rowVersion });
export const LOT_STATUSES = ['available', 'offered', 'sold', 'archived'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];
export const lotListInput = z.object({
  status: z.enum(LOT_STATUSES).optional(),
  commodityCode: code.optional(),
  q: text(100).optional(),
  cursor: pageCursor.optional(),
  limit: pageSize,
});

export const OFFER_VISIBILITIES = ['partners', 'desk'] as const;
export type OfferVisibility = (typeof OFFER_VISIBILITIES)[number];
export const OFFER_VISIBILITY_LABELS: Record<OfferVisibility, string> = {
  partners: 'Linked partners only',
  desk: 'Everyone on the desk',
};

/** Delivery and payment, as an offer states them and a negotiation round proposes them. */
const deliveryAndPayment = {
  deliveryStateCode: stateCode.optional(),
  deliveryCity: text(100).optional(),
  /** A delivery term of the masters, e.g. `ex-gin`. */
  deliveryTerm: code.optional(),
  deliveryFrom: isoDate.optional(),
  deliveryTo: isoDate.optional(),
  paymentDays: z.number().int().min(0).max(365).optional(),
  /** A payment term of the masters, e.g. `net-15`. */
  paymentTerm: code.optional(),
};
const deliveryPeriodInOrder = <T extends { deliveryFrom?: string; deliveryTo?: string }>(value: T) =>
  !value.deliveryFrom || !value.deliveryTo || value.deliveryFrom <= value.deliveryTo;
const deliveryPeriodMessage = { path: ['deliveryTo'], message: 'must not be before the delivery start' };

export const createOfferInput = z
  .object({
    side: z.enum(OFFER_SIDES),
    commodity: code,
    variety: code.optional(),
    lotId: id.optional(),
    quantity: tradeQuantity(),
    unit: tradeUnit,
    price: tradePrice(),
    currency: currencyCode.default('INR'),
    priceUnit: tradeUnit,
    quality: qualityRangesInput.optional(),
    ...deliveryAndPayment,
    /** Until when the offer stands; the clock expires it then. Must lie in the future. */
    validUntil: boundedDateTime,
    visibility: z.enum(OFFER_VISIBILITIES),
    notes: text(2000).optional(),
    /** The message the offer was parsed from, kept with it. */
    sourceText: text(2000).optional(),
    idempotencyKey,
  })
  .refine(deliveryPeriodInOrder, deliveryPeriodMessage);
export type CreateOfferInput = z.input<typeof createOfferInput>;

export const offerIdInput = z.object({ offerId: id });
export const withdrawOfferInput = z.object({ offerId: id, version: rowVersion, reason: text(500).optional() });

export const OFFER_LIST_SCOPES = ['desk', 'mine'] as const;
/** A quality filter: offers whose ranges (or lot's results) meet it. */
export const offerListInput = z.object({
  /** `desk`: others' live offers visible to the caller; `mine`: the caller's own, any status. */
  scope: z.enum(OFFER_LIST_SCOPES).default('desk'),
  side: z.enum(OFFER_SIDES).optional(),
  commodity: code.optional(),
  variety: code.optional(),
  status: z.enum(OFFER_STATUSES).optional(),
  stateCode: stateCode.optional(),
  city: text(100).optional(),
  /** Price bounds, in `priceUnit` (per candy unless said). */
  priceMin: tradePrice().optional(),
  priceMax: tradePrice().optional(),
  priceUnit: tradeUnit.default('candy'),
  quality: qualityRangesInput.optional(),
  q: text(100).optional(),
  cursor: pageCursor.optional(),
  limit: pageSize,
});
export type OfferListInput = z.input<typeof offerListInput>;

export const parseInput = z.object({ text: z.string().trim().min(1, 'is empty').max(2000, 'is longer than 2,000 characters') });
export const matchesInput = z.object({ offerId: id, limit: z.number().int().min(1).max(50).default(20) });

export const COMMISSION_BASES = ['per_bale', 'per_candy', 'percent'] as const;
export type CommissionBasis = (typeof COMMISSION_BASES)[number];
export const COMMISSION_BASIS_LABELS: Record<CommissionBasis, string> = {
  per_bale: 'per bale',
  per_candy: 'per candy',
  percent: '% of value',
};
/** A broker on the deal: named, or one of the company's commission structures. */
export const commissionInput = z.union([
  z.strictObject({ structureId: id }),
  z.strictObject({
    brokerName: name(200),
    brokerCompanyId: id.optional(),
    basis: z.enum(COMMISSION_BASES),
    rate: decimalString({ precision: 12, scale: 4 }),
    sellerSharePct: percent(),
  }),
]);

export const deliveryScheduleInput = z
  .array(
    z
      .object({ dueFrom: isoDate, dueTo: isoDate, quantity: tradeQuantity() })
      .refine((slot) => slot.dueFrom <= slot.dueTo, { path: ['dueTo'], message: 'must not be before the start' }),
  )
  .max(24);

/** A proposal: every round carries the whole terms, the screen shows what changed. */
export const negotiationTermsInput = z
  .object({
    price: tradePrice(),
    priceUnit: tradeUnit,
    currency: currencyCode.default('INR'),
    quantity: tradeQuantity(),
    unit: tradeUnit,
    quality: qualityRangesInput.optional(),
    ...deliveryAndPayment,
    quantityTolerancePct: decimalString({ precision: 5, scale: 2, max: 20 }).optional(),
    /** Standard terms of sale from the masters, e.g. `cci-standard`. */
    termsCode: code.optional(),
    commission: commissionInput.optional(),
    /** Delivery in parts; the quantities add up to the deal's quantity. */
    deliverySchedule: deliveryScheduleInput.optional(),
  })
  .refine(deliveryPeriodInOrder, deliveryPeriodMessage);
export type NegotiationTermsInput = z.input<typeof negotiationTermsInput>;

export const openNegotiationInput = z.object({ offerId: id, terms: negotiationTermsInput, message: text(1000).optional() });
export const counterNegotiationInput = z.object({
  negotiationId: id,
  version: rowVersion,
  terms: negotiationTermsInput,
  message: text(1000).optional(),
});
export const acceptNegotiationInput = z.object({ negotiationId: id, version: rowVersion });
export const rejectNegotiationInput = z.object({ negotiationId: id, version: rowVersion, reason: text(500).optional() });
export const cancelNegotiationInput = z.object({ negotiationId: id, reason: text(500).optional() });
export const negotiationIdInput = z.object({ negotiationId: id });
export const negotiationListInput = z.object({
  /** `mine`: on my offers; `theirs`: ones I opened on others' offers. */
  role: z.enum(['all', 'mine', 'theirs']).default('all'),
  status: z.enum(NEGOTIATION_STATUSES).optional(),
  offerId: id.optional(),
  cursor: pageCursor.optional(),
  limit: pageSize,
});

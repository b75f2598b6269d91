import { z } from 'zod';
import { isoDate } from '../common.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { NEGOTIATION_ACTIONS, NEGOTIATION_STATUSES, OFFER_SIDES, OFFER_STATUSES } from './negotiation-machine.ts';
import { COMMISSION_BASES, LOT_STATUSES, OFFER_VISIBILITIES } from './tradedesk.schemas.ts';
import { TRADE_UNITS } from './units.ts';

// What `tradedesk.*` answers. An offer another company sees never carries the owner's notes or
// source text; a negotiation is seen by its two parties only.

const unit = z.enum(TRADE_UNITS);
const company = z.strictObject({ id: z.uuid(), name: z.string(), verified: z.boolean() });
const attachment = z.strictObject({ fileId: z.uuid(), name: z.string(), contentType: z.string(), size: z.number().int() });

export const qualityRange = z.strictObject({ min: decimal.nullable(), max: decimal.nullable() });
/** Ranges by parameter code. */
export const qualityRanges = z.record(z.string(), qualityRange);
export const lotQuality = z.strictObject({ values: z.record(z.string(), decimal), colourGrade: z.string().nullable() });

export const recordCreated = z.strictObject({ id: z.uuid(), number: z.string(), version: z.number().int() });
export const recordChanged = z.strictObject({ id: z.uuid(), status: z.string(), version: z.number().int() });

export const lotSummary = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  commodityCode: z.string(),
  commodityName: z.string(),
  varietyCode: z.string().nullable(),
  varietyName: z.string().nullable(),
  bales: z.number().int(),
  netWeightKg: decimal,
  stateCode: z.string(),
  city: z.string(),
  warehouse: z.string().nullable(),
  cropYear: z.string(),
  quality: lotQuality,
  status: z.enum(LOT_STATUSES),
  createdAt: timestamp,
});

export const lotView = lotSummary.extend({
  locationId: z.uuid().nullable(),
  labName: z.string().nullable(),
  testedOn: isoDate.nullable(),
  testReport: attachment.nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  updatedAt: timestamp,
  /** The live offers the lot is on. */
  offers: z.array(z.strictObject({ id: z.uuid(), number: z.string(), status: z.enum(OFFER_STATUSES) })),
});
export const lotPage = pageOf(lotSummary);

export const offerSummary = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  side: z.enum(OFFER_SIDES),
  status: z.enum(OFFER_STATUSES),
  company,
  /** The caller's own offer. */
  mine: z.boolean(),
  commodityCode: z.string(),
  commodityName: z.string(),
  varietyCode: z.string().nullable(),
  varietyName: z.string().nullable(),
  lotId: z.uuid().nullable(),
  lotNumber: z.string().nullable(),
  quantity: decimal,
  remainingQuantity: decimal,
  unit,
  price: decimal,
  currency: z.string(),
  priceUnit: unit,
  quality: qualityRanges,
  deliveryStateCode: z.string().nullable(),
  deliveryCity: z.string().nullable(),
  deliveryTerm: z.string().nullable(),
  deliveryFrom: isoDate.nullable(),
  deliveryTo: isoDate.nullable(),
  paymentDays: z.number().int().nullable(),
  paymentTerm: z.string().nullable(),
  validUntil: timestamp,
  visibility: z.enum(OFFER_VISIBILITIES),
  openNegotiations: z.number().int(),
  createdAt: timestamp,
});
export const offerPage = pageOf(offerSummary);

export const negotiationStatus = z.enum(NEGOTIATION_STATUSES);

/** A proposal as stored: the whole terms of one round. */
export const negotiationTerms = z.strictObject({
  price: decimal,
  priceUnit: unit,
  currency: z.string(),
  quantity: decimal,
  unit,
  quality: qualityRanges,
  deliveryStateCode: z.string().nullable(),
  deliveryCity: z.string().nullable(),
  deliveryTerm: z.string().nullable(),
  deliveryFrom: isoDate.nullable(),
  deliveryTo: isoDate.nullable(),
  paymentDays: z.number().int().nullable(),
  paymentTerm: z.string().nullable(),
  quantityTolerancePct: decimal.nullable(),
  termsCode: z.string().nullable(),
  commission: z
    .strictObject({
      brokerName: z.string(),
      brokerCompanyId: z.uuid().nullable(),
      basis: z.enum(COMMISSION_BASES),
      rate: decimal,
      sellerSharePct: decimal,
    })
    .nullable(),
  deliverySchedule: z.array(z.strictObject({ dueFrom: isoDate, dueTo: isoDate, quantity: decimal })),
});
export type NegotiationTerms = z.infer<typeof negotiationTerms>;

export const negotiationSummary = z.strictObject({
  id: z.uuid(),
  offerId: z.uuid(),
  offerNumber: z.string(),
  offerSide: z.enum(OFFER_SIDES),
  commodityName: z.string(),
  status: negotiationStatus,
  currentVersion: z.number().int(),
  /** `owner`: on the caller's offer; `counterparty`: the caller opened it on another's offer. */
  myRole: z.enum(['owner', 'counterparty']),
  counterparty: company,
  /** The current version was proposed by the other side and waits for the caller. */
  yourTurn: z.boolean(),
  latestTerms: negotiationTerms,
  expiresAt: timestamp,
  contractId: z.uuid().nullable(),
  updatedAt: timestamp,
});
export const negotiationPage = pageOf(negotiationSummary);

export const termsChange = z.strictObject({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() });

export const negotiationView = negotiationSummary.extend({
  offer: offerSummary,
  rounds: z.array(
    z.strictObject({
      version: z.number().int(),
      byCompany: z.strictObject({ id: z.uuid(), name: z.string() }),
      byYou: z.boolean(),
      terms: negotiationTerms,
      /** What this round changed against the one before (empty for the first). */
      changes: z.array(termsChange),
      message: z.string().nullable(),
      createdAt: timestamp,
    }),
  ),
  allowedActions: z.array(z.enum(NEGOTIATION_ACTIONS)),
  endReason: z.string().nullable(),
});

export const offerView = offerSummary.extend({
  notes: z.string().nullable(),
  /** The owner's only. */
  sourceText: z.string().nullable(),
  version: z.number().int(),
  lot: lotSummary.nullable(),
  /** The owner sees every negotiation on the offer; another company only its own. */
  negotiations: z.array(negotiationSummary),
  canWithdraw: z.boolean(),
  canNegotiate: z.boolean(),
  updatedAt: timestamp,
});

export const negotiationOpened = z.strictObject({ id: z.uuid(), version: z.number().int() });
export const negotiationAccepted = z.strictObject({ contractId: z.uuid() });
export const negotiationChanged = z.strictObject({ id: z.uuid(), status: negotiationStatus, version: z.number().int() });

export const MATCH_FACTORS = ['quality', 'price', 'quantity', 'location', 'delivery', 'standing'] as const;
export type MatchFactorName = (typeof MATCH_FACTORS)[number];
export const matchFactor = z.strictObject({
  name: z.enum(MATCH_FACTORS),
  /** Share of the total, the weights add up to 100. */
  weight: z.number().int(),
  /** 0–100: how well this factor fits. */
  score: z.number().int(),
  /** weight × score / 100, the points it adds to the match. */
  contribution: z.number(),
  /** In words: "staple 29 mm inside 28.5–30; mic 4.4 above 4.2 by 0.2". */
  detail: z.string(),
});
export const offerMatch = z.strictObject({
  offerId: z.uuid(),
  score: z.number().int(),
  factors: z.array(matchFactor),
  offer: offerSummary,
});
export type OfferMatch = z.infer<typeof offerMatch>;

export const PARSED_FIELDS = [
  'side',
  'commodity',
  'variety',
  'quantity',
  'unit',
  'price',
  'priceUnit',
  'currency',
  'quality',
  'deliveryCity',
  'deliveryStateCode',
  'deliveryTerm',
  'paymentDays',
  'validityDays',
  'cropYear',
] as const;
export type ParsedFieldName = (typeof PARSED_FIELDS)[number];
export const textSpan = z.strictObject({ start: z.number().int(), end: z.number().int(), text: z.string() });
/** A draft offer read off a message: what was found; the user confirms or edits before posting. */
export const parsedOffer = z.strictObject({
  side: z.enum(OFFER_SIDES).nullable(),
  commodity: z.string().nullable(),
  variety: z.string().nullable(),
  quantity: decimal.nullable(),
  unit: unit.nullable(),
  price: decimal.nullable(),
  priceUnit: unit.nullable(),
  currency: z.string().nullable(),
  quality: qualityRanges,
  deliveryCity: z.string().nullable(),
  deliveryStateCode: z.string().nullable(),
  deliveryTerm: z.string().nullable(),
  paymentDays: z.number().int().nullable(),
  validityDays: z.number().int().nullable(),
  cropYear: z.string().nullable(),
});
export type ParsedOffer = z.infer<typeof parsedOffer>;
export const parseResult = z.strictObject({
  offer: parsedOffer,
  fields: z.array(
    z.strictObject({
      /** `quality.staple_mm` for a quality parameter. */
      name: z.string(),
      value: z.string(),
      /** 0–1: 1 for an exact keyword, lower for a guess from context. */
      confidence: z.number(),
      span: textSpan,
    }),
  ),
  /** Parts of the message no rule read. */
  unparsed: z.array(textSpan),
});
export type ParseResult = z.infer<typeof parseResult>;

export type OfferSummary = z.infer<typeof offerSummary>;
export type OfferView = z.infer<typeof offerView>;
export type LotView = z.infer<typeof lotView>;
export type NegotiationView = z.infer<typeof negotiationView>;

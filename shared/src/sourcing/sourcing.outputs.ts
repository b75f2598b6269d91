import { z } from 'zod';
import { isoDate } from '../common.ts';
import { PAYMENT_TERMS } from '../orders/payment-terms.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { TENDER_CRITERIA } from './sourcing.schemas.ts';
import { QUOTE_STATUSES, TENDER_ACTIONS, TENDER_STATUSES } from './tender-machine.ts';

// What `sourcing.*` answers. A buyer's view of a quote carries `terms: null` while the tender is
// sealed; a supplier's view of a tender never names another supplier.

const tenderStatus = z.enum(TENDER_STATUSES);
const quoteStatus = z.enum(QUOTE_STATUSES);
const paymentTerms = z.strictObject({ kind: z.enum(PAYMENT_TERMS), days: z.number().int().nullable() }).nullable();
const attachment = z.strictObject({ fileId: z.uuid(), name: z.string(), contentType: z.string(), size: z.number().int() });

export const tenderCreated = z.strictObject({ id: z.uuid(), number: z.string(), version: z.number().int() });
export const tenderChanged = z.strictObject({ id: z.uuid(), status: tenderStatus, closesAt: timestamp, version: z.number().int() });

export const tenderItem = z.strictObject({
  id: z.uuid(),
  lineNo: z.number().int(),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: decimal,
  unit: z.string(),
  targetPrice: decimal.nullable(),
  hsnCode: z.string().nullable(),
  specification: z.array(z.strictObject({ name: z.string(), value: z.string() })),
});

export const tenderCriterion = z.strictObject({ criterion: z.enum(TENDER_CRITERIA), weight: z.number().int() });
export const tenderConversions = z.strictObject({
  currencies: z.record(z.string(), decimal),
  units: z.array(z.strictObject({ from: z.string(), to: z.string(), factor: decimal })),
});

/** A published answer; `askedByYou` is the only hint of who asked, and only to the asker. */
export const clarification = z.strictObject({
  id: z.uuid(),
  question: z.string(),
  answer: z.string().nullable(),
  askedAt: timestamp,
  answeredAt: timestamp.nullable(),
  askedByYou: z.boolean(),
});

/** The common head of a tender, as either side sees it. */
const tenderHead = {
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  status: tenderStatus,
  currency: z.string(),
  deliveryPlace: z.string().nullable(),
  deliveryDate: isoDate.nullable(),
  paymentTerms,
  closesAt: timestamp,
  notes: z.string().nullable(),
  criteria: z.array(tenderCriterion),
  publishedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  cancelReason: z.string().nullable(),
  items: z.array(tenderItem),
  attachments: z.array(attachment),
};

export const quoteLine = z.strictObject({
  id: z.uuid(),
  itemId: z.uuid(),
  alternativeNo: z.number().int(),
  description: z.string().nullable(),
  unitPrice: decimal,
  quantity: decimal.nullable(),
  unit: z.string().nullable(),
  freightPerUnit: decimal,
  hsnCode: z.string().nullable(),
  taxRate: decimal.nullable(),
  notes: z.string().nullable(),
});

/** A quote's content: prices and terms. Sealed from the buyer until the tender closes. */
export const quoteTerms = z.strictObject({
  currency: z.string(),
  leadTimeDays: z.number().int().nullable(),
  validUntil: isoDate.nullable(),
  paymentTerms,
  notes: z.string().nullable(),
  lines: z.array(quoteLine),
  attachments: z.array(attachment),
});

/** A supplier's active quote as the buyer sees it: who and when always, `terms` only once closed. */
export const buyerQuote = z.strictObject({
  id: z.uuid(),
  supplierId: z.uuid(),
  supplierName: z.string(),
  revision: z.number().int(),
  submittedAt: timestamp,
  terms: quoteTerms.nullable(),
});

export const INVITEE_STATES = ['invited', 'quoted', 'declined', 'withdrawn'] as const;
export const invitee = z.strictObject({
  supplierId: z.uuid(),
  supplierName: z.string(),
  /** Not on Tradeloom yet: invited by email with a link to claim its company. */
  unclaimed: z.boolean(),
  state: z.enum(INVITEE_STATES),
  invitedAt: timestamp,
  /** When the active quote was submitted (never its content while sealed). */
  quotedAt: timestamp.nullable(),
  declineReason: z.string().nullable(),
});

export const tenderAwardLine = z.strictObject({
  itemId: z.uuid(),
  quoteId: z.uuid(),
  supplierId: z.uuid(),
  supplierName: z.string(),
  quantity: decimal,
  orderId: z.uuid(),
  /** The buyer's PO number of the order the award made. */
  orderNumber: z.string().nullable(),
  reason: z.string().nullable(),
});

/** The buyer's tender: invitees, every active quote (sealed while open), clarifications, awards. */
export const buyerTender = z.strictObject({
  side: z.literal('buyer'),
  ...tenderHead,
  version: z.number().int(),
  conversions: tenderConversions,
  closeReason: z.enum(['deadline', 'early']).nullable(),
  awardedAt: timestamp.nullable(),
  invitees: z.array(invitee),
  quotes: z.array(buyerQuote),
  /** `true` while prices and terms are hidden from the buyer. */
  sealed: z.boolean(),
  clarifications: z.array(clarification),
  awards: z.array(tenderAwardLine),
  /** What the buyer may do now (shared/src/sourcing/tender-machine.ts). */
  actions: z.array(z.enum(TENDER_ACTIONS)),
});

/** The supplier's own quote revisions, newest first; the draft (if any) is its private work. */
export const ownQuote = z.strictObject({
  id: z.uuid(),
  revision: z.number().int(),
  status: quoteStatus,
  submittedAt: timestamp.nullable(),
  withdrawnAt: timestamp.nullable(),
  version: z.number().int(),
  terms: quoteTerms,
});

/** An invitee's tender: the buyer's name, its own quotes and state, never another supplier. */
export const supplierTender = z.strictObject({
  side: z.literal('supplier'),
  ...tenderHead,
  buyerId: z.uuid(),
  buyerName: z.string(),
  invitation: z.strictObject({ state: z.enum(INVITEE_STATES), invitedAt: timestamp, declineReason: z.string().nullable() }),
  quotes: z.array(ownQuote),
  clarifications: z.array(clarification),
  /** May submit, revise or withdraw now (open and before the deadline). */
  canQuote: z.boolean(),
  /** What of this supplier's quote was awarded (after award). */
  awards: z.array(tenderAwardLine),
});

export const tenderView = z.discriminatedUnion('side', [buyerTender, supplierTender]);

export const tenderListRow = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  status: tenderStatus,
  currency: z.string(),
  closesAt: timestamp,
  itemCount: z.number().int(),
  invitedCount: z.number().int(),
  quoteCount: z.number().int(),
  createdAt: timestamp,
});
export const tenderPage = pageOf(tenderListRow);

export const invitationRow = z.strictObject({
  tenderId: z.uuid(),
  number: z.string(),
  title: z.string(),
  buyerId: z.uuid(),
  buyerName: z.string(),
  status: tenderStatus,
  closesAt: timestamp,
  itemCount: z.number().int(),
  state: z.enum(INVITEE_STATES),
  /** Whether a private draft is saved. */
  hasDraft: z.boolean(),
  invitedAt: timestamp,
});
export const invitationPage = pageOf(invitationRow);

/** The home page's "waiting for you": open requests this company has neither quoted nor declined, and questions on its tenders. */
export const sourcingWaiting = z.strictObject({ quoteRequests: z.number().int(), questions: z.number().int() });

export const quoteSaved = z.strictObject({ id: z.uuid(), revision: z.number().int(), status: quoteStatus, version: z.number().int() });
export const clarificationCreated = z.strictObject({ id: z.uuid() });

/** One priced cell of the comparison: a quote line normalised to the tender's unit and currency. */
export const comparisonCell = z.strictObject({
  quoteId: z.uuid(),
  itemId: z.uuid(),
  quoteLineId: z.uuid(),
  alternativeNo: z.number().int(),
  description: z.string().nullable(),
  /** As quoted: price per the quote's unit, in the quote's currency. */
  quotedUnitPrice: decimal,
  quotedCurrency: z.string(),
  quotedUnit: z.string(),
  /** What the supplier can supply, in the item's unit (null: conversion missing). */
  quantity: decimal.nullable(),
  /** Per the item's unit in the tender's currency; null while a conversion is missing. */
  unitPrice: decimal.nullable(),
  freightPerUnit: decimal.nullable(),
  taxRate: decimal.nullable(),
  /** Price + freight + GST the buyer pays, per unit and for the quantity asked (or offered, if less). */
  landedUnitCost: decimal.nullable(),
  landedTotal: decimal.nullable(),
  /** The lowest landed unit cost for this item among offers as asked (alternative 0). */
  lowest: z.boolean(),
  /** What is missing to normalise it, in words ("USD → INR rate"). */
  missing: z.string().nullable(),
});

export const criterionScore = z.strictObject({
  criterion: z.enum(TENDER_CRITERIA),
  weight: z.number().int(),
  /** 0–100 on this criterion before weighting. */
  score: decimal,
  /** weight × score / 100: what it adds to the total. */
  points: decimal,
});

export const comparisonSupplier = z.strictObject({
  quoteId: z.uuid(),
  supplierId: z.uuid(),
  supplierName: z.string(),
  revision: z.number().int(),
  submittedAt: timestamp,
  currency: z.string(),
  leadTimeDays: z.number().int().nullable(),
  validUntil: isoDate.nullable(),
  paymentTerms,
  /** Landed total over the items it quoted as asked, in the tender's currency. */
  landedTotal: decimal.nullable(),
  itemsQuoted: z.number().int(),
  /** 0–100 weighted score; null without criteria or while a conversion is missing. */
  score: decimal.nullable(),
  contributions: z.array(criterionScore),
});

export const tenderComparison = z.strictObject({
  tenderId: z.uuid(),
  number: z.string(),
  currency: z.string(),
  criteria: z.array(tenderCriterion),
  conversions: tenderConversions,
  items: z.array(tenderItem),
  suppliers: z.array(comparisonSupplier),
  cells: z.array(comparisonCell),
  /** Conversions the buyer still has to enter, e.g. `{ kind: 'currency', from: 'USD', to: 'INR' }`. */
  missingConversions: z.array(z.strictObject({ kind: z.enum(['currency', 'unit']), from: z.string(), to: z.string() })),
});

/** Whom a buyer can invite: linked suppliers, directory companies, its own unclaimed counterparties. */
export const supplierCandidate = z.strictObject({
  companyId: z.uuid(),
  name: z.string(),
  kind: z.enum(['partner', 'directory', 'unclaimed']),
  city: z.string().nullable(),
  /** An unclaimed counterparty without an email on record cannot be told of the tender. */
  email: z.string().nullable(),
});

export const tenderAwarded = z.strictObject({ orderIds: z.array(z.uuid()) });

export type BuyerTender = z.infer<typeof buyerTender>;
export type SupplierTender = z.infer<typeof supplierTender>;
export type TenderView = z.infer<typeof tenderView>;
export type TenderListRow = z.infer<typeof tenderListRow>;
export type SourcingWaiting = z.infer<typeof sourcingWaiting>;
export type InvitationRow = z.infer<typeof invitationRow>;
export type QuoteTerms = z.infer<typeof quoteTerms>;
export type TenderComparison = z.infer<typeof tenderComparison>;
export type ComparisonCell = z.infer<typeof comparisonCell>;
export type ComparisonSupplier = z.infer<typeof comparisonSupplier>;

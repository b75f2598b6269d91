import { z } from 'zod';
import {
  boundedDateTime,
  currencyCode,
  id,
  isoDate,
  name,
  pageCursor,
  percent,
  positiveQuantity,
  rowVersion,
  unitPrice,
} from '../common.ts';
import { paymentTermsInput } from '../orders/payment-terms.ts';
import { TENDER_STATUSES } from './tender-machine.ts';

// Inputs of `sourcing.*`. Amounts and quantities are decimal strings; instants ISO timestamps.

const idempotencyKey = z.string().trim().min(8).max(255).optional();
const text = (max: number) => z.string().trim().max(max);
const hsnCode = z
  .string()
  .trim()
  .regex(/^\d{4,8}$/, 'must be a 4 to 8 digit HSN code');
const unitCode = z.string().trim().min(1).max(20);

/** What a buyer weighs when it compares quotes. */
export const TENDER_CRITERIA = ['price', 'leadTime', 'paymentTerms', 'quality'] as const;
export type TenderCriterion = (typeof TENDER_CRITERIA)[number];
export const TENDER_CRITERION_LABELS: Record<TenderCriterion, string> = {
  price: 'Price',
  leadTime: 'Lead time',
  paymentTerms: 'Payment terms',
  quality: 'Quality',
};

/** A quality parameter of a commodity item, e.g. `{ name: 'Micronaire', value: '3.8–4.2' }`. */
export const qualitySpecInput = z.object({ name: name(60), value: name(120) });

export const tenderItemInput = z
  .object({
    /** A product of a linked supplier's catalog; its name fills an empty description. */
    productId: id.optional(),
    description: text(500).optional(),
    quantity: positiveQuantity(),
    unit: unitCode,
    targetPrice: unitPrice().optional(),
    hsnCode: hsnCode.optional(),
    specification: z.array(qualitySpecInput).max(20).optional(),
  })
  .refine((item) => item.productId || item.description, { path: ['description'], message: 'is required for an item without a product' });

export const tenderCriterionInput = z.object({ criterion: z.enum(TENDER_CRITERIA), weight: z.number().int().min(1).max(100) });

const criteriaInput = z
  .array(tenderCriterionInput)
  .max(TENDER_CRITERIA.length)
  .refine((criteria) => new Set(criteria.map((c) => c.criterion)).size === criteria.length, 'name each criterion once')
  .refine((criteria) => criteria.length === 0 || criteria.reduce((sum, c) => sum + c.weight, 0) === 100, 'weights must add up to 100');

const tenderFields = {
  title: name(200),
  currency: currencyCode,
  /** The deadline for quotes: in the future when the tender is published. */
  closesAt: boundedDateTime,
  deliveryPlace: text(200).optional(),
  deliveryDate: isoDate.optional(),
  paymentTerms: paymentTermsInput.optional(),
  notes: text(4000).optional(),
  items: z.array(tenderItemInput).min(1, 'a tender needs at least one item').max(100),
  criteria: criteriaInput.optional(),
  /** Files uploaded through /files: specifications, drawings, sample reports. */
  attachmentFileIds: z.array(id).max(20).optional(),
};

export const createTenderInput = z.object({ ...tenderFields, idempotencyKey });
/** A draft only; the whole tender is replaced (items keep no ids across an edit). */
export const updateTenderInput = z.object({ tenderId: id, version: rowVersion, ...tenderFields });
export const tenderIdInput = z.object({ tenderId: id });

/** Linked partners, directory companies, or the buyer's own unclaimed counterparties (told by email). */
export const inviteSuppliersInput = z.object({ tenderId: id, supplierIds: z.array(id).min(1, 'choose at least one supplier').max(50) });
export const supplierCandidatesInput = z.object({ search: text(60).optional() });
export const uninviteSupplierInput = z.object({ tenderId: id, supplierId: id });
export const publishTenderInput = z.object({ tenderId: id, version: rowVersion.optional() });
/** A later deadline only; every invitee is told. */
export const extendTenderInput = z.object({ tenderId: id, closesAt: boundedDateTime });
export const cancelTenderInput = z.object({ tenderId: id, reason: name(1000) });

export const TENDER_PAGE_MAX = 100;
export const tenderListInput = z.object({
  status: z.enum(TENDER_STATUSES).optional(),
  search: text(60).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(TENDER_PAGE_MAX).default(25),
});
/** The supplier's inbox: tenders it is invited to. `open` is open and before the deadline. */
export const invitationListInput = z.object({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(TENDER_PAGE_MAX).default(25),
});
export const declineInvitationInput = z.object({ tenderId: id, reason: text(1000).optional() });

export const quoteLineInput = z.object({
  itemId: id,
  /** 0 (the default) offers the item as asked; 1–9 are alternatives (another quality, say). */
  alternativeNo: z.number().int().min(0).max(9).optional(),
  /** Required for an alternative: what differs. */
  description: text(500).optional(),
  unitPrice: unitPrice(),
  /** What the supplier can supply; left out means the whole quantity asked. */
  quantity: positiveQuantity().optional(),
  /** The unit the price is per, when not the item's (the buyer enters the conversion). */
  unit: unitCode.optional(),
  freightPerUnit: unitPrice().optional(),
  hsnCode: hsnCode.optional(),
  taxRate: percent().optional(),
  notes: text(1000).optional(),
});

const quoteFields = {
  tenderId: id,
  /** Defaults to the tender's currency. */
  currency: currencyCode.optional(),
  lines: z.array(quoteLineInput).min(1, 'price at least one item').max(500),
  leadTimeDays: z.number().int().min(0).max(3650).optional(),
  validUntil: isoDate.optional(),
  paymentTerms: paymentTermsInput.optional(),
  notes: text(4000).optional(),
  attachmentFileIds: z.array(id).max(20).optional(),
};
/** Saves the supplier's private draft (never seen by the buyer); `version` guards against a stale editor. */
export const saveQuoteDraftInput = z.object({ ...quoteFields, version: rowVersion.optional() });
/** Submits a new revision, replacing the active quote (history kept) and the draft. */
export const submitQuoteInput = z.object({ ...quoteFields, idempotencyKey });
export const withdrawQuoteInput = z.object({ tenderId: id, idempotencyKey });

export const askClarificationInput = z.object({ tenderId: id, question: name(2000) });
export const answerClarificationInput = z.object({ clarificationId: id, answer: name(4000) });

/** The buyer's conversions for comparison: no network, the buyer enters each rate. */
export const conversionsInput = z.object({
  tenderId: id,
  /** 1 unit of the foreign currency = rate × tender currency. */
  currencies: z.record(currencyCode, unitPrice()).default({}),
  /** 1 `from` = factor × `to`. */
  units: z
    .array(z.object({ from: unitCode, to: unitCode, factor: unitPrice() }))
    .max(50)
    .default([]),
});

export const awardLineInput = z.object({
  itemId: id,
  quoteId: id,
  /** Which of the quote's offers for the item (0, the default: as asked). */
  alternativeNo: z.number().int().min(0).max(9).optional(),
  /** In the item's unit; items may be split across suppliers. */
  quantity: positiveQuantity(),
  reason: text(1000).optional(),
});
export const awardTenderInput = z.object({
  tenderId: id,
  awards: z.array(awardLineInput).min(1, 'award at least one item').max(500),
  /** Why these suppliers won: kept for audit. */
  reason: text(2000).optional(),
  idempotencyKey,
});

export type QualitySpec = z.infer<typeof qualitySpecInput>;
export type TenderItemInput = z.infer<typeof tenderItemInput>;
export type CreateTenderInput = z.infer<typeof createTenderInput>;
export type UpdateTenderInput = z.infer<typeof updateTenderInput>;
export type TenderListInput = z.infer<typeof tenderListInput>;
export type InvitationListInput = z.infer<typeof invitationListInput>;
export type QuoteLineInput = z.infer<typeof quoteLineInput>;
export type SaveQuoteDraftInput = z.infer<typeof saveQuoteDraftInput>;
export type SubmitQuoteInput = z.infer<typeof submitQuoteInput>;
export type ConversionsInput = z.infer<typeof conversionsInput>;
export type AwardTenderInput = z.infer<typeof awardTenderInput>;

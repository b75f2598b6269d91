import { z } from 'zod';
import { amount, id, pageCursor } from '../common.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';

// Disputes: either party questions an invoice (or a contract) for an amount; the other side
// answers; the supplier resolves it into a credit or debit note, or without change; the side
// that raised it may withdraw it. While open, the invoice carries the amount as disputed.

export const DISPUTE_STATUSES = ['open', 'responded', 'resolved', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, string> = {
  open: 'Open',
  responded: 'Responded',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
};

export const DISPUTE_REASONS = ['quantity', 'quality', 'price', 'tax', 'damaged', 'not_received', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export const DISPUTE_REASON_LABELS: Record<DisputeReason, string> = {
  quantity: 'Quantity short or excess',
  quality: 'Quality',
  price: 'Price or rate',
  tax: 'Tax',
  damaged: 'Damaged goods',
  not_received: 'Goods not received',
  other: 'Other',
};

export const DISPUTE_OUTCOMES = ['credit_note', 'debit_note', 'no_change'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
export const DISPUTE_OUTCOME_LABELS: Record<DisputeOutcome, string> = {
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  no_change: 'No change',
};

export const DISPUTE_ACTIONS = ['respond', 'resolve', 'withdraw'] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];

export const openDisputeInput = z
  .object({
    invoiceId: id.optional(),
    contractId: id.optional(),
    amount: amount(),
    reason: z.enum(DISPUTE_REASONS),
    description: z.string().trim().min(1, 'is required').max(4000),
    evidenceFileIds: z.array(id).max(10, 'at most 10 files').default([]),
  })
  .refine((v) => Boolean(v.invoiceId) !== Boolean(v.contractId), {
    path: ['invoiceId'],
    message: 'give either invoiceId or contractId',
  })
  .refine((v) => Number(v.amount) > 0, { path: ['amount'], message: 'must be more than zero' });
export type OpenDisputeInput = z.infer<typeof openDisputeInput>;

export const respondDisputeInput = z.object({ disputeId: id, response: z.string().trim().min(1, 'is required').max(4000) });
export const resolveDisputeInput = z.object({
  disputeId: id,
  outcome: z.enum(DISPUTE_OUTCOMES),
  /** The note's amount including tax; the disputed amount when left out. */
  amount: amount().optional(),
  note: z.string().trim().max(2000).optional(),
});
export const disputeIdInput = z.object({ disputeId: id });
export const disputeListInput = z.object({
  status: z.enum(DISPUTE_STATUSES).optional(),
  invoiceId: id.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type DisputeListInput = z.infer<typeof disputeListInput>;

const companyRef = z.strictObject({ id: z.uuid(), name: z.string() });

export const disputeOpened = z.strictObject({ id: z.uuid(), number: z.string() });

export const disputeSummary = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  /** The caller's side of the invoice or contract, and whether the caller's company raised it. */
  side: z.enum(['supplier', 'buyer']),
  raisedByUs: z.boolean(),
  supplier: companyRef,
  buyer: companyRef,
  invoiceId: z.uuid().nullable(),
  invoiceNumber: z.string().nullable(),
  contractId: z.uuid().nullable(),
  amount: decimal,
  currency: z.string(),
  reason: z.enum(DISPUTE_REASONS),
  createdAt: timestamp,
});
export type DisputeSummary = z.infer<typeof disputeSummary>;
export const disputePage = pageOf(disputeSummary);

const evidenceView = z.strictObject({ fileId: z.uuid(), name: z.string(), contentType: z.string(), sizeBytes: z.number().int() });

export const disputeDetail = disputeSummary.extend({
  description: z.string(),
  response: z.string().nullable(),
  respondedAt: timestamp.nullable(),
  resolution: z.enum(DISPUTE_OUTCOMES).nullable(),
  resolutionNote: z.string().nullable(),
  note: z.strictObject({ id: z.uuid(), number: z.string(), kind: z.enum(['credit', 'debit']), total: decimal }).nullable(),
  resolvedAt: timestamp.nullable(),
  withdrawnAt: timestamp.nullable(),
  evidence: z.array(evidenceView),
  /** What the caller's company may do now (permissions apart). */
  actions: z.array(z.enum(DISPUTE_ACTIONS)),
});
export type DisputeDetail = z.infer<typeof disputeDetail>;

/** Which side may take which step: the other side responds, the supplier resolves, the raiser withdraws. */
export function disputeActions(dispute: { status: DisputeStatus; raisedByUs: boolean; side: 'supplier' | 'buyer' }): DisputeAction[] {
  if (dispute.status !== 'open' && dispute.status !== 'responded') return [];
  const actions: DisputeAction[] = [];
  if (dispute.status === 'open' && !dispute.raisedByUs) actions.push('respond');
  if (dispute.side === 'supplier') actions.push('resolve');
  if (dispute.raisedByUs) actions.push('withdraw');
  return actions;
}

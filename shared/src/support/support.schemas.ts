import { z } from 'zod';
import { amount, id, pageCursor, rowVersion } from '../common.ts';
import { COMPLAINT_STATUSES } from './complaint-machine.ts';

// Inputs of `support.*`: complaints a buyer files against a supplier's document.

export const COMPLAINT_ABOUT_TYPES = ['order', 'delivery', 'contract', 'invoice'] as const;
export type ComplaintAboutType = (typeof COMPLAINT_ABOUT_TYPES)[number];
export const COMPLAINT_CATEGORIES = ['quality', 'quantity_short', 'late_delivery', 'wrong_item', 'damaged', 'billing', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  quality: 'Quality',
  quantity_short: 'Quantity short',
  late_delivery: 'Late delivery',
  wrong_item: 'Wrong item',
  damaged: 'Damaged',
  billing: 'Billing',
  other: 'Other',
};
export const RESOLUTION_KINDS = ['replacement', 'credit_note', 'none'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];
export const RESOLUTION_KIND_LABELS: Record<ResolutionKind, string> = {
  replacement: 'Replacement',
  credit_note: 'Credit note',
  none: 'No compensation',
};
export const ESCALATION_REASONS = ['manual', 'first_response_sla', 'resolution_sla'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const evidenceFileIds = z.array(id).max(10, 'at most 10 files').default([]);

export const fileComplaintInput = z.object({
  about: z.object({ type: z.enum(COMPLAINT_ABOUT_TYPES), id }),
  category: z.enum(COMPLAINT_CATEGORIES),
  description: text(4000),
  amountClaimed: amount().optional(),
  evidenceFileIds,
});
export const complaintIdInput = z.object({ complaintId: id });
export const complaintListInput = z.object({
  /** `filed`: complaints the caller filed as buyer; `received`: against the caller as supplier. */
  side: z.enum(['all', 'filed', 'received']).default('all'),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  sla: z.enum(['on_time', 'due_soon', 'breached']).optional(),
  assignedToMe: z.boolean().default(false),
  /** Only escalated complaints. */
  escalated: z.boolean().optional(),
  /** Number, document number or words of the description. */
  q: z.string().trim().max(100).optional(),
  about: z.object({ type: z.enum(COMPLAINT_ABOUT_TYPES), id }).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export const assignComplaintInput = z.object({ complaintId: id, assigneeUserId: id, version: rowVersion });
export const escalateComplaintInput = z.object({ complaintId: id, note: z.string().trim().max(2000).optional() });
export const resolveComplaintInput = z
  .object({
    complaintId: id,
    version: rowVersion,
    resolution: z.enum(RESOLUTION_KINDS),
    /** Required for a credit note: the amount the supplier will credit. */
    creditAmount: amount().optional(),
    note: text(4000),
  })
  .refine((input) => input.resolution !== 'credit_note' || input.creditAmount !== undefined, {
    path: ['creditAmount'],
    message: 'is required for a credit note',
  })
  .refine((input) => input.resolution === 'credit_note' || input.creditAmount === undefined, {
    path: ['creditAmount'],
    message: 'is only for a credit note',
  });
export const rejectComplaintInput = z.object({ complaintId: id, version: rowVersion, reason: text(4000) });
export const reopenComplaintInput = z.object({ complaintId: id, version: rowVersion, reason: text(4000) });
export const complaintNoteInput = z.object({
  complaintId: id,
  body: text(4000),
  /** Read only by the caller's own company. */
  internal: z.boolean().default(false),
  fileIds: evidenceFileIds,
});
export const complaintSummaryInput = z.object({
  side: z.enum(['filed', 'received']).default('filed'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const slaPolicyInput = z
  .object({
    category: z.enum(COMPLAINT_CATEGORIES),
    firstResponseHours: z.number().int().min(1).max(720),
    resolutionHours: z.number().int().min(1).max(2160),
  })
  .refine((input) => input.resolutionHours >= input.firstResponseHours, {
    path: ['resolutionHours'],
    message: 'must be at least the first response time',
  });
export const setSlaPoliciesInput = z.object({ policies: z.array(slaPolicyInput).min(1).max(COMPLAINT_CATEGORIES.length) });

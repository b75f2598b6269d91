import { z } from 'zod';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES } from './complaint-machine.ts';
import { SLA_STATES } from './sla.ts';
import { COMPLAINT_ABOUT_TYPES, COMPLAINT_CATEGORIES, ESCALATION_REASONS, RESOLUTION_KINDS } from './support.schemas.ts';

// What `support.*` answers: one record both parties see, each with its own internal notes only.

const companyRef = z.strictObject({ id: z.uuid(), name: z.string() });
const personRef = z.strictObject({ id: z.uuid(), name: z.string() });

export const complaintSummary = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  /** The caller's side: it filed (buyer) or received (supplier) it. */
  side: z.enum(['buyer', 'supplier']),
  buyer: companyRef,
  supplier: companyRef,
  about: z.strictObject({ type: z.enum(COMPLAINT_ABOUT_TYPES), id: z.string(), document: z.string(), linkPath: z.string().nullable() }),
  category: z.enum(COMPLAINT_CATEGORIES),
  status: z.enum(COMPLAINT_STATUSES),
  amountClaimed: decimal.nullable(),
  currency: z.string(),
  assignee: personRef.nullable(),
  escalated: z.boolean(),
  sla: z.enum(SLA_STATES),
  firstResponseDueAt: timestamp,
  resolutionDueAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  version: z.number().int(),
});
export const complaintPage = pageOf(complaintSummary);

const attachmentView = z.strictObject({ fileId: z.uuid(), name: z.string(), contentType: z.string(), sizeBytes: z.number().int() });

export const complaintEntry = z.strictObject({
  id: z.number().int(),
  kind: z.enum(['filed', 'note', 'assigned', 'escalated', 'resolved', 'rejected', 'reopened']),
  company: companyRef,
  author: personRef.nullable(),
  internal: z.boolean(),
  body: z.string(),
  fromStatus: z.enum(COMPLAINT_STATUSES).nullable(),
  toStatus: z.enum(COMPLAINT_STATUSES).nullable(),
  at: timestamp,
});

export const complaintView = complaintSummary.extend({
  description: z.string(),
  filedBy: personRef.nullable(),
  escalatedAt: timestamp.nullable(),
  escalationReason: z.enum(ESCALATION_REASONS).nullable(),
  firstRespondedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  /** The last day the buyer may reopen, while closed. */
  reopenUntil: timestamp.nullable(),
  resolution: z.strictObject({ kind: z.enum(RESOLUTION_KINDS), creditAmount: decimal.nullable(), note: z.string() }).nullable(),
  reopenCount: z.number().int(),
  evidence: z.array(attachmentView.extend({ companyId: z.uuid() })),
  /** The timeline: the caller's internal notes and everything shared, oldest first. */
  entries: z.array(complaintEntry),
  /** What the caller could do now (permissions apart), for the screen's buttons. */
  actions: z.array(z.enum(COMPLAINT_ACTIONS)),
});
export const complaintFiled = z.strictObject({ id: z.uuid(), number: z.string() });
export const complaintChanged = z.strictObject({ id: z.uuid(), status: z.enum(COMPLAINT_STATUSES), version: z.number().int() });

export const complaintSummaryRow = z.strictObject({
  /** The other party: each supplier for a buyer, each buyer for a supplier. */
  company: companyRef,
  open: z.number().int(),
  resolved: z.number().int(),
  rejected: z.number().int(),
  breached: z.number().int(),
  /** Median hours from filing to resolution or rejection; null with none closed. */
  medianHoursToResolve: z.number().nullable(),
});
export const complaintSummaryReport = z.strictObject({ rows: z.array(complaintSummaryRow) });

export const slaPolicyView = z.strictObject({
  category: z.enum(COMPLAINT_CATEGORIES),
  firstResponseHours: z.number().int(),
  resolutionHours: z.number().int(),
  /** False: the platform default, as the company set nothing for this category. */
  custom: z.boolean(),
});
export const slaPolicies = z.strictObject({ policies: z.array(slaPolicyView) });

export type ComplaintSummary = z.infer<typeof complaintSummary>;
export type ComplaintView = z.infer<typeof complaintView>;

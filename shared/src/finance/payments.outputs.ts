import { z } from 'zod';
import { PAYMENT_DIRECTIONS, PAYMENT_METHODS, PAYMENT_STATUSES } from './payments.schemas.ts';

export const paymentSummary = z.object({
  id: z.string(),
  number: z.string(),
  direction: z.enum(PAYMENT_DIRECTIONS),
  partnerId: z.string(),
  partnerName: z.string(),
  amount: z.string(),
  allocatedAmount: z.string(),
  /** What is left to allocate: an advance. */
  unallocated: z.string(),
  currency: z.string(),
  paidOn: z.string(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  createdAt: z.string(),
});
export const paymentAllocation = z.object({
  id: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string().nullable(),
  amount: z.string(),
  reversed: z.boolean(),
  createdAt: z.string(),
});
export const paymentDetail = paymentSummary.extend({
  note: z.string().nullable(),
  reversalReason: z.string().nullable(),
  reversedAt: z.string().nullable(),
  version: z.number(),
  allocations: z.array(paymentAllocation),
});
export const paymentPage = z.object({ items: z.array(paymentSummary), nextCursor: z.string().nullable() });

/** One allocation on an invoice as either party sees it; `own` when the viewer's company recorded the payment. */
export const invoicePaymentRow = z.object({
  id: z.string(),
  paymentId: z.string().nullable(),
  paymentNumber: z.string().nullable(),
  own: z.boolean(),
  /** Who recorded it: the supplier's receipt or the buyer's payment. */
  recordedBy: z.enum(['supplier', 'buyer']),
  amount: z.string(),
  currency: z.string(),
  paidOn: z.string(),
  method: z.enum(PAYMENT_METHODS),
  reference: z.string(),
  reversed: z.boolean(),
});
export const invoicePayments = z.object({
  invoiceId: z.string(),
  /** The other party of the invoice (the buyer for its supplier, the supplier for its buyer). */
  partnerId: z.string(),
  currency: z.string(),
  total: z.string(),
  /** What the buyer still owes by the viewer's own records (receipts for the supplier, payments for the buyer). */
  balance: z.string(),
  status: z.string(),
  side: z.enum(['supplier', 'buyer']),
  allocations: z.array(invoicePaymentRow),
});

export const creditLimitRow = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  amount: z.string(),
  currency: z.string(),
  exposure: z.string(),
  available: z.string(),
  updatedAt: z.string(),
});

export type PaymentSummary = z.infer<typeof paymentSummary>;
export type PaymentDetail = z.infer<typeof paymentDetail>;
export type InvoicePayments = z.infer<typeof invoicePayments>;
export type CreditLimitRow = z.infer<typeof creditLimitRow>;

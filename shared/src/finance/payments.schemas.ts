import { z } from 'zod';
import { amount, currencyCode, id, isoDate, pageCursor } from '../common.ts';

// Payments one company records against its partner's invoices: received (the supplier's side) or
// made (the buyer's side). What is not allocated stays an advance, allocated later.

/** The methods the payments table allows; `neft` and `rtgs` are read as the one bank-transfer method. */
export const PAYMENT_METHODS = ['neft_rtgs', 'upi', 'cheque', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  neft_rtgs: 'NEFT / RTGS',
  upi: 'UPI',
  cheque: 'Cheque',
  cash: 'Cash',
};
export const PAYMENT_DIRECTIONS = ['received', 'made'] as const;
export type PaymentDirection = (typeof PAYMENT_DIRECTIONS)[number];
export const PAYMENT_STATUSES = ['recorded', 'reversed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const paymentMethod = z
  .enum([...PAYMENT_METHODS, 'neft', 'rtgs'], { error: 'must be NEFT/RTGS, UPI, cheque or cash' })
  .transform((method): PaymentMethod => (method === 'neft' || method === 'rtgs' ? 'neft_rtgs' : method));

const positiveAmount = () => amount().refine((value) => Number(value) > 0, 'must be more than zero');

export const paymentAllocationInput = z.object({ invoiceId: id, amount: positiveAmount() });
const allocations = z
  .array(paymentAllocationInput)
  .max(200)
  .refine((rows) => new Set(rows.map((row) => row.invoiceId)).size === rows.length, 'name each invoice once');

export const recordPaymentInput = z.object({
  partnerId: id,
  amount: positiveAmount(),
  currency: currencyCode,
  receivedAt: isoDate,
  method: paymentMethod,
  reference: z.string().trim().max(100).default(''),
  /** Received (we sell to the partner) or made (we buy from it); by default from the invoices allocated. */
  direction: z.enum(PAYMENT_DIRECTIONS).optional(),
  note: z.string().trim().max(1000).optional(),
  allocations: allocations.default([]),
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});
export const allocatePaymentInput = z.object({ paymentId: id, allocations: allocations.refine((rows) => rows.length > 0, 'is required') });
export const reversePaymentInput = z.object({ paymentId: id, reason: z.string().trim().min(3, 'say why (3 characters or more)').max(500) });
export const paymentIdInput = z.object({ paymentId: id });
export const invoicePaymentsInput = z.object({ invoiceId: id });
export const paymentListInput = z.object({
  direction: z.enum(PAYMENT_DIRECTIONS).optional(),
  partnerId: id.optional(),
  status: z.enum(PAYMENT_STATUSES).optional(),
  /** Only payments with an unallocated remainder (advances). */
  unallocated: z.boolean().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export type RecordPaymentInput = z.infer<typeof recordPaymentInput>;
export type AllocatePaymentInput = z.infer<typeof allocatePaymentInput>;
export type PaymentListInput = z.infer<typeof paymentListInput>;

// Credit limits: the supplier's limit per buyer.
export const setCreditLimitInput = z.object({ partnerId: id, amount: amount(), currency: currencyCode.default('INR') });
export const creditLimitPartnerInput = z.object({ partnerId: id });

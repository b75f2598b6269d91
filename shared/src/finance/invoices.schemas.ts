import { z } from 'zod';
import { id, isoDate, pageCursor, percent, positiveQuantity, rowVersion } from '../common.ts';

export const INVOICE_STATUSES = ['draft', 'issued', 'partly_paid', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** The supplier sees its sales invoices, the buyer the same records as purchase invoices. */
export const INVOICE_SIDES = ['sales', 'purchase'] as const;
export type InvoiceSide = (typeof INVOICE_SIDES)[number];

export const invoiceLineInput = z.object({ orderLineId: id, quantity: positiveQuantity() });

/**
 * A draft invoice from an order's deliveries. Without `lines`, every line's dispatched and not yet
 * invoiced quantity; never more than that.
 */
export const createInvoiceInput = z.object({
  orderId: id,
  lines: z.array(invoiceLineInput).min(1, 'an invoice needs at least one line').max(200).optional(),
  /** The supplier's branch the invoice is raised from (its GST registration). */
  branchId: id.optional(),
  invoiceDate: isoDate.optional(),
  reverseCharge: z.boolean().optional(),
  tdsPercent: percent().optional(),
  tcsPercent: percent().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type CreateInvoiceInput = z.infer<typeof createInvoiceInput>;

export const invoiceIdInput = z.object({ invoiceId: id });
export const invoiceableInput = z.object({ orderId: id });
export const issueInvoiceInput = z.object({
  invoiceId: id,
  version: rowVersion,
  /** A manager's explicit go-ahead to issue past the buyer's credit limit. */
  overrideCreditLimit: z.boolean().optional(),
});
export const cancelInvoiceInput = z.object({
  invoiceId: id,
  version: rowVersion,
  reason: z.string().trim().min(1, 'is required').max(500),
});
export const approveInvoiceForPaymentInput = z.object({
  invoiceId: id,
  /** The buyer has looked at the three-way match flags and approves anyway. */
  acknowledgeFlags: z.boolean().optional(),
});

export const invoiceListInput = z.object({
  side: z.enum(INVOICE_SIDES),
  status: z.enum(INVOICE_STATUSES).optional(),
  partnerId: id.optional(),
  orderId: id.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type InvoiceListInput = z.infer<typeof invoiceListInput>;

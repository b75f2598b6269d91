import { z } from 'zod';
import { id, isoDate, pageCursor, percent, positiveQuantity, rowVersion, unitPrice } from '../common.ts';

export const INVOICE_STATUSES = ['draft', 'issued', 'partly_paid', 'paid', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
/** The supplier sees its sales invoices, the buyer the same records as purchase invoices. */
export const INVOICE_SIDES = ['sales', 'purchase'] as const;
export type InvoiceSide = (typeof INVOICE_SIDES)[number];

export const invoiceLineInput = z.object({ orderLineId: id, quantity: positiveQuantity() });

/** A line of a free invoice (no order or contract): what it is, its HSN, quantity, unit, price and GST rate. */
export const freeInvoiceLineInput = z.object({
  description: z.string().trim().min(1, 'is required').max(500),
  hsnCode: z
    .string()
    .trim()
    .regex(/^[0-9]{4,8}$/, 'must be 4 to 8 digits')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  quantity: positiveQuantity(),
  unit: z.string().trim().min(1, 'is required').max(20),
  unitPrice: unitPrice(),
  taxRate: percent(),
});
export type FreeInvoiceLineInput = z.infer<typeof freeInvoiceLineInput>;

/** A line to invoice: an order line (invoice from an order) or a contract delivery's line (from a contract). */
export const invoiceRequestLine = z.object({ orderLineId: id.optional(), deliveryLineId: id.optional(), quantity: positiveQuantity() });

/**
 * A draft invoice of one of three kinds, told apart by the field given:
 * - `orderId`: from an order's deliveries; `lines` name order lines. Without `lines`, every line's
 *   dispatched and not yet invoiced quantity; never more than that.
 * - `contractId`: from a contract's deliveries; `lines` name delivery lines (`deliveryLineId`).
 *   Without `lines`, everything dispatched and not yet invoiced. Price, HSN and GST rate from the contract.
 * - `partnerId` with `freeLines`: a free invoice to a linked buyer, without an order.
 */
export const createInvoiceInput = z
  .object({
    orderId: id.optional(),
    contractId: id.optional(),
    partnerId: id.optional(),
    lines: z.array(invoiceRequestLine).min(1, 'an invoice needs at least one line').max(200).optional(),
    freeLines: z.array(freeInvoiceLineInput).min(1, 'an invoice needs at least one line').max(200).optional(),
    /** The supplier's branch the invoice is raised from (its GST registration). */
    branchId: id.optional(),
    invoiceDate: isoDate.optional(),
    reverseCharge: z.boolean().optional(),
    tdsPercent: percent().optional(),
    tcsPercent: percent().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((input, ctx) => {
    const given = (['orderId', 'contractId', 'partnerId'] as const).filter((key) => input[key] !== undefined);
    if (given.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['orderId'], message: 'name an order, a contract or a partner to invoice' });
      return;
    }
    for (const extra of given.slice(1)) {
      ctx.addIssue({ code: 'custom', path: [extra], message: `cannot be combined with ${given[0]}` });
    }
    const kind = given[0];
    if (kind === 'partnerId') {
      if (!input.freeLines) ctx.addIssue({ code: 'custom', path: ['freeLines'], message: 'a free invoice needs at least one line' });
      if (input.lines) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'a free invoice takes freeLines' });
      return;
    }
    if (input.freeLines) ctx.addIssue({ code: 'custom', path: ['freeLines'], message: 'only a free invoice (partnerId) takes freeLines' });
    const key = kind === 'orderId' ? 'orderLineId' : 'deliveryLineId';
    const other = kind === 'orderId' ? 'deliveryLineId' : 'orderLineId';
    input.lines?.forEach((line, index) => {
      if (!line[key]) ctx.addIssue({ code: 'custom', path: ['lines', index, key], message: 'is required' });
      if (line[other])
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, other],
          message: `is not a line of this ${kind === 'orderId' ? 'order' : 'contract'}`,
        });
    });
  });
export type CreateInvoiceInput = z.infer<typeof createInvoiceInput>;

export const invoiceIdInput = z.object({ invoiceId: id });
export const invoiceableInput = z.object({ orderId: id });
export const invoiceableContractInput = z.object({ contractId: id });
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
  contractId: id.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type InvoiceListInput = z.infer<typeof invoiceListInput>;

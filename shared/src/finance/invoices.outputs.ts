import { z } from 'zod';
import { isoDate } from '../common.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { INVOICE_SIDES, INVOICE_STATUSES } from './invoices.schemas.ts';

const taxed = { taxable: decimal, cgst: decimal, sgst: decimal, igst: decimal, tax: decimal, total: decimal };

export const invoiceCreated = z.strictObject({ id: z.uuid(), version: z.number().int() });

export const invoiceLine = z.strictObject({
  id: z.uuid(),
  lineNo: z.number().int(),
  orderLineId: z.uuid().nullable(),
  /** The contract delivery's line it bills (contract invoices). */
  deliveryLineId: z.uuid().nullable(),
  productId: z.uuid().nullable(),
  description: z.string(),
  hsnCode: z.string().nullable(),
  quantity: decimal,
  unit: z.string(),
  unitPrice: decimal,
  discountPercent: decimal,
  taxRate: decimal,
  gross: decimal,
  discount: decimal,
  ...taxed,
});
export type InvoiceLine = z.infer<typeof invoiceLine>;

export const INVOICE_MATCH_FLAGS = ['quantity_exceeds_accepted', 'price_exceeds_order'] as const;
/** A three-way match finding on one line: what the invoice says against the receipt or the order. */
export const invoiceMatchFlag = z.strictObject({
  kind: z.enum(INVOICE_MATCH_FLAGS),
  lineNo: z.number().int(),
  description: z.string(),
  invoiced: decimal,
  allowed: decimal,
});
export type InvoiceMatchFlag = z.infer<typeof invoiceMatchFlag>;

const party = z.strictObject({ id: z.uuid(), name: z.string(), gstin: z.string().nullable(), branchId: z.uuid().nullable() });

/** An invoice as one party sees it: the buyer's approval fields only to the buyer. */
export const invoiceDetail = z.strictObject({
  id: z.uuid(),
  side: z.enum(INVOICE_SIDES),
  number: z.string().nullable(),
  financialYear: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  orderId: z.uuid().nullable(),
  orderNumber: z.string().nullable(),
  /** What it was raised from: an order's deliveries, a contract's deliveries, or nothing (a free invoice). */
  kind: z.enum(['order', 'contract', 'free']),
  contractId: z.uuid().nullable(),
  /** The contract's number as this side knows it (the seller's SC-…, the buyer's PC-…). */
  contractNumber: z.string().nullable(),
  supplier: party,
  buyer: party,
  invoiceDate: isoDate,
  dueDate: isoDate.nullable(),
  currency: z.string(),
  taxRegime: z.enum(['intra_state', 'inter_state', 'single']),
  placeOfSupply: z.string().nullable(),
  reverseCharge: z.boolean(),
  subtotal: decimal,
  discount: decimal,
  ...taxed,
  roundOff: decimal,
  tdsPercent: decimal.nullable(),
  tdsAmount: decimal,
  tcsPercent: decimal.nullable(),
  tcsAmount: decimal,
  creditedAmount: decimal,
  debitedAmount: decimal,
  receivedAmount: decimal,
  paidAmount: decimal,
  disputedAmount: decimal,
  balance: decimal,
  note: z.string().nullable(),
  issuedAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
  lines: z.array(invoiceLine),
  /** The buyer's three-way match and approval for payment; null for the supplier. */
  match: z
    .strictObject({
      status: z.enum(['not_applicable', 'matched', 'flagged']),
      flags: z.array(invoiceMatchFlag),
      /** Why there is nothing to match (a contract or free invoice has no order); null when matched against an order. */
      note: z.string().nullable(),
      approvedForPaymentAt: timestamp.nullable(),
      approvedForPaymentBy: z.uuid().nullable(),
    })
    .nullable(),
});
export type InvoiceDetail = z.infer<typeof invoiceDetail>;

export const invoiceListItem = z.strictObject({
  id: z.uuid(),
  number: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  orderId: z.uuid().nullable(),
  contractId: z.uuid().nullable(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  invoiceDate: isoDate,
  dueDate: isoDate.nullable(),
  currency: z.string(),
  total: decimal,
  createdAt: timestamp,
});
export type InvoiceListItem = z.infer<typeof invoiceListItem>;
export const invoicePage = pageOf(invoiceListItem);

/** What remains to invoice on an order, per line: the invoice form starts from it. */
export const invoiceableOrder = z.strictObject({
  orderId: z.uuid(),
  orderNumber: z.string().nullable(),
  buyerId: z.uuid(),
  currency: z.string(),
  lines: z.array(
    z.strictObject({
      orderLineId: z.uuid(),
      lineNo: z.number().int(),
      description: z.string(),
      hsnCode: z.string().nullable(),
      unit: z.string(),
      unitPrice: decimal,
      taxRate: decimal,
      ordered: decimal,
      dispatched: decimal,
      invoiced: decimal,
      remaining: decimal,
    }),
  ),
});
export type InvoiceableOrder = z.infer<typeof invoiceableOrder>;

/** What remains to invoice on a contract, per delivery line: the contract invoice form starts from it. */
export const invoiceableContract = z.strictObject({
  contractId: z.uuid(),
  contractNumber: z.string(),
  buyerId: z.uuid(),
  buyerName: z.string(),
  currency: z.string(),
  unit: z.string(),
  unitPrice: decimal,
  hsnCode: z.string().nullable(),
  taxRate: decimal.nullable(),
  lines: z.array(
    z.strictObject({
      deliveryLineId: z.uuid(),
      deliveryId: z.uuid(),
      deliveryNumber: z.string(),
      dispatchDate: isoDate,
      description: z.string(),
      dispatched: decimal,
      invoiced: decimal,
      remaining: decimal,
    }),
  ),
});
export type InvoiceableContract = z.infer<typeof invoiceableContract>;

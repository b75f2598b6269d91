import { z } from 'zod';
import { entityHistoryEntry } from '../audit/audit.outputs.ts';
import { isoDate } from '../common.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { ORDER_ACTIONS, ORDER_STATUSES } from './order-machine.ts';
import { PAYMENT_TERMS } from './payment-terms.ts';

const orderStatus = z.enum(ORDER_STATUSES);
const side = z.enum(['buyer', 'supplier']);

/** What a change to an order answers: both parties' numbers, the total and the new version. */
export const orderSummary = z.strictObject({
  id: z.uuid(),
  status: orderStatus,
  buyerNumber: z.string().nullable(),
  supplierNumber: z.string().nullable(),
  total: decimal,
  currency: z.string(),
  version: z.number().int(),
});

// A line and the whole order carry the same breakdown: taxable value, GST split and total.
const taxedAmounts = { taxable: decimal, cgst: decimal, sgst: decimal, igst: decimal, tax: decimal, total: decimal };

export const orderLine = z.strictObject({
  id: z.uuid(),
  lineNo: z.number().int(),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: decimal,
  unit: z.string(),
  unitPrice: decimal,
  discountPercent: decimal,
  hsnCode: z.string().nullable(),
  taxRate: decimal,
  ...taxedAmounts,
});

/** A branch as an order's address: billing (head office) or ship-to. */
export const orderAddress = z.strictObject({
  branchId: z.uuid(),
  name: z.string(),
  addressLine: z.string(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  country: z.string(),
});

/** One order as one party sees it: its own number and note, never the other side's note. */
export const orderDetail = z.strictObject({
  id: z.uuid(),
  side,
  number: z.string().nullable(),
  partnerNumber: z.string().nullable(),
  partner: z.strictObject({ id: z.uuid(), name: z.string(), claimed: z.boolean() }),
  status: orderStatus,
  orderDate: isoDate,
  currency: z.string(),
  taxRegime: z.enum(['intra_state', 'inter_state', 'single']),
  subtotal: decimal,
  discount: decimal,
  ...taxedAmounts,
  needsApproval: z.boolean(),
  note: z.string().nullable(),
  requestedDeliveryDate: isoDate.nullable(),
  paymentTerms: z.strictObject({ kind: z.enum(PAYMENT_TERMS), days: z.number().int().optional() }).nullable(),
  shipTo: orderAddress.nullable(),
  /** Each party's GSTIN as it stood when the order was sent; null before that or when it has none. */
  buyerGstin: z.string().nullable(),
  supplierGstin: z.string().nullable(),
  version: z.number().int(),
  createdAt: timestamp,
  /** Our side drafted it and has not sent it yet: lines, date and note can still change. */
  editable: z.boolean(),
  lines: z.array(orderLine),
  actions: z.array(z.enum(ORDER_ACTIONS)),
});

export const orderHistoryEntry = entityHistoryEntry;

/** A row of our purchase or sales orders: our number, the partner, the date and the total. */
export const orderListItem = z.strictObject({
  id: z.uuid(),
  number: z.string().nullable(),
  status: orderStatus,
  orderDate: isoDate,
  currency: z.string(),
  total: decimal,
  createdAt: timestamp,
  partnerId: z.uuid(),
  partnerName: z.string(),
});
export const orderPage = pageOf(orderListItem);

/** How many orders match the filters and what they add up to, per currency. */
export const orderTotalsRow = z.strictObject({ currency: z.string(), count: z.number().int(), total: decimal });

export const orderAttachment = z.strictObject({
  fileId: z.uuid(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  attachedAt: timestamp,
  attachedBy: z.string(),
  /** Attached by our company, so ours to remove. */
  ours: z.boolean(),
});

export const approvalThresholdOutput = z.strictObject({ threshold: decimal.nullable(), currency: z.string() });

export type OrderSummary = z.infer<typeof orderSummary>;
export type OrderDetail = z.infer<typeof orderDetail>;
export type OrderAddress = z.infer<typeof orderAddress>;

import { z } from 'zod';
import { amount, id, isoDate, pageCursor, percent, positiveQuantity, rowVersion, sortDirection, unitPrice } from '../common.ts';
import { ORDER_ACTIONS, ORDER_STATUSES } from './order-machine.ts';
import { paymentTermsInput } from './payment-terms.ts';

// Each of up to 200 lines, taxed at up to 100 %, must leave the order's numeric(18,2) totals in
// range: 200 × 10^13 × 2 < 10^16.
export const MAX_LINE_AMOUNT = 10_000_000_000_000;

export const orderLineInput = z
  .object({
    productId: id.optional(),
    description: z.string().trim().max(500).optional(),
    quantity: positiveQuantity(),
    unit: z.string().trim().min(1).max(20),
    unitPrice: unitPrice(),
    discountPercent: percent().optional(),
    hsnCode: z
      .string()
      .trim()
      .regex(/^\d{4,8}$/, 'must be a 4 to 8 digit HSN code')
      .optional(),
    /** Used only when the line has no HSN code (for example outside India). */
    taxRate: percent().optional(),
  })
  .refine((line) => line.productId || line.description, { path: ['description'], message: 'is required for a line without a product' })
  .refine((line) => Number(line.quantity) * Number(line.unitPrice) <= MAX_LINE_AMOUNT, {
    path: ['unitPrice'],
    message: `times the quantity must be at most ${MAX_LINE_AMOUNT.toLocaleString('en-US')}`,
  });

const orderFields = {
  lines: z.array(orderLineInput).min(1, 'an order needs at least one line').max(200),
  orderDate: isoDate.optional(),
  note: z.string().trim().max(2000).optional(),
};
// Commercial terms: left out keeps them (on update), null clears them. No defaults here, so a
// partial update never resets a term it did not name.
const commercialFields = {
  /** When the buyer wants the goods; not in the past (checked against today on the server). */
  requestedDeliveryDate: isoDate.nullable().optional(),
  paymentTerms: paymentTermsInput.nullable().optional(),
  /** One of the buyer company's branches. */
  shipToBranchId: id.nullable().optional(),
};
const idempotencyKey = z.string().trim().min(8).max(255).optional();

/** From the buyer's side (`supplierId`) or the supplier's side (`buyerId`): exactly one. */
export const createOrderInput = z
  .object({ ...orderFields, ...commercialFields, supplierId: id.optional(), buyerId: id.optional(), idempotencyKey })
  .refine((v) => Boolean(v.supplierId) !== Boolean(v.buyerId), {
    path: ['supplierId'],
    message: 'give either supplierId (to buy) or buyerId (to sell)',
  });

export const updateOrderInput = z.object({ orderId: id, version: rowVersion, ...orderFields, ...commercialFields });
export const orderTransitionInput = z.object({
  orderId: id,
  action: z.enum(ORDER_ACTIONS),
  version: rowVersion,
  /** On accept: a manager's approval to take the buyer past the supplier's credit limit. */
  overrideCreditLimit: z.boolean().optional(),
  idempotencyKey,
});
export const orderIdInput = z.object({ orderId: id });
export const orderAttachmentInput = z.object({ orderId: id, fileId: id });
/** The largest page `orders.list` returns. */
export const ORDER_PAGE_MAX = 500;
export const orderFilters = z.object({
  side: z.enum(['purchase', 'sales']),
  // One status, or `open`: everything sent and not yet delivered (the overview's figures link here).
  status: z.enum([...ORDER_STATUSES, 'open']).optional(),
  partnerId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  minTotal: amount().optional(),
  maxTotal: amount().optional(),
  search: z.string().trim().max(40).optional(),
  // By requested delivery date: `thisWeek` (Monday to Sunday) and `late` (before today) count open
  // orders in the company's time zone, as the overview's figures do; dueFrom/dueTo bound the date.
  due: z.enum(['thisWeek', 'late']).optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
});
/** Columns the orders list sorts by on the server; `created` (newest first) is the default. */
export const ORDER_SORT_KEYS = ['created', 'number', 'orderDate', 'partner', 'total'] as const;
export type OrderSortKey = (typeof ORDER_SORT_KEYS)[number];
export const orderListInput = orderFilters.extend({
  sort: z.enum(ORDER_SORT_KEYS).default('created'),
  // Not `direction`: tRPC's infinite queries reserve that name for their paging direction.
  sortDirection: sortDirection.default('desc'),
  cursor: pageCursor.optional(),
  // Up to 500 rows a page: an integration pulls a day's orders in a few requests.
  limit: z.number().int().min(1).max(ORDER_PAGE_MAX).default(25),
});
export const approvalThresholdInput = z.object({ threshold: amount().nullable() });

export type OrderLineInputValue = z.infer<typeof orderLineInput>;
export type CreateOrderInput = z.infer<typeof createOrderInput>;
export type UpdateOrderInput = z.infer<typeof updateOrderInput>;
export type OrderFilters = z.infer<typeof orderFilters>;
export type OrderListInput = z.infer<typeof orderListInput>;

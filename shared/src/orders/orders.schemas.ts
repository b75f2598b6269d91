import { z } from 'zod';
import { decimalString, id, isoDate } from '../common.ts';
import { ORDER_ACTIONS, ORDER_STATUSES } from './order-machine.ts';

export const orderLineInput = z
  .object({
    productId: id.optional(),
    description: z.string().trim().max(500).optional(),
    quantity: decimalString({ scale: 3 }),
    unit: z.string().trim().min(1).max(20),
    unitPrice: decimalString({ scale: 4 }),
    discountPercent: decimalString({ scale: 2 }).optional(),
    hsnCode: z
      .string()
      .trim()
      .regex(/^\d{4,8}$/, 'must be a 4 to 8 digit HSN code')
      .optional(),
    /** Used only when the line has no HSN code (for example outside India). */
    taxRate: decimalString({ scale: 2 }).optional(),
  })
  .refine((line) => line.productId || line.description, { path: ['description'], message: 'is required for a line without a product' })
  .refine((line) => Number(line.quantity) > 0, { path: ['quantity'], message: 'must be more than zero' })
  .refine((line) => Number(line.discountPercent ?? 0) <= 100, { path: ['discountPercent'], message: 'must be at most 100' });

const orderFields = {
  lines: z.array(orderLineInput).min(1, 'an order needs at least one line').max(200),
  orderDate: isoDate.optional(),
  note: z.string().trim().max(2000).optional(),
};
const idempotencyKey = z.string().trim().min(8).max(255).optional();

/** From the buyer's side (`supplierId`) or the supplier's side (`buyerId`): exactly one. */
export const createOrderInput = z
  .object({ ...orderFields, supplierId: id.optional(), buyerId: id.optional(), idempotencyKey })
  .refine((v) => Boolean(v.supplierId) !== Boolean(v.buyerId), {
    path: ['supplierId'],
    message: 'give either supplierId (to buy) or buyerId (to sell)',
  });

export const updateOrderInput = z.object({ orderId: id, version: z.number().int().positive(), ...orderFields });
export const orderTransitionInput = z.object({
  orderId: id,
  action: z.enum(ORDER_ACTIONS),
  version: z.number().int().positive(),
  idempotencyKey,
});
export const orderIdInput = z.object({ orderId: id });
export const orderAttachmentInput = z.object({ orderId: id, fileId: id });
export const orderFilters = z.object({
  side: z.enum(['purchase', 'sales']),
  status: z.enum(ORDER_STATUSES).optional(),
  partnerId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  minTotal: decimalString({ scale: 2 }).optional(),
  maxTotal: decimalString({ scale: 2 }).optional(),
  search: z.string().trim().max(40).optional(),
});
export const orderListInput = orderFilters.extend({
  cursor: z.string().max(400).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export const approvalThresholdInput = z.object({ threshold: decimalString({ scale: 2 }).nullable() });

export type OrderLineInputValue = z.infer<typeof orderLineInput>;
export type CreateOrderInput = z.infer<typeof createOrderInput>;
export type UpdateOrderInput = z.infer<typeof updateOrderInput>;
export type OrderFilters = z.infer<typeof orderFilters>;
export type OrderListInput = z.infer<typeof orderListInput>;

import { z } from 'zod';
import { id, isoDate, pageCursor, positiveQuantity, quantity } from '../common.ts';

// Dispatches (one per truck) against an accepted order, and the buyer's goods receipt of each.

const optionalText = (max: number) => z.string().trim().max(max).optional();

export const GOODS_DELIVERY_STATUSES = ['dispatched', 'received', 'cancelled'] as const;
export type GoodsDeliveryStatus = (typeof GOODS_DELIVERY_STATUSES)[number];

export const ORDER_FULFILMENTS = ['none', 'partly_shipped', 'shipped', 'partly_delivered', 'delivered'] as const;
export type OrderFulfilment = (typeof ORDER_FULFILMENTS)[number];

export const dispatchLineInput = z.object({
  orderLineId: id,
  quantity: positiveQuantity(),
  /** How many bales (or packages) the line's quantity travels in. */
  bales: z.number().int().min(0).max(1_000_000).optional(),
  lotNumbers: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
});

/** The supplier sends (part of) an accepted order in one truck. */
export const dispatchInput = z.object({
  orderId: id,
  lines: z
    .array(dispatchLineInput)
    .min(1, 'a delivery needs at least one line')
    .max(200)
    .refine((lines) => new Set(lines.map((line) => line.orderLineId)).size === lines.length, {
      message: 'names an order line twice',
    }),
  /** The dispatching branch; by default the member's own (a branch-limited member) or none. */
  branchId: id.optional(),
  transporter: optionalText(200),
  vehicleNumber: optionalText(20),
  lrNumber: optionalText(60),
  /** The e-way bill number from the government portal (Tradeloom cannot generate one). */
  ewayBillNumber: z
    .string()
    .trim()
    .regex(/^\d{12}$/, 'must be the 12-digit e-way bill number')
    .optional(),
  /** Today (in the supplier's calendar) by default. */
  dispatchDate: isoDate.optional(),
  note: optionalText(2000),
});

export const receiptLineInput = z
  .object({
    /** The order line received; on a contract delivery (no order lines), `deliveryLineId` instead. */
    orderLineId: id.optional(),
    deliveryLineId: id.optional(),
    acceptedQuantity: quantity(),
    rejectedQuantity: quantity(),
    reason: optionalText(500),
  })
  .refine((line) => Boolean(line.orderLineId) !== Boolean(line.deliveryLineId), {
    path: ['orderLineId'],
    message: 'give either orderLineId or deliveryLineId',
  });

/** The buyer records what arrived: per line, accepted and rejected (with a reason). */
export const receiveInput = z.object({
  deliveryId: id,
  lines: z.array(receiptLineInput).min(1).max(200),
  receivedOn: isoDate.optional(),
  note: optionalText(2000),
});

/** The seller sends part of a contract's quantity in one truck: never past the contract's tolerance. */
export const dispatchContractInput = z.object({
  contractId: id,
  quantity: positiveQuantity(),
  bales: z.number().int().min(0).max(1_000_000).optional(),
  lotNumbers: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
  branchId: id.optional(),
  transporter: optionalText(200),
  vehicleNumber: optionalText(20),
  lrNumber: optionalText(60),
  ewayBillNumber: z
    .string()
    .trim()
    .regex(/^\d{12}$/, 'must be the 12-digit e-way bill number')
    .optional(),
  dispatchDate: isoDate.optional(),
  note: optionalText(2000),
});
export const contractRemainingInput = z.object({ contractId: id });

export const goodsDeliveryIdInput = z.object({ deliveryId: id });
export const cancelDeliveryInput = z.object({ deliveryId: id, reason: optionalText(500) });
export const orderRemainingInput = z.object({ orderId: id });

export const GOODS_DELIVERY_PAGE_MAX = 100;
export const goodsDeliveryListInput = z.object({
  /** `outgoing`: what we dispatched (we sell); `incoming`: what we receive (we buy); both by default. */
  side: z.enum(['outgoing', 'incoming']).optional(),
  orderId: id.optional(),
  contractId: id.optional(),
  status: z.enum(GOODS_DELIVERY_STATUSES).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(GOODS_DELIVERY_PAGE_MAX).default(25),
});

export type DispatchInput = z.infer<typeof dispatchInput>;
export type DispatchContractInput = z.infer<typeof dispatchContractInput>;
export type ReceiveInput = z.infer<typeof receiveInput>;
export type GoodsDeliveryListInput = z.infer<typeof goodsDeliveryListInput>;

import { z } from 'zod';
import { isoDate } from '../common.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { GOODS_DELIVERY_STATUSES, ORDER_FULFILMENTS } from './deliveries.schemas.ts';

const deliveryStatus = z.enum(GOODS_DELIVERY_STATUSES);

/** What a dispatch answers: the new delivery and its challan number. */
export const dispatchResult = z.strictObject({ id: z.uuid(), number: z.string() });

export const goodsDeliveryLine = z.strictObject({
  id: z.uuid(),
  lineNo: z.number().int(),
  orderLineId: z.uuid().nullable(),
  description: z.string(),
  quantity: decimal,
  unit: z.string(),
  bales: z.number().int().nullable(),
  lotNumbers: z.array(z.string()),
  acceptedQuantity: decimal.nullable(),
  rejectedQuantity: decimal.nullable(),
  rejectionReason: z.string().nullable(),
});

/** One delivery as one party sees it. */
export const goodsDeliveryDetail = z.strictObject({
  id: z.uuid(),
  /** `supplier`: we dispatched it; `buyer`: we receive it. */
  side: z.enum(['supplier', 'buyer']),
  number: z.string(),
  receiptNumber: z.string().nullable(),
  status: deliveryStatus,
  orderId: z.uuid().nullable(),
  /** Our own number of the order (SO for the supplier, PO for the buyer). */
  orderNumber: z.string().nullable(),
  contractId: z.uuid().nullable(),
  /** Our own number of the contract (SC for the seller, PC for the buyer). */
  contractNumber: z.string().nullable(),
  partner: z.strictObject({ id: z.uuid(), name: z.string() }),
  supplierBranch: z.strictObject({ id: z.uuid(), name: z.string() }).nullable(),
  buyerBranch: z.strictObject({ id: z.uuid(), name: z.string() }).nullable(),
  dispatchDate: isoDate,
  transporter: z.string().nullable(),
  vehicleNumber: z.string().nullable(),
  lrNumber: z.string().nullable(),
  ewayBillNumber: z.string().nullable(),
  note: z.string().nullable(),
  receivedOn: isoDate.nullable(),
  receiptNote: z.string().nullable(),
  createdAt: timestamp,
  version: z.number().int(),
  lines: z.array(goodsDeliveryLine),
  /** What this member may do now: receive (buyer) or cancel (supplier). */
  actions: z.array(z.enum(['receive', 'cancel'])),
});

export const goodsDeliveryListItem = z.strictObject({
  id: z.uuid(),
  side: z.enum(['supplier', 'buyer']),
  number: z.string(),
  status: deliveryStatus,
  orderId: z.uuid().nullable(),
  orderNumber: z.string().nullable(),
  contractId: z.uuid().nullable(),
  contractNumber: z.string().nullable(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  dispatchDate: isoDate,
  vehicleNumber: z.string().nullable(),
  totalQuantity: decimal,
  createdAt: timestamp,
});
export const goodsDeliveryPage = pageOf(goodsDeliveryListItem);

/** Per order line: ordered, dispatched (not cancelled), still to dispatch, and the receipt so far. */
export const orderLineRemaining = z.strictObject({
  orderLineId: z.uuid(),
  lineNo: z.number().int(),
  description: z.string(),
  unit: z.string(),
  ordered: decimal,
  dispatched: decimal,
  remaining: decimal,
  received: decimal,
  accepted: decimal,
  rejected: decimal,
});
export const orderRemaining = z.strictObject({
  orderId: z.uuid(),
  fulfilment: z.enum(ORDER_FULFILMENTS),
  /** Whether the order's status lets the supplier dispatch now. */
  dispatchable: z.boolean(),
  lines: z.array(orderLineRemaining),
});

/** A contract's quantity, its tolerance, and what has been dispatched and received against it. */
export const contractRemaining = z.strictObject({
  contractId: z.uuid(),
  unit: z.string(),
  quantity: decimal,
  tolerancePct: decimal,
  /** The most that may be dispatched: the quantity plus its tolerance. */
  maxQuantity: decimal,
  dispatched: decimal,
  remaining: decimal,
  received: decimal,
  accepted: decimal,
  rejected: decimal,
  /** An active contract whose seller may dispatch now. */
  dispatchable: z.boolean(),
});

export type ContractRemaining = z.infer<typeof contractRemaining>;
export type DispatchResult = z.infer<typeof dispatchResult>;
export type GoodsDeliveryDetail = z.infer<typeof goodsDeliveryDetail>;
export type GoodsDeliveryListItem = z.infer<typeof goodsDeliveryListItem>;
export type OrderRemaining = z.infer<typeof orderRemaining>;

import { z } from 'zod';
import { entityHistoryEntry } from '../audit/audit.outputs.ts';
import { isoDate } from '../common.ts';
import { decimal, pageOf, timestamp } from '../wire.ts';
import { PRIORITIES, WORK_ORDER_ACTIONS, WORK_ORDER_STATUSES } from './production.ts';

const workOrderStatus = z.enum(WORK_ORDER_STATUSES);

export const workOrderOperation = z.strictObject({
  id: z.uuid(),
  workOrderId: z.uuid(),
  seq: z.number().int(),
  name: z.string(),
  plannedQuantity: decimal,
  completedQuantity: decimal,
});

/** A work order with its operations, its progress (0–100) and what can happen to it next. */
export const workOrder = z.strictObject({
  id: z.uuid(),
  number: z.string(),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: decimal,
  unit: z.string(),
  orderLineId: z.uuid().nullable(),
  salesOrderNumber: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  plannedStart: isoDate.nullable(),
  dueDate: isoDate.nullable(),
  status: workOrderStatus,
  version: z.number().int(),
  createdAt: timestamp,
  operations: z.array(workOrderOperation),
  progress: z.number(),
  actions: z.array(z.enum(WORK_ORDER_ACTIONS)),
});
export const workOrderPage = pageOf(workOrder);

/** One work order on its own page: the sales order it serves and what happened to it, oldest first. */
export const workOrderDetail = workOrder.extend({
  orderId: z.uuid().nullable(),
  history: z.array(entityHistoryEntry),
});
export const workOrderCreated = z.strictObject({ id: z.uuid(), number: z.string(), status: workOrderStatus, version: z.number().int() });

/** Work orders per status and the remaining load per stage over released and running work. */
export const productionBoard = z.strictObject({
  byStatus: z.partialRecord(workOrderStatus, z.number().int()),
  load: z.array(z.strictObject({ stage: z.string(), unit: z.string(), remaining: decimal, workOrders: z.number().int() })),
});

/** A sales-order line production can serve, with what work orders already plan for it. */
export const openOrderLine = z.strictObject({
  lineId: z.uuid(),
  orderId: z.uuid(),
  orderNumber: z.string().nullable(),
  buyerName: z.string(),
  productId: z.uuid().nullable(),
  description: z.string(),
  quantity: decimal,
  unit: z.string(),
  plannedQuantity: decimal.nullable(),
});

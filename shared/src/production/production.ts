import { z } from 'zod';
import { id, isoDate, pageCursor, positiveQuantity, quantity, rowVersion } from '../common.ts';
import { dec } from '../money.ts';

export const WORK_ORDER_STATUSES = ['planned', 'released', 'in_progress', 'completed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const WORK_ORDER_ACTIONS = ['release', 'start', 'complete', 'cancel'] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

const NEXT: Record<WorkOrderAction, { from: WorkOrderStatus[]; to: WorkOrderStatus }> = {
  release: { from: ['planned'], to: 'released' },
  start: { from: ['released'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  cancel: { from: ['planned', 'released', 'in_progress'], to: 'cancelled' },
};

/** planned → released → in progress → completed; cancel until completed. */
export function transitionWorkOrder(status: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus | null {
  const rule = NEXT[action];
  return rule.from.includes(status) ? rule.to : null;
}

export function availableWorkOrderActions(status: WorkOrderStatus): WorkOrderAction[] {
  return WORK_ORDER_ACTIONS.filter((action) => transitionWorkOrder(status, action) !== null);
}

/** Progress in percent: each operation counts equally, capped at its planned quantity. */
export function workOrderProgress(operations: { plannedQuantity: string; completedQuantity: string }[]): number {
  if (!operations.length) return 0;
  const shares = operations.map((op) => {
    const share = dec(op.completedQuantity).dividedBy(dec(op.plannedQuantity));
    return share.greaterThan(1) ? dec(1) : share;
  });
  return shares
    .reduce((total, share) => total.plus(share), dec(0))
    .dividedBy(operations.length)
    .times(100)
    .toDecimalPlaces(1)
    .toNumber();
}

export const createWorkOrderInput = z
  .object({
    productId: id.optional(),
    description: z.string().trim().min(1, 'is required').max(300),
    quantity: positiveQuantity(),
    unit: z.string().trim().min(1).max(20),
    orderLineId: id.optional(),
    priority: z.enum(PRIORITIES).default('normal'),
    plannedStart: isoDate.optional(),
    dueDate: isoDate.optional(),
    operations: z
      .array(z.object({ name: z.string().trim().min(1, 'is required').max(80), plannedQuantity: positiveQuantity().optional() }))
      .min(1, 'a work order needs at least one operation')
      .max(20),
  })
  .refine((v) => !v.plannedStart || !v.dueDate || v.dueDate >= v.plannedStart, {
    path: ['dueDate'],
    message: 'must not be before the planned start',
  });

export const updateWorkOrderInput = z.object({
  workOrderId: id,
  version: rowVersion,
  action: z.enum(WORK_ORDER_ACTIONS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  dueDate: isoDate.nullable().optional(),
  progress: z
    .array(z.object({ operationId: id, completedQuantity: quantity() }))
    .max(20)
    .optional(),
});

export const workOrderIdInput = z.object({ workOrderId: id });

export const workOrderListInput = z.object({
  status: z.enum(WORK_ORDER_STATUSES).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export type CreateWorkOrderInput = z.infer<typeof createWorkOrderInput>;
export type UpdateWorkOrderInput = z.infer<typeof updateWorkOrderInput>;

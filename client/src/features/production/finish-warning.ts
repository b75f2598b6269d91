import { dec, formatQuantity } from '@tradeloom/shared';
import type { WorkOrderLike } from './work-order-card.tsx';

/**
 * What completing a work order short of its plan does, as production.service does it: the status
 * becomes completed and nothing else moves. The unfinished stages leave the stage load (it counts
 * released and in-progress work only), and a sales order line keeps counting the work order's full
 * quantity as planned. Null when every stage reached its plan: then there is nothing to warn about.
 */
export function finishBelowPlanWarning(workOrder: WorkOrderLike): string | null {
  const short = workOrder.operations
    .map((op) => ({ name: op.name, rest: dec(op.plannedQuantity).minus(dec(op.completedQuantity)) }))
    .filter((op) => op.rest.greaterThan(0));
  if (!short.length) return null;
  const rests = short.map((op) => `${op.name} ${formatQuantity(op.rest.toString(), workOrder.unit)}`).join(', ');
  const orderLine = workOrder.salesOrderNumber
    ? ` Sales order ${workOrder.salesOrderNumber} keeps counting all ${formatQuantity(workOrder.quantity, workOrder.unit)} as planned, so plan a new work order for the rest.`
    : ' To make the rest, plan a new work order.';
  return (
    `Complete ${workOrder.number} at ${workOrder.progress}%? It closes as it stands: the unfinished quantity (${rests}) ` +
    `is not made and leaves the stage load.${orderLine}`
  );
}

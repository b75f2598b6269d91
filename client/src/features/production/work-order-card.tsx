import { Anchor, Badge, Button, Card, Group, Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatQuantity, type WorkOrderAction } from '@tradeloom/shared';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { finishBelowPlanWarning } from './finish-warning.ts';

export type WorkOrder = RouterOutputs['production']['workOrders']['list']['items'][number];
/** What the status buttons and the progress form need: a work order from the board or its own page. */
export type WorkOrderLike = Pick<
  WorkOrder,
  'id' | 'number' | 'version' | 'status' | 'actions' | 'operations' | 'unit' | 'quantity' | 'progress' | 'salesOrderNumber'
>;

export const PRIORITY_COLORS: Record<string, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };
const ACTION_LABELS: Record<WorkOrderAction, string> = { release: 'Release', start: 'Start', complete: 'Complete', cancel: 'Cancel' };

/** Refreshes the list and the stage load after a work order changed. */
export function useWorkOrdersChanged() {
  const utils = trpc.useUtils();
  return () =>
    Promise.all([
      utils.production.workOrders.list.invalidate(),
      utils.production.workOrders.get.invalidate(),
      utils.production.board.invalidate(),
    ]);
}

/** One work order on the board, with the status changes its state allows. */
export function WorkOrderCard({ workOrder, onReport }: { workOrder: WorkOrder; onReport: () => void }) {
  const can = useCan();
  return (
    <Card withBorder padding="sm" data-testid={`wo-${workOrder.number}`}>
      <Group justify="space-between" mb={4}>
        <Anchor component={Link} to={`/production/${workOrder.id}`} ff="monospace" size="sm" fw={600}>
          {workOrder.number}
        </Anchor>
        <Badge miw="max-content" size="xs" color={PRIORITY_COLORS[workOrder.priority]}>
          {workOrder.priority}
        </Badge>
      </Group>
      <Text size="sm">{workOrder.description}</Text>
      <Text size="xs" c="dimmed">
        {formatQuantity(workOrder.quantity, workOrder.unit)}
        {workOrder.dueDate && ` · due ${formatDate(workOrder.dueDate)}`}
        {workOrder.salesOrderNumber && ` · for ${workOrder.salesOrderNumber}`}
      </Text>
      <Progress value={workOrder.progress} mt="xs" aria-label={`${workOrder.progress}% done`} />
      <Text size="xs" c="dimmed">
        {workOrder.operations.map((op) => op.name).join(' → ')} · {workOrder.progress}%
      </Text>
      {can('production:write') && <WorkOrderActions workOrder={workOrder} onReport={onReport} />}
    </Card>
  );
}

export function WorkOrderActions({ workOrder, onReport }: { workOrder: WorkOrderLike; onReport: () => void }) {
  const update = trpc.production.workOrders.update.useMutation({
    onSuccess: useWorkOrdersChanged(),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  // Finishing short of the plan cannot be undone: say what happens to the rest and ask first.
  const confirmed = (action: WorkOrderAction) => {
    const warning = action === 'complete' ? finishBelowPlanWarning(workOrder) : null;
    return !warning || window.confirm(warning);
  };
  return (
    <Group gap={4} mt="xs">
      {workOrder.actions.map((action) => (
        <Button
          key={action}
          size="compact-xs"
          variant={action === 'cancel' ? 'subtle' : 'light'}
          color={action === 'cancel' ? 'red' : undefined}
          onClick={() => confirmed(action) && update.mutate({ workOrderId: workOrder.id, version: workOrder.version, action })}
        >
          {ACTION_LABELS[action]}
        </Button>
      ))}
      {workOrder.status === 'in_progress' && (
        <Button size="compact-xs" variant="subtle" onClick={onReport}>
          Report progress
        </Button>
      )}
    </Group>
  );
}

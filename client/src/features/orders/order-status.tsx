import { Badge } from '@mantine/core';
import type { OrderAction, OrderStatus } from '@tradeloom/shared';
import type { NotFoundBack } from '../../components/ui.tsx';

const COLORS: Record<OrderStatus, string> = {
  draft: 'gray',
  pending_approval: 'yellow',
  submitted: 'blue',
  accepted: 'teal',
  rejected: 'red',
  in_progress: 'indigo',
  shipped: 'cyan',
  delivered: 'lime',
  completed: 'green',
  cancelled: 'gray',
};

export const ACTION_LABELS: Record<OrderAction, string> = {
  submit: 'Submit',
  approve: 'Approve',
  accept: 'Accept',
  reject: 'Reject',
  start: 'Start work',
  ship: 'Mark shipped',
  deliver: 'Confirm delivery',
  complete: 'Complete',
  cancel: 'Cancel order',
};

// The history list says what each audit entry means in the registry's words.

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={COLORS[status]}>
      {status.replace('_', ' ')}
    </Badge>
  );
}

/** A missing, foreign or malformed order on a detail route leads back to the orders list. */
export const ORDER_NOT_FOUND: NotFoundBack = { title: 'Order not found', to: '/orders', label: 'Back to orders' };

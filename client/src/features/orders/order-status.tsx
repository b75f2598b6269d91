import { Badge } from '@mantine/core';
import type { OrderAction, OrderStatus } from '@tradeloom/shared';

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

// What each audit entry on an order means, in the words of the history list.
const HISTORY_LABELS: Record<string, string> = {
  'order.created': 'drafted the order',
  'order.updated': 'edited the draft',
  'order.submit': 'submitted it',
  'order.approve': 'approved it',
  'order.accept': 'accepted it',
  'order.reject': 'rejected it',
  'order.start': 'started work',
  'order.ship': 'shipped it',
  'order.deliver': 'confirmed delivery',
  'order.complete': 'completed it',
  'order.cancel': 'cancelled it',
  'order.file_attached': 'attached a file',
  'order.file_detached': 'removed a file',
};

export const historyLabel = (action: string) => HISTORY_LABELS[action] ?? action.replace('order.', '').replaceAll('_', ' ');

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={COLORS[status]}>
      {status.replace('_', ' ')}
    </Badge>
  );
}

export const formatMoney = (amount: string, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 2 }).format(Number(amount));

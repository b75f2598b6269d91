import { Badge } from '@mantine/core';
import type { GoodsDeliveryStatus, OrderFulfilment } from '@tradeloom/shared';
import type { NotFoundBack } from '../../components/ui.tsx';

const COLORS: Record<GoodsDeliveryStatus, string> = { dispatched: 'blue', received: 'green', cancelled: 'gray' };
const LABELS: Record<GoodsDeliveryStatus, string> = { dispatched: 'in transit', received: 'received', cancelled: 'cancelled' };

export function DeliveryStatusBadge({ status }: { status: GoodsDeliveryStatus }) {
  return (
    <Badge miw="max-content" variant="light" color={COLORS[status]}>
      {LABELS[status]}
    </Badge>
  );
}

export const FULFILMENT_LABELS: Record<OrderFulfilment, string> = {
  none: 'nothing dispatched yet',
  partly_shipped: 'partly shipped',
  shipped: 'shipped in full',
  partly_delivered: 'partly delivered',
  delivered: 'delivered in full',
};

/** A missing or foreign delivery leads back to the deliveries list. */
export const DELIVERY_NOT_FOUND: NotFoundBack = { title: 'Delivery not found', to: '/deliveries', label: 'Back to deliveries' };

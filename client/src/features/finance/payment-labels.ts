import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '@tradeloom/shared';

export const methodLabel = (method: PaymentMethod) => PAYMENT_METHOD_LABELS[method];
export const directionLabel = (direction: 'received' | 'made') => (direction === 'received' ? 'Received' : 'Made');

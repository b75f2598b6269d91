import type { OrderStatus } from './order-machine.ts';

/** Orders both parties have committed to and that are not finished: the list's "open" filter and the overview's figures. */
export const OPEN_ORDER_STATUSES = ['submitted', 'accepted', 'in_progress', 'shipped'] as const satisfies readonly OrderStatus[];

/** Orders that count as trade in a report: sent to the partner and neither refused nor withdrawn. */
export const TRADED_ORDER_STATUSES = [...OPEN_ORDER_STATUSES, 'delivered', 'completed'] as const satisfies readonly OrderStatus[];

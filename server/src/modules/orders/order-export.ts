import { ORDER_PAGE_MAX, orderListInput } from '@tradeloom/shared';
import { csvExport } from '../../http/csv-exports.routes.ts';
import { listOrders } from './order-list.service.ts';

/** The orders list as CSV: same filters, same rows as the screen. */
export const orderCsv = csvExport({
  name: 'orders',
  permission: 'orders:read',
  filters: orderListInput.omit({ cursor: true, limit: true }),
  chunk: ORDER_PAGE_MAX,
  page: (ctx, actor, filters, cursor, limit) => listOrders(ctx, actor, { ...filters, cursor, limit }),
  columns: [
    { header: 'Number', value: (o) => o.number },
    { header: 'Partner', value: (o) => o.partnerName },
    { header: 'Status', value: (o) => o.status },
    { header: 'Order date', value: (o) => o.orderDate },
    { header: 'Currency', value: (o) => o.currency },
    { header: 'Total', value: (o) => o.total },
    { header: 'Created at', value: (o) => o.createdAt },
  ],
});

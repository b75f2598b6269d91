import { workOrderListInput } from '@tradeloom/shared';
import { csvExport } from '../../http/csv-exports.routes.ts';
import { listWorkOrders } from './production.service.ts';

/** Our work orders as CSV: same filters, same rows as the screen. */
export const workOrderCsv = csvExport({
  name: 'work-orders',
  permission: 'production:read',
  filters: workOrderListInput.omit({ cursor: true, limit: true }),
  chunk: 100,
  page: (ctx, actor, filters, cursor, limit) => listWorkOrders(ctx, actor, { ...filters, cursor, limit }),
  columns: [
    { header: 'Number', value: (w) => w.number },
    { header: 'Description', value: (w) => w.description },
    { header: 'Quantity', value: (w) => w.quantity },
    { header: 'Unit', value: (w) => w.unit },
    { header: 'Sales order', value: (w) => w.salesOrderNumber },
    { header: 'Priority', value: (w) => w.priority },
    { header: 'Status', value: (w) => w.status },
    { header: 'Planned start', value: (w) => w.plannedStart },
    { header: 'Due date', value: (w) => w.dueDate },
    { header: 'Created at', value: (w) => w.createdAt },
  ],
});

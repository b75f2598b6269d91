import { TENDER_PAGE_MAX, tenderListInput } from '@tradeloom/shared';
import { csvExport } from '../../http/csv-exports.routes.ts';
import { listTenders } from './tender-reads.ts';

/** The buyer's tenders list as CSV: same filters and rows as the screen, so never a quote price. */
export const tenderCsv = csvExport({
  name: 'tenders',
  permission: 'sourcing:read',
  filters: tenderListInput.omit({ cursor: true, limit: true }),
  chunk: TENDER_PAGE_MAX,
  page: (ctx, actor, filters, cursor, limit) => listTenders(ctx, actor, { ...filters, cursor, limit }),
  columns: [
    { header: 'Number', value: (t) => t.number },
    { header: 'Title', value: (t) => t.title },
    { header: 'Status', value: (t) => t.status },
    { header: 'Currency', value: (t) => t.currency },
    { header: 'Closes at', value: (t) => t.closesAt },
    { header: 'Items', value: (t) => t.itemCount },
    { header: 'Invited', value: (t) => t.invitedCount },
    { header: 'Quotes', value: (t) => t.quoteCount },
    { header: 'Created at', value: (t) => t.createdAt },
  ],
});

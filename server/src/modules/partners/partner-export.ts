import { partnerListInput } from '@tradeloom/shared';
import { csvExport } from '../../http/csv-exports.routes.ts';
import { listLinks } from './partners.service.ts';

/** Our partner links as CSV: same view and filters, same rows as the screen. */
export const partnerCsv = csvExport({
  name: 'partners',
  permission: 'partners:read',
  filters: partnerListInput.omit({ cursor: true, limit: true }),
  chunk: 100,
  page: (ctx, actor, filters, cursor, limit) => listLinks(ctx, actor, { ...filters, cursor, limit }),
  columns: [
    { header: 'Partner', value: (l) => l.partnerName },
    { header: 'Role', value: (l) => l.partnerRole },
    { header: 'Status', value: (l) => l.status },
    { header: 'Country', value: (l) => l.partnerCountry },
    { header: 'Verification', value: (l) => l.partnerVerification },
    { header: 'On Tradeloom', value: (l) => (l.partnerClaimed ? 'yes' : 'no') },
    { header: 'Contact email', value: (l) => l.partnerContactEmail },
    { header: 'Linked since', value: (l) => l.createdAt },
  ],
});

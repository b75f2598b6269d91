import { productListInput } from '@tradeloom/shared';
import { csvExport } from '../../http/csv-exports.routes.ts';
import { listOwnProducts } from './catalog.service.ts';

/** Our catalog as CSV: same filters, same rows as the screen. */
export const productCsv = csvExport({
  name: 'catalog',
  permission: 'catalog:read',
  filters: productListInput.omit({ cursor: true, limit: true }),
  chunk: 100,
  page: (ctx, actor, filters, cursor, limit) => listOwnProducts(ctx, actor, { ...filters, cursor, limit }),
  columns: [
    { header: 'SKU', value: (p) => p.sku },
    { header: 'Name', value: (p) => p.name },
    { header: 'Unit', value: (p) => p.unit },
    { header: 'HSN', value: (p) => p.hsnCode },
    { header: 'GST %', value: (p) => p.gstRate },
    { header: 'Price', value: (p) => p.price },
    { header: 'Currency', value: (p) => p.currency },
    { header: 'Minimum order', value: (p) => p.minOrderQuantity },
    { header: 'Active', value: (p) => (p.active ? 'yes' : 'no') },
  ],
});

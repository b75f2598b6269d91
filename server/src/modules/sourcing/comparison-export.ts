import { type ComparisonCell, type ComparisonSupplier, type TenderComparison, tenderIdInput } from '@tradeloom/shared';
import { csvExport } from '../../http/csv-exports.routes.ts';
import { buildComparison } from './comparison.service.ts';

type Item = TenderComparison['items'][number];
/** One row per priced cell, with its item and supplier: the matrix flattened. */
interface ComparisonRow {
  item: Item;
  supplier: ComparisonSupplier;
  cell: ComparisonCell;
}

/** The comparison as CSV (`/exports/tender-comparison.csv?input={"tenderId":…}`): the same data, the same sealed refusal. */
export const tenderComparisonCsv = csvExport({
  name: 'tender-comparison',
  permission: 'sourcing:read',
  filters: tenderIdInput,
  chunk: 1,
  page: async (ctx, actor, filters) => {
    const comparison = await buildComparison(ctx.deps.db, actor.companyId, filters.tenderId);
    const items = new Map(comparison.items.map((item) => [item.id, item]));
    const suppliers = new Map(comparison.suppliers.map((supplier) => [supplier.quoteId, supplier]));
    const rows = comparison.cells.flatMap((cell) => {
      const item = items.get(cell.itemId);
      const supplier = suppliers.get(cell.quoteId);
      return item && supplier ? [{ item, supplier, cell }] : [];
    });
    // One page: a tender's matrix is small (items × suppliers × alternatives).
    return { items: rows, nextCursor: null };
  },
  columns: [
    { header: 'Item no', value: (r: ComparisonRow) => r.item.lineNo },
    { header: 'Item', value: (r) => r.item.description },
    { header: 'Quantity asked', value: (r) => r.item.quantity },
    { header: 'Unit', value: (r) => r.item.unit },
    { header: 'Supplier', value: (r) => r.supplier.supplierName },
    { header: 'Alternative', value: (r) => r.cell.alternativeNo },
    { header: 'Offer description', value: (r) => r.cell.description },
    { header: 'Quoted unit price', value: (r) => r.cell.quotedUnitPrice },
    { header: 'Quoted currency', value: (r) => r.cell.quotedCurrency },
    { header: 'Quoted unit', value: (r) => r.cell.quotedUnit },
    { header: 'Quantity offered', value: (r) => r.cell.quantity },
    { header: 'Unit price', value: (r) => r.cell.unitPrice },
    { header: 'Freight per unit', value: (r) => r.cell.freightPerUnit },
    { header: 'GST %', value: (r) => r.cell.taxRate },
    { header: 'Landed unit cost', value: (r) => r.cell.landedUnitCost },
    { header: 'Landed total', value: (r) => r.cell.landedTotal },
    { header: 'Lowest', value: (r) => (r.cell.lowest ? 'yes' : '') },
    { header: 'Missing conversion', value: (r) => r.cell.missing },
    { header: 'Supplier landed total', value: (r) => r.supplier.landedTotal },
    { header: 'Supplier score', value: (r) => r.supplier.score },
  ],
});

import type { Executor } from '@tradeloom/db';
import type { SearchHit } from '@tradeloom/shared';
import { escapeLike } from '../../lib/cursor.ts';

/** Our own products whose name, SKU or HSN code contains the term, by name. */
export async function searchProducts(db: Executor, companyId: string, term: string, limit: number): Promise<SearchHit[]> {
  const pattern = `%${escapeLike(term)}%`;
  const rows = await db
    .selectFrom('products')
    .select(['products.id', 'products.sku', 'products.name', 'products.hsn_code as hsnCode', 'products.active'])
    .where('products.company_id', '=', companyId)
    .where((eb) =>
      eb.or([eb('products.name', 'ilike', pattern), eb('products.sku', 'ilike', pattern), eb('products.hsn_code', 'ilike', pattern)]),
    )
    .orderBy('products.name')
    .orderBy('products.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.name,
    subtitle: [`SKU ${row.sku}`, row.hsnCode ? `HSN ${row.hsnCode}` : null, row.active ? null : 'inactive'].filter(Boolean).join(' · '),
    path: `/catalog?search=${encodeURIComponent(row.sku)}`,
  }));
}

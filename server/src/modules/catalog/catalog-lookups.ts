import type { Executor } from '@tradeloom/db';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { acceptedLinkBetween } from '../partners/accepted-links.ts';

// Catalog and master data as other modules read it (order lines, work orders, file access),
// owned here with the products, units and HSN codes.

/** The supplier's active products among `productIds` (others' and inactive ones are left out). */
export function activeProductsOf(db: Executor, supplierId: string, productIds: string[]) {
  if (!productIds.length) return Promise.resolve([]);
  return db
    .selectFrom('products')
    .select(['id', 'name', 'hsn_code'])
    .where('company_id', '=', supplierId)
    .where('active', '=', true)
    .where('id', 'in', productIds)
    .execute();
}

/** GST rate per HSN code, for the known codes among `codes`. */
export async function gstRatesOf(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('hsn_codes').select(['code', 'gst_rate']).where('code', 'in', codes).execute();
  return new Map(rows.map((row) => [row.code, row.gst_rate]));
}

/** The unit codes of the units master. */
export async function unitCodes(db: Executor): Promise<Set<string>> {
  return new Set((await db.selectFrom('units').select('code').execute()).map((unit) => unit.code));
}

export async function isKnownUnit(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('units').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** Whether the product belongs to the company (active or not). */
export async function isOwnProduct(db: Executor, companyId: string, productId: string): Promise<boolean> {
  const product = await db
    .selectFrom('products')
    .select('id')
    .where('id', '=', productId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return product !== undefined;
}

/** Whether the file is attached to an active product of a supplier this buyer is linked with. */
export async function isFileOfLinkedProduct(db: Executor, fileId: string, buyerId: string): Promise<boolean> {
  const attached = await db
    .selectFrom('product_attachments as a')
    .innerJoin('products as p', 'p.id', 'a.product_id')
    .select('a.file_id')
    .where('a.file_id', '=', fileId)
    .where('p.active', '=', true)
    .where(acceptedLinkBetween(buyerId, sql.ref('p.company_id')))
    .executeTakeFirst();
  return attached !== undefined;
}

/** The company offers an active product of this commodity: a condition for another module's query. */
export function suppliesCommodity(companyId: Expression<string>, commodityCode: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from products where products.company_id = ${companyId} and products.commodity_code = ${commodityCode} and products.active)`;
}

/** "SKU · name" of a product as a scalar subquery, for another module's select (the audit log's record column). */
export function productLabelOf(productId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select products.sku || ' · ' || products.name from products where products.id = ${productId})`;
}

/** Active products among `productIds` of suppliers this buyer is linked with: what it may name in a tender. */
export function linkedProductsOf(db: Executor, buyerId: string, productIds: string[]) {
  if (!productIds.length) return Promise.resolve([]);
  return db
    .selectFrom('products as p')
    .select(['p.id', 'p.name', 'p.hsn_code'])
    .where('p.id', 'in', productIds)
    .where('p.active', '=', true)
    .where(acceptedLinkBetween(buyerId, sql.ref('p.company_id')))
    .execute();
}

/** The commodities master (code and name), by name: what the trade desk's masters hang off. */
export function commodityList(db: Executor, codes?: string[]) {
  let query = db.selectFrom('commodities').select(['code', 'name']).orderBy('name').orderBy('code');
  if (codes) {
    if (!codes.length) return Promise.resolve([]);
    query = query.where('code', 'in', codes);
  }
  return query.execute();
}

export async function isKnownCommodity(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('commodities').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** The commodity's name as a scalar subquery, for another module's select list. */
export function commodityNameOf(code: string | Expression<string>): RawBuilder<string> {
  return sql<string>`(select commodities.name from commodities where commodities.code = ${code})`;
}

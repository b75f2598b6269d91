import type { Executor } from '@tradeloom/db';
import type { CreateProductInput, UpdateProductInput } from '@tradeloom/shared';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';

const PRODUCT_COLUMNS = [
  'products.id',
  'products.sku',
  'products.name',
  'products.description',
  'products.commodity_code as commodityCode',
  'products.unit',
  'products.hsn_code as hsnCode',
  'products.price',
  'products.currency',
  'products.min_order_quantity as minOrderQuantity',
  'products.active',
  'products.version',
] as const;

export function selectProducts(db: Executor) {
  return db
    .selectFrom('products')
    .leftJoin('hsn_codes', 'hsn_codes.code', 'products.hsn_code')
    .select((eb) => [...PRODUCT_COLUMNS, 'hsn_codes.gst_rate as gstRate', isoTimestamp(eb.ref('products.updated_at')).as('updatedAt')]);
}

/** Which of the given master-data codes do not exist, per kind, so errors can name the field. */
export async function unknownReferences(db: Executor, refs: { unit?: string; hsnCode?: string | null; commodityCode?: string | null }) {
  const [unit, hsn, commodity] = await Promise.all([
    refs.unit ? db.selectFrom('units').select('code').where('code', '=', refs.unit).executeTakeFirst() : Promise.resolve({ code: '' }),
    refs.hsnCode
      ? db.selectFrom('hsn_codes').select('code').where('code', '=', refs.hsnCode).executeTakeFirst()
      : Promise.resolve({ code: '' }),
    refs.commodityCode
      ? db.selectFrom('commodities').select('code').where('code', '=', refs.commodityCode).executeTakeFirst()
      : Promise.resolve({ code: '' }),
  ]);
  const problems: Record<string, string> = {};
  if (!unit) problems.unit = `unknown unit “${refs.unit}”`;
  if (!hsn) problems.hsnCode = `unknown HSN code “${refs.hsnCode}”`;
  if (!commodity) problems.commodityCode = `unknown commodity “${refs.commodityCode}”`;
  return problems;
}

export async function skuTaken(db: Executor, companyId: string, sku: string, exceptProductId?: string): Promise<boolean> {
  let query = db
    .selectFrom('products')
    .select('id')
    .where('company_id', '=', companyId)
    .where((eb) => eb(eb.fn('lower', ['sku']), '=', sku.toLowerCase()));
  if (exceptProductId) query = query.where('id', '!=', exceptProductId);
  return (await query.executeTakeFirst()) !== undefined;
}

type ProductFieldsInput = Omit<UpdateProductInput, 'productId' | 'version'>;

/**
 * A product's columns from its validated input. A partial input gives only the columns it names
 * (Kysely leaves `undefined` out of an UPDATE); `null` clears an optional reference.
 */
export function productColumns(product: ProductFieldsInput) {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description,
    commodity_code: product.commodityCode === undefined ? undefined : product.commodityCode || null,
    unit: product.unit,
    hsn_code: product.hsnCode === undefined ? undefined : product.hsnCode || null,
    price: product.price,
    currency: product.currency,
    min_order_quantity: product.minOrderQuantity,
    active: product.active,
  };
}

export function insertProduct(trx: Executor, companyId: string, product: CreateProductInput) {
  // The required columns restated so the insert type-checks; productColumns fills the rest.
  const required = { sku: product.sku, name: product.name, unit: product.unit, price: product.price, currency: product.currency };
  return trx
    .insertInto('products')
    .values({ ...productColumns(product), ...required, company_id: companyId })
    .returning('id')
    .executeTakeFirstOrThrow();
}

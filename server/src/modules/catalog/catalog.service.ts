import { inTransaction } from '@tradeloom/db';
import type { BrowseCatalogInput, CreateProductInput, ProductListInput, ProductSortKey, UpdateProductInput } from '@tradeloom/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, decodeNameIdCursor, escapeLike, nameIdCursor, rowCursor } from '../../lib/cursor.ts';
import { knownUniqueConflict } from '../../lib/unique-violation.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findCompanyName, findTradingProfile } from '../companies/company-reads.ts';
import { recordChange } from '../events/record-change.ts';
import { assertOwnFile, describeFiles } from '../files/files.service.ts';
import { assertLinked, findAcceptedLink } from '../partners/accepted-links.ts';
import { insertProduct, productColumns, selectProducts, skuTaken, unknownReferences } from './catalog.repository.ts';

async function assertSupplier(ctx: ServiceContext, companyId: string) {
  const company = await findTradingProfile(ctx.deps.db, companyId);
  if (!company.isSupplier) {
    throw appError(
      'CONFLICT',
      'NOT_SUPPLIER',
      'Only a company that supplies can keep a catalog. Tick “We supply” in the company profile first.',
    );
  }
}

async function assertReferences(ctx: ServiceContext, input: { unit?: string; hsnCode?: string | null; commodityCode?: string | null }) {
  const problems = await unknownReferences(ctx.deps.db, input);
  if (Object.keys(problems).length) throw invalidFields(problems);
}

export async function createProduct(ctx: ServiceContext, actor: CompanyActor, input: CreateProductInput) {
  await assertSupplier(ctx, actor.companyId);
  await assertReferences(ctx, input);
  return inTransaction(ctx.deps.db, async (trx) => {
    if (await skuTaken(trx, actor.companyId, input.sku)) throw knownUniqueConflict('products_company_sku_idx');
    const { id } = await insertProduct(trx, actor.companyId, input);
    const product = await selectProducts(trx).where('products.id', '=', id).executeTakeFirstOrThrow();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'product.created',
      entityType: 'product',
      entityId: id,
      after: product,
    });
    return product;
  });
}

export async function updateProduct(ctx: ServiceContext, actor: CompanyActor, input: UpdateProductInput) {
  await assertReferences(ctx, input);
  return inTransaction(ctx.deps.db, async (trx) => {
    const before = await selectProducts(trx)
      .where('products.id', '=', input.productId)
      .where('products.company_id', '=', actor.companyId)
      .executeTakeFirst();
    if (!before) throw notFound('Product');
    if (input.sku && (await skuTaken(trx, actor.companyId, input.sku, input.productId))) {
      throw knownUniqueConflict('products_company_sku_idx');
    }
    const { productId, version, ...fields } = input;
    const updated = await trx
      .updateTable('products')
      .set((eb) => ({ ...productColumns(fields), version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
      .where('id', '=', productId)
      .where('company_id', '=', actor.companyId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw staleVersion('product');
    const after = await selectProducts(trx).where('products.id', '=', productId).executeTakeFirstOrThrow();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'product.updated',
      entityType: 'product',
      entityId: productId,
      before,
      after,
    });
    return after;
  });
}

export async function getOwnProduct(ctx: ServiceContext, actor: CompanyActor, productId: string) {
  const product = await selectProducts(ctx.deps.db)
    .where('products.id', '=', productId)
    .where('products.company_id', '=', actor.companyId)
    .executeTakeFirst();
  if (!product) throw notFound('Product');
  return product;
}

type ProductQuery = ReturnType<typeof selectProducts>;

/** Search by words (full text) or by any part of the SKU or name. */
function matching(query: ProductQuery, search: string | undefined) {
  if (!search) return query;
  const contains = `%${escapeLike(search.toLowerCase())}%`;
  return query.where((eb) =>
    eb.or([
      sql<boolean>`products.search @@ plainto_tsquery('simple', ${search})`,
      eb(eb.fn('lower', ['products.sku']), 'like', contains),
      eb(eb.fn('lower', ['products.name']), 'like', contains),
    ]),
  );
}

/** Keyset-paged by name, as a buyer browses a supplier's catalog. */
function searchAndPage(query: ProductQuery, input: { search?: string; cursor?: string; limit: number }) {
  let paged = matching(query, input.search)
    .orderBy('products.name')
    .orderBy('products.id')
    .limit(input.limit + 1);
  if (input.cursor) {
    const { name, id } = decodeNameIdCursor(input.cursor);
    paged = paged.where((eb) =>
      eb.or([eb('products.name', '>', name), eb.and([eb('products.name', '=', name), eb('products.id', '>', id)])]),
    );
  }
  return paged;
}

async function page<T extends { name: string; id: string }>(query: { execute(): Promise<T[]> }, limit: number) {
  const rows = await query.execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? nameIdCursor(last) : null };
}

/**
 * The column a product list sorts by, read on the row aliased `alias`: the same expression orders
 * the page and positions the cursor, so the two cannot disagree.
 */
function productSortKey(sort: ProductSortKey) {
  const column = { name: 'name', sku: 'sku', price: 'price', updated: 'updated_at' }[sort];
  return (alias: string): Expression<unknown> => sql.ref(`${alias}.${column}`);
}

/** Our own products, sorted by the column asked for either way; ties fall back to the id. */
export async function listOwnProducts(ctx: ServiceContext, actor: CompanyActor, input: ProductListInput) {
  const key = productSortKey(input.sort);
  let query = matching(selectProducts(ctx.deps.db).where('products.company_id', '=', actor.companyId), input.search)
    .orderBy(key('products'), input.sortDirection)
    .orderBy('products.id', input.sortDirection)
    .limit(input.limit + 1);
  if (input.active !== undefined) query = query.where('products.active', '=', input.active);
  if (input.cursor) {
    const own = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.company_id`)} = ${actor.companyId}`;
    query = query.where(afterCursorRow(input.cursor, { name: 'products', alias: 'products' }, key, input.sortDirection, own));
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** A supplier's catalog as a buyer sees it: only with an accepted link, only active products. */
export async function browseCatalog(ctx: ServiceContext, actor: CompanyActor, input: BrowseCatalogInput) {
  const { db } = ctx.deps;
  // No link, a pending, denied or blocked one: the catalog does not exist for this buyer.
  await assertLinked(db, actor.companyId, input.supplierId, 'Catalog');
  let query = searchAndPage(
    selectProducts(db).where('products.company_id', '=', input.supplierId).where('products.active', '=', true),
    input,
  );
  if (input.commodityCode) query = query.where('products.commodity_code', '=', input.commodityCode);
  return { supplierName: await findCompanyName(db, input.supplierId), ...(await page(query, input.limit)) };
}

export async function listMasters(ctx: ServiceContext) {
  const { db } = ctx.deps;
  const [units, hsnCodes, commodities] = await Promise.all([
    db.selectFrom('units').select(['code', 'name', 'kind']).orderBy('kind').orderBy('name').execute(),
    db.selectFrom('hsn_codes').select(['code', 'description', 'gst_rate as gstRate']).orderBy('code').execute(),
    db.selectFrom('commodities').select(['code', 'name', 'quality_parameters as qualityParameters']).orderBy('name').execute(),
  ]);
  return { units, hsnCodes, commodities };
}

/** The files attached to a product (images, spec sheets), for its supplier or a linked buyer. */
export async function listAttachments(ctx: ServiceContext, actor: CompanyActor, productId: string) {
  const { db } = ctx.deps;
  const product = await db.selectFrom('products').select(['company_id', 'active']).where('id', '=', productId).executeTakeFirst();
  const own = product?.company_id === actor.companyId;
  const linked = product?.active && (await findAcceptedLink(db, actor.companyId, product.company_id)) !== undefined;
  if (!own && !linked) throw notFound('Product');
  const attached = await db
    .selectFrom('product_attachments')
    .select('file_id')
    .where('product_id', '=', productId)
    .orderBy('created_at')
    .execute();
  const files = await describeFiles(
    db,
    attached.map((a) => a.file_id),
  );
  return attached.flatMap((a) => files.get(a.file_id) ?? []);
}

export async function attachFile(ctx: ServiceContext, actor: CompanyActor, input: { productId: string; fileId: string }) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const product = await trx
      .selectFrom('products')
      .select('id')
      .where('id', '=', input.productId)
      .where('company_id', '=', actor.companyId)
      .executeTakeFirst();
    if (!product) throw notFound('Product');
    await assertOwnFile(trx, actor.companyId, input.fileId);
    await trx
      .insertInto('product_attachments')
      .values({ product_id: input.productId, file_id: input.fileId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'product.file_attached',
      entityType: 'product',
      entityId: input.productId,
      after: { fileId: input.fileId },
    });
  });
}

export async function detachFile(ctx: ServiceContext, actor: CompanyActor, input: { productId: string; fileId: string }) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const removed = await trx
      .deleteFrom('product_attachments')
      .where('product_id', '=', input.productId)
      .where('file_id', '=', input.fileId)
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('products').select('id').where('id', '=', input.productId).where('company_id', '=', actor.companyId)),
      )
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw notFound('Attachment');
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'product.file_detached',
      entityType: 'product',
      entityId: input.productId,
      before: { fileId: input.fileId },
    });
  });
}

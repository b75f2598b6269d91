import { type Executor, inTransaction } from '@tradeloom/db';
import { type CreateProductInput, createProductInput, type ImportReport } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { type ImportRowError, parseActive, ROWS_PER_SLICE, readCsvRows, rowErrors, slices, yieldToOthers } from '../../lib/csv-import.ts';
import { appError } from '../../trpc/errors.ts';
import { findTradingProfile } from '../companies/company-reads.ts';
import { recordChange } from '../events/record-change.ts';
import { productColumns } from './catalog.repository.ts';

// Bulk import from CSV. A dry run reports what would change and every row's problems; applying
// upserts by SKU in one transaction, so running the same file twice changes nothing the second time.
// A 1 MB file is ~10,000 rows: validated in memory in slices, yielding to other requests between
// them, then written with multi-row upserts of a few hundred rows each, all in one transaction so
// a failure writes nothing. Row by row, the import held PGlite (one session for every tenant) for
// 12 s; now its transaction takes ~2 s, and the event loop answers in between statements
// (tests/catalog/import-latency.measure.test.ts measures it).

// 250 rows × 11 parameters stays far below PostgreSQL's 65,535 parameters per statement.
const ROWS_PER_STATEMENT = 250;

const REQUIRED = ['sku', 'name', 'unit', 'price'] as const;
const OPTIONAL = ['description', 'commodity', 'hsn', 'currency', 'min_order_quantity', 'active'] as const;
const COLUMN_FIELD: Record<string, string> = { commodityCode: 'commodity', hsnCode: 'hsn', minOrderQuantity: 'min_order_quantity' };

const SAME_FIELDS = ['name', 'description', 'commodity_code', 'unit', 'hsn_code', 'currency', 'active'] as const;

export async function importCatalog(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { csv: string; dryRun: boolean },
): Promise<ImportReport> {
  const { db } = ctx.deps;
  const company = await findTradingProfile(db, actor.companyId);
  if (!company.isSupplier) throw appError('CONFLICT', 'NOT_SUPPLIER', 'Only a company that supplies can keep a catalog.');

  const { records, columns } = readCsvRows(input.csv, REQUIRED, OPTIONAL);

  const plan = (executor: Executor) => planImport(executor, actor.companyId, company.baseCurrency, records, columns);
  const planned = await plan(db);
  if (input.dryRun || planned.report.errors.length) return planned.report;
  // Applied against the catalog as it is once this import holds the company's import lock, so
  // parallel imports of one file run one after another and each reports what it really changed.
  // Checking ~10,000 rows takes a while: it is redone inside only if the catalog moved meanwhile.
  return inTransaction(db, async (trx) => {
    await lockUntilCommit(trx, 'catalog_import', actor.companyId);
    const current = (await catalogStamp(trx, actor.companyId)) === planned.stamp ? planned : await plan(trx);
    const { report, creates, updates } = current;
    if (report.errors.length) return report;
    const now = ctx.deps.clock.now();
    for (const chunk of slices([...creates, ...updates], ROWS_PER_STATEMENT)) {
      await upsertProducts(trx, actor.companyId, chunk, now);
      await yieldToOthers();
    }
    const summary = { rows: report.rows, creates: report.creates, updates: report.updates, unchanged: report.unchanged };
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'catalog.imported',
      entityType: 'catalog',
      entityId: actor.companyId,
      after: summary,
      payload: summary,
    });
    return { ...report, applied: true };
  });
}

interface ImportPlan {
  /** The catalog the plan was made against (see catalogStamp). */
  stamp: string;
  report: ImportReport;
  creates: CreateProductInput[];
  updates: CreateProductInput[];
}

/** Checks every row and compares the file with the catalog: what would be created and changed. */
async function planImport(
  db: Executor,
  companyId: string,
  baseCurrency: string,
  records: Record<string, string>[],
  columns: string[],
): Promise<ImportPlan> {
  // Read before the products, so a change made while planning shows as a different stamp.
  const stamp = await catalogStamp(db, companyId);
  const existing = await db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'description', 'commodity_code', 'unit', 'hsn_code', 'price', 'currency', 'min_order_quantity', 'active'])
    .where('company_id', '=', companyId)
    .execute();
  const bySku = new Map(existing.map((p) => [p.sku.toLowerCase(), p]));
  const hasColumn = (column: (typeof OPTIONAL)[number]) => columns.includes(column);

  const errors: ImportRowError[] = [];
  const rows: { row: number; product: CreateProductInput }[] = [];
  const seen = new Map<string, number>();
  for (const [index, record] of records.entries()) {
    if (index > 0 && index % ROWS_PER_SLICE === 0) await yieldToOthers();
    const row = index + 2; // line 1 is the header
    // A column the file leaves out keeps a known product's value (a price-only sheet must not
    // re-list discontinued products or clear descriptions); new products get the defaults.
    const current = bySku.get(String(record.sku ?? '').toLowerCase());
    const parsed = createProductInput.safeParse({
      sku: record.sku,
      name: record.name,
      description: hasColumn('description') || !current ? (record.description ?? '') : current.description,
      commodityCode: hasColumn('commodity') || !current ? record.commodity || undefined : (current.commodity_code ?? undefined),
      unit: record.unit,
      hsnCode: hasColumn('hsn') || !current ? record.hsn || undefined : (current.hsn_code ?? undefined),
      price: record.price,
      currency: hasColumn('currency') || !current ? record.currency || baseCurrency : current.currency,
      minOrderQuantity: hasColumn('min_order_quantity') || !current ? record.min_order_quantity || '0' : current.min_order_quantity,
      active: hasColumn('active') || !current ? parseActive(record.active) : current.active,
    });
    if (!parsed.success) {
      errors.push(...rowErrors(row, parsed.error.issues, COLUMN_FIELD));
      continue;
    }
    const key = parsed.data.sku.toLowerCase();
    const first = seen.get(key);
    if (first) errors.push({ row, column: 'sku', message: `repeats the SKU of row ${first}` });
    else seen.set(key, row);
    rows.push({ row, product: parsed.data });
  }

  const [units, hsn, commodities] = await Promise.all([
    db.selectFrom('units').select('code').execute(),
    db.selectFrom('hsn_codes').select('code').execute(),
    db.selectFrom('commodities').select('code').execute(),
  ]);
  const known = {
    unit: new Set(units.map((u) => u.code)),
    hsn: new Set(hsn.map((h) => h.code)),
    commodity: new Set(commodities.map((c) => c.code)),
  };
  for (const { row, product } of rows) {
    if (!known.unit.has(product.unit)) errors.push({ row, column: 'unit', message: `unknown unit “${product.unit}”` });
    if (product.hsnCode && !known.hsn.has(product.hsnCode))
      errors.push({ row, column: 'hsn', message: `unknown HSN code “${product.hsnCode}”` });
    if (product.commodityCode && !known.commodity.has(product.commodityCode))
      errors.push({ row, column: 'commodity', message: `unknown commodity “${product.commodityCode}”` });
  }

  // Counts describe the rows that would be written: a row with a problem is not.
  const rowsWithErrors = new Set(errors.map((e) => e.row));
  const creates: CreateProductInput[] = [];
  const updates: CreateProductInput[] = [];
  for (const { row, product } of rows) {
    if (rowsWithErrors.has(row)) continue;
    const current = bySku.get(product.sku.toLowerCase());
    if (!current) {
      creates.push(product);
      continue;
    }
    const next = {
      name: product.name,
      description: product.description,
      commodity_code: product.commodityCode ?? null,
      unit: product.unit,
      hsn_code: product.hsnCode ?? null,
      currency: product.currency,
      active: product.active,
    };
    const changed =
      SAME_FIELDS.some((field) => next[field] !== current[field]) ||
      Number(product.price) !== Number(current.price) ||
      Number(product.minOrderQuantity) !== Number(current.min_order_quantity);
    if (changed) updates.push(product);
  }
  errors.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    rows: records.length,
    creates: creates.length,
    updates: updates.length,
    unchanged: rows.filter((r) => !rowsWithErrors.has(r.row)).length - creates.length - updates.length,
    errors,
    applied: false,
  };
  return { stamp, report, creates, updates };
}

/** Changes whenever a product is created or updated (every update bumps its version). */
async function catalogStamp(db: Executor, companyId: string): Promise<string> {
  const { count, versions } = await db
    .selectFrom('products')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.coalesce(eb.fn.sum<string>('version'), sql<string>`0`).as('versions')])
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return `${count}:${versions}`;
}

/**
 * One statement for many rows: new SKUs are inserted, known ones (matched like the unique index,
 * case-insensitively) get the file's values and a new version. The SKU's spelling is kept.
 */
async function upsertProducts(trx: Executor, companyId: string, products: CreateProductInput[], now: Date): Promise<void> {
  await trx
    .insertInto('products')
    .values(
      products.map((product) => ({
        ...productColumns(product),
        sku: product.sku,
        name: product.name,
        unit: product.unit,
        price: product.price,
        currency: product.currency,
        company_id: companyId,
      })),
    )
    .onConflict((oc) =>
      oc.expression(sql`company_id, lower(sku)`).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        commodity_code: eb.ref('excluded.commodity_code'),
        unit: eb.ref('excluded.unit'),
        hsn_code: eb.ref('excluded.hsn_code'),
        price: eb.ref('excluded.price'),
        currency: eb.ref('excluded.currency'),
        min_order_quantity: eb.ref('excluded.min_order_quantity'),
        active: eb.ref('excluded.active'),
        version: sql`products.version + 1`,
        updated_at: now,
      })),
    )
    .execute();
}

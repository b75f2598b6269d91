import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueViolationConflict } from '../../server/src/lib/unique-violation.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';

// Races only happen on PostgreSQL: PGlite runs one session at a time, so the parallel tests skip
// there and the sequential ones below prove the same answer on both databases.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const yarn = (sku: string) => ({ sku, name: '30s combed yarn', unit: 'kg', price: '265.50', currency: 'INR', hsnCode: '5205' });

/** Settles every call: the values of those that succeeded and the errors of those that failed. */
async function settle<T>(calls: Promise<T>[]) {
  const results = await Promise.allSettled(calls);
  return {
    values: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    errors: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code?: string; message: string; cause?: unknown }] : [])),
  };
}

const reasonOf = (error: { cause?: unknown }) => (error.cause as { reason?: string } | undefined)?.reason;

async function productRows(companyId: string, sku: string) {
  return app.db
    .selectFrom('products')
    .select('id')
    .where('company_id', '=', companyId)
    .where((eb) => eb(eb.fn('lower', ['sku']), '=', sku.toLowerCase()))
    .execute();
}

async function auditRows(companyId: string, action: string) {
  return app.db.selectFrom('audit_log').select('id').where('company_id', '=', companyId).where('action', '=', action).execute();
}

describe('a unique index that settles a race answers CONFLICT naming the field', () => {
  it('maps a real unique violation from the database to its field and reason, on either database', async () => {
    const supplier = await createCompany(app, 'Map');
    await supplier.members.staff.caller.catalog.products.create(yarn('DUP-1'));
    // The same insert the service makes, past its own check: only the index stops it.
    const violation = await app.db
      .insertInto('products')
      .values({ company_id: supplier.id, sku: 'dup-1', name: 'Copy', unit: 'kg', price: '1', currency: 'INR' })
      .execute()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const conflict = uniqueViolationConflict(violation);
    expect(conflict?.code).toBe('CONFLICT');
    expect(reasonOf(conflict ?? {})).toBe('SKU_TAKEN');
    expect(conflict?.message).toMatch(/^sku: /);
  });

  it('answers a constraint it has no rule for with a generic CONFLICT that shows no SQL', () => {
    const conflict = uniqueViolationConflict({
      code: '23505',
      constraint: 'some_future_idx',
      message: 'duplicate key value violates unique constraint "some_future_idx"',
    });
    expect(conflict?.code).toBe('CONFLICT');
    expect(reasonOf(conflict ?? {})).toBe('ALREADY_EXISTS');
    expect(conflict?.message).not.toMatch(/duplicate key|constraint|some_future_idx/);
    expect(uniqueViolationConflict(new Error('connection reset'))).toBeUndefined();
  });

  it.skipIf(!onPostgres)('20 parallel creates with one SKU: one product, 19 CONFLICT SKU_TAKEN, one audit row', async () => {
    const supplier = await createCompany(app, 'SkuRace');
    const { values, errors } = await settle(
      Array.from({ length: 20 }, (_, i) => supplier.members.staff.caller.catalog.products.create(yarn(i % 2 ? 'RACE-1' : 'race-1'))),
    );
    expect(values).toHaveLength(1);
    expect(errors.map((e) => [e.code, reasonOf(e)])).toEqual(Array.from({ length: 19 }, () => ['CONFLICT', 'SKU_TAKEN']));
    // Lost at the pre-check or at the index, every refusal names the field the same way.
    for (const error of errors) expect(error.message).toBe('sku: this SKU is already in your catalog.');
    expect(await productRows(supplier.id, 'race-1')).toHaveLength(1);
    expect(await auditRows(supplier.id, 'product.created')).toHaveLength(1);
  });

  it.skipIf(!onPostgres)('parallel identical imports: each applies or gets CONFLICT SKU_TAKEN, and nothing partial is left', async () => {
    const supplier = await createCompany(app, 'ImpRace');
    const csv = ['sku,name,unit,price,hsn', ...Array.from({ length: 30 }, (_, i) => `IR-${i},Yarn ${i},kg,${100 + i},5205`)].join('\n');
    const { values, errors } = await settle(
      Array.from({ length: 5 }, () => supplier.members.staff.caller.catalog.import({ csv, dryRun: false })),
    );
    expect(values.length).toBeGreaterThanOrEqual(1);
    for (const error of errors)
      expect([error.code, reasonOf(error), error.message]).toEqual(['CONFLICT', 'SKU_TAKEN', expect.stringMatching(/^sku: /)]);
    // One import created the 30 products; any other that applied found them all in place.
    expect(values.map((report) => report.creates).sort((a, b) => b - a)).toEqual([30, ...values.slice(1).map(() => 0)]);
    const products = await app.db.selectFrom('products').select('sku').where('company_id', '=', supplier.id).execute();
    expect(products).toHaveLength(30);
    expect(await auditRows(supplier.id, 'catalog.imported')).toHaveLength(values.length);
  });
});

describe('rules no unique index can state', () => {
  it.skipIf(!onPostgres)('parallel overlapping financial years (one label or not): one is created, the rest CONFLICT', async () => {
    const co = await createCompany(app, 'FyOverlap');
    const { values, errors } = await settle(
      Array.from({ length: 20 }, (_, i) =>
        co.members.admin.caller.settings.financialYears.create({
          label: i < 5 ? 'FY-A' : `FY-${i}`,
          startsOn: `2042-01-${String(i + 1).padStart(2, '0')}`,
          endsOn: `2042-12-${String(i + 1).padStart(2, '0')}`,
        }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(errors.map((e) => [e.code, reasonOf(e)])).toEqual(Array.from({ length: 19 }, () => ['CONFLICT', 'FINANCIAL_YEAR_OVERLAP']));
    const years = await app.db
      .selectFrom('financial_years')
      .select('id')
      .where('company_id', '=', co.id)
      .where('label', 'like', 'FY-%')
      .execute();
    expect(years).toHaveLength(1);
  });

  it.skipIf(!onPostgres)('parallel head-office branches all succeed and leave one head office', async () => {
    const co = await createCompany(app, 'HoRace');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        co.members.admin.caller.companies.branches.create({ name: `HO ${i}`, country: 'IN', isHeadOffice: true }),
      ),
    );
    const heads = await app.db
      .selectFrom('branches')
      .select('id')
      .where('company_id', '=', co.id)
      .where('is_head_office', '=', true)
      .execute();
    expect(heads).toHaveLength(1);
  });
});

describe('sequential duplicates give the same answers on both databases', () => {
  it('a SKU taken in another case is CONFLICT SKU_TAKEN', async () => {
    const supplier = await createCompany(app, 'SkuSeq');
    await supplier.members.staff.caller.catalog.products.create(yarn('SEQ-1'));
    expect((await failure(supplier.members.staff.caller.catalog.products.create(yarn('seq-1')))).reason).toBe('SKU_TAKEN');
    expect(await productRows(supplier.id, 'seq-1')).toHaveLength(1);
  });
});

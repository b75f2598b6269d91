import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany, type TestCompany } from '../harness/factories.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const yarn = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  name: `Cotton yarn 30s combed ${sku}`,
  unit: 'kg',
  price: '265.50',
  currency: 'INR',
  hsnCode: '5205',
  commodityCode: 'cotton-yarn',
  ...extra,
});

async function linkedPair(label: string): Promise<{ buyer: TestCompany; supplier: TestCompany; linkId: string }> {
  const buyer = await createCompany(app, `${label}Buyer`);
  const supplier = await createCompany(app, `${label}Supplier`);
  const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  return { buyer, supplier, linkId: link.id };
}

describe('products', () => {
  it('creates a product with a decimal price and the HSN GST rate, SKU unique per supplier whatever its case', async () => {
    const supplier = await createCompany(app, 'Cat');
    const product = await supplier.members.staff.caller.catalog.products.create(yarn('YRN-30C'));
    expect(product).toMatchObject({
      sku: 'YRN-30C',
      price: '265.5000',
      currency: 'INR',
      unit: 'kg',
      gstRate: '5.00',
      active: true,
      version: 1,
    });
    const taken = await failure(supplier.members.staff.caller.catalog.products.create(yarn('yrn-30c')));
    expect([taken.code, taken.reason]).toEqual(['CONFLICT', 'SKU_TAKEN']);
    const other = await createCompany(app, 'Cat2');
    await other.members.staff.caller.catalog.products.create(yarn('YRN-30C'));
  });

  it('names the field for a float-like or negative price and for unknown master data, writing nothing', async () => {
    const supplier = await createCompany(app, 'Bad');
    const before = await countRows(app, 'audit_log');
    expect(
      fieldErrors(await failure(supplier.members.staff.caller.catalog.products.create(yarn('A', { price: '1e3' })))).price,
    ).toBeDefined();
    expect(
      fieldErrors(await failure(supplier.members.staff.caller.catalog.products.create(yarn('A', { price: '-5' })))).price,
    ).toBeDefined();
    expect(
      fieldErrors(await failure(supplier.members.staff.caller.catalog.products.create(yarn('A', { unit: 'furlong' })))).unit?.[0],
    ).toContain('unknown unit');
    expect(
      fieldErrors(await failure(supplier.members.staff.caller.catalog.products.create(yarn('A', { hsnCode: '9999' })))).hsnCode?.[0],
    ).toContain('unknown HSN');
    expect(await countRows(app, 'audit_log')).toBe(before);
  });

  it('a buyer-only company has no catalog; a viewer cannot write', async () => {
    const buyer = await createCompany(app, 'OnlyBuys', { isSupplier: false });
    expect((await failure(buyer.members.owner.caller.catalog.products.create(yarn('X')))).reason).toBe('NOT_SUPPLIER');
    const supplier = await createCompany(app, 'View');
    expect((await failure(supplier.members.viewer.caller.catalog.products.create(yarn('X')))).code).toBe('FORBIDDEN');
  });

  it('updates with optimistic concurrency and audits before and after', async () => {
    const supplier = await createCompany(app, 'Upd');
    const product = await supplier.members.staff.caller.catalog.products.create(yarn('UPD-1'));
    const updated = await supplier.members.staff.caller.catalog.products.update({ productId: product.id, version: 1, price: '270' });
    expect(updated).toMatchObject({ price: '270.0000', version: 2 });
    expect(
      (await failure(supplier.members.staff.caller.catalog.products.update({ productId: product.id, version: 1, price: '1' }))).reason,
    ).toBe('STALE_VERSION');
    const [entry] = (await supplier.members.owner.caller.audit.list({ action: 'product.updated' })).items;
    expect(entry?.before).toMatchObject({ price: '265.5000' });
    expect(entry?.after).toMatchObject({ price: '270.0000' });
    const other = await createCompany(app, 'UpdOther');
    expect(
      (await failure(other.members.owner.caller.catalog.products.update({ productId: product.id, version: 2, price: '1' }))).code,
    ).toBe('NOT_FOUND');
  });
});

describe('browsing a supplier catalog', () => {
  it('is not found without a link, while pending, after a denial, and when blocked; visible once accepted', async () => {
    const { buyer, supplier, linkId } = await linkedPair('Vis');
    await supplier.members.staff.caller.catalog.products.create(yarn('VIS-1'));
    const browse = () => buyer.members.viewer.caller.catalog.browse({ supplierId: supplier.id });
    expect((await failure(browse())).code).toBe('NOT_FOUND'); // pending
    await supplier.members.manager.caller.partners.decide({ linkId, decision: 'deny' });
    expect((await failure(browse())).code).toBe('NOT_FOUND'); // denied
    await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    await supplier.members.manager.caller.partners.decide({ linkId, decision: 'accept' });
    const page = await browse();
    expect(page.supplierName).toBe(supplier.name);
    expect(page.items.map((p) => p.sku)).toEqual(['VIS-1']);
    await supplier.members.manager.caller.partners.block({ linkId });
    expect((await failure(browse())).code).toBe('NOT_FOUND'); // blocked
    const stranger = await createCompany(app, 'VisStranger');
    expect((await failure(stranger.members.owner.caller.catalog.browse({ supplierId: supplier.id }))).code).toBe('NOT_FOUND'); // no link
  });

  it('hides inactive products from buyers, searches words and SKU fragments, and pages by keyset', async () => {
    const { buyer, supplier, linkId } = await linkedPair('Srch');
    await supplier.members.manager.caller.partners.decide({ linkId, decision: 'accept' });
    const write = supplier.members.staff.caller.catalog.products;
    await write.create(yarn('SR-40C', { name: '40s combed cotton yarn', description: 'compact spun, for shirting' }));
    await write.create(yarn('SR-30K', { name: '30s carded cotton yarn' }));
    await write.create(yarn('SR-POP', { name: 'Poplin grey fabric', unit: 'm', hsnCode: '5208', commodityCode: 'grey-fabric' }));
    await write.create(yarn('SR-OLD', { name: 'Discontinued slub yarn', active: false }));
    const browse = (input: Record<string, unknown>) => buyer.members.viewer.caller.catalog.browse({ supplierId: supplier.id, ...input });

    expect((await browse({})).items.map((p) => p.sku)).toEqual(['SR-30K', 'SR-40C', 'SR-POP']);
    expect((await browse({ search: 'shirting' })).items.map((p) => p.sku)).toEqual(['SR-40C']);
    expect((await browse({ search: 'comb' })).items.map((p) => p.sku)).toEqual(['SR-40C']);
    expect((await browse({ search: 'sr-po' })).items.map((p) => p.sku)).toEqual(['SR-POP']);
    expect((await browse({ search: 'slub' })).items).toEqual([]);
    expect((await browse({ commodityCode: 'grey-fabric' })).items.map((p) => p.sku)).toEqual(['SR-POP']);

    const first = await browse({ limit: 2 });
    const second = await browse({ limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((p) => p.sku)).toEqual(['SR-30K', 'SR-40C', 'SR-POP']);
    expect(second.nextCursor).toBeNull();
    // The supplier's own list shows inactive products too.
    expect((await supplier.members.viewer.caller.catalog.products.list({})).items).toHaveLength(4);
  });
});

describe('CSV import', () => {
  const csv = [
    'sku,name,unit,price,hsn,commodity,min_order_quantity,active,description',
    'IMP-1,30s combed yarn,kg,265.50,5205,cotton-yarn,500,yes,"Compact, 30s"',
    'IMP-2,Poplin 60x60,m,92,5208,grey-fabric,1000,,',
    'IMP-3,Shankar-6 lint,candy,61500,5201,cotton-lint,,true,',
  ].join('\n');

  it('dry run reports what would change and writes nothing; apply creates; re-apply changes nothing', async () => {
    const supplier = await createCompany(app, 'Imp');
    const importer = supplier.members.staff.caller.catalog;
    const dry = await importer.import({ csv, dryRun: true });
    expect(dry).toEqual({ rows: 3, creates: 3, updates: 0, unchanged: 0, errors: [], applied: false });
    expect((await importer.products.list({})).items).toHaveLength(0);

    const applied = await importer.import({ csv, dryRun: false });
    expect(applied).toMatchObject({ creates: 3, applied: true });
    const products = (await importer.products.list({})).items;
    expect(products.find((p) => p.sku === 'IMP-1')).toMatchObject({
      description: 'Compact, 30s',
      minOrderQuantity: '500.000',
      price: '265.5000',
    });

    const again = await importer.import({ csv, dryRun: false });
    expect(again).toMatchObject({ creates: 0, updates: 0, unchanged: 3, applied: true });
    const changed = await importer.import({ csv: csv.replace('265.50', '270'), dryRun: false });
    expect(changed).toMatchObject({ creates: 0, updates: 1, unchanged: 2 });
  });

  it('a sheet without some columns changes only the columns it has: a price sync keeps a discontinued product off sale', async () => {
    const supplier = await createCompany(app, 'ImpSync');
    const importer = supplier.members.staff.caller.catalog;
    await importer.import({ csv, dryRun: false });
    const poplin = (await importer.products.list({})).items.find((p) => p.sku === 'IMP-2');
    if (!poplin) throw new Error('IMP-2 was not imported');
    await importer.products.update({ productId: poplin.id, version: poplin.version, active: false, description: 'Discontinued' });

    const priceSync = ['sku,name,unit,price', 'IMP-2,Poplin 60x60,m,95', 'IMP-9,New sateen,m,120'].join('\n');
    expect(await importer.import({ csv: priceSync, dryRun: false })).toMatchObject({ creates: 1, updates: 1, applied: true });
    const after = (await importer.products.list({})).items;
    expect(after.find((p) => p.sku === 'IMP-2')).toMatchObject({
      price: '95.0000',
      active: false,
      description: 'Discontinued',
      minOrderQuantity: '1000.000',
      hsnCode: '5208',
      commodityCode: 'grey-fabric',
    });
    // A product the sheet creates gets the defaults for what it leaves out.
    expect(after.find((p) => p.sku === 'IMP-9')).toMatchObject({ active: true, description: '', minOrderQuantity: '0.000' });
  });

  it('reports every bad row with its line and column, and applies nothing when any row is bad', async () => {
    const supplier = await createCompany(app, 'ImpBad');
    const bad = [
      'sku,name,unit,price,hsn',
      'OK-1,Good yarn,kg,100,5205',
      'BAD-1,Bad price,kg,ten,5205',
      'BAD-2,Bad unit,furlong,10,5205',
      'OK-1,Repeated,kg,100,5205',
      ',No sku,kg,1,',
    ].join('\n');
    const report = await supplier.members.staff.caller.catalog.import({ csv: bad, dryRun: false });
    expect(report.applied).toBe(false);
    expect([report.creates, report.updates, report.unchanged]).toEqual([1, 0, 0]);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'price'],
      [4, 'unit'],
      [5, 'sku'],
      [6, 'sku'],
    ]);
    expect((await supplier.members.staff.caller.catalog.products.list({})).items).toHaveLength(0);
  });

  it('refuses a file with missing or unknown columns, naming them', async () => {
    const supplier = await createCompany(app, 'ImpCols');
    const error = await failure(supplier.members.staff.caller.catalog.import({ csv: 'sku,title,price\nA,B,1', dryRun: true }));
    expect(fieldErrors(error).csv?.[0]).toMatch(/missing column\(s\): name, unit; unknown column\(s\): title/);
  });
});

describe('master data', () => {
  it('lists units, HSN codes with GST rates and commodities with quality parameters', async () => {
    const company = await createCompany(app, 'Masters');
    const masters = await company.members.viewer.caller.catalog.masters();
    expect(masters.units.map((u) => u.code)).toContain('candy');
    expect(masters.hsnCodes.find((h) => h.code === '5205')?.gstRate).toBe('5.00');
    const lint = masters.commodities.find((c) => c.code === 'cotton-lint');
    expect(((lint?.qualityParameters ?? []) as { key: string }[]).map((p) => p.key)).toEqual([
      'staple_mm',
      'micronaire',
      'strength_gpt',
      'trash_pct',
      'moisture_pct',
    ]);
  });
});

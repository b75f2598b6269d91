import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../server/src/lib/csv.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { parseCsv } from '../harness/csv.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

function exportUrl(name: string, filters: unknown = {}) {
  return `${http.url}/exports/${name}.csv?input=${encodeURIComponent(JSON.stringify(filters))}`;
}
const withSession = (token: string) => ({ headers: { cookie: `tl_session=${token}` } });

describe('csv cells', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const formula of ['=1+1', '+91', '-2', '@SUM(A1)', '\tTAB']) expect(csvCell(formula)).toBe(`'${formula}`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell(null)).toBe('');
  });
});

describe('CSV export of lists', () => {
  it('holds exactly the orders the list shows for the same filter', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'CsvOrders');
    const staff = buyer.members.staff.caller;
    for (let i = 0; i < 3; i++) {
      const draft = await staff.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
      if (i < 2) await staff.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
    }
    const filters = { side: 'purchase' as const, status: 'submitted' as const };
    const list = await buyer.members.viewer.caller.orders.list({ ...filters, limit: 100 });
    expect(list.items).toHaveLength(2);

    const response = await fetch(exportUrl('orders', filters), withSession(buyer.members.viewer.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual(['Number', 'Partner', 'Status', 'Order date', 'Currency', 'Total', 'Created at']);
    expect(rows).toEqual(list.items.map((o) => [o.number, o.partnerName, o.status, o.orderDate, o.currency, o.total, o.createdAt]));
  });

  it('quotes names with commas and quotes, and defuses a product named like a formula', async () => {
    const co = await createCompany(app, 'CsvQuote');
    await co.members.staff.caller.catalog.products.create({ sku: 'Q1', name: 'Yarn, "combed"', unit: 'kg', price: '10', currency: 'INR' });
    await co.members.staff.caller.catalog.products.create({
      sku: 'Q2',
      name: '=HYPERLINK("http://evil")',
      unit: 'kg',
      price: '10',
      currency: 'INR',
    });
    const response = await fetch(exportUrl('catalog'), withSession(co.members.viewer.token));
    const text = await response.text();
    expect(text).toContain('"Yarn, ""combed"""');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const names = parseCsv(text)
      .slice(1)
      .map((row) => row[1]);
    expect(names.sort()).toEqual([`'=HYPERLINK("http://evil")`, 'Yarn, "combed"']);
  });

  it('streams a large list complete: 2,000 products in 20 keyset pages', async () => {
    const co = await createCompany(app, 'CsvLarge');
    const lines = Array.from({ length: 2000 }, (_, i) => `BULK-${String(i).padStart(4, '0')},Bulk item ${i},kg,${i + 1}`);
    const report = await co.members.admin.caller.catalog.import({ csv: ['sku,name,unit,price', ...lines].join('\n'), dryRun: false });
    expect(report.creates).toBe(2000);
    const response = await fetch(exportUrl('catalog', { search: 'bulk' }), withSession(co.members.viewer.token));
    const rows = parseCsv(await response.text()).slice(1);
    expect(rows).toHaveLength(2000);
    expect(new Set(rows.map((row) => row[0])).size).toBe(2000);
  });

  it('exports partners, work orders and the audit log with their list filters', async () => {
    const { buyer, supplier } = await tradingPair(app, 'CsvMore');
    await supplier.members.staff.caller.production.workOrders.create({
      description: 'CsvMore run',
      quantity: '5',
      unit: 'kg',
      operations: [{ name: 'Spin' }],
    });
    const token = supplier.members.manager.token;
    const partners = parseCsv(await (await fetch(exportUrl('partners', { view: 'linked' }), withSession(token))).text());
    expect(partners.slice(1).map((row) => row[0])).toEqual([buyer.name]);
    const workOrders = parseCsv(await (await fetch(exportUrl('work-orders', { status: 'planned' }), withSession(token))).text());
    expect(workOrders.slice(1).map((row) => row[1])).toEqual(['CsvMore run']);
    const audit = await supplier.members.manager.caller.audit.list({ entityType: 'work_order', limit: 100 });
    const auditCsv = parseCsv(await (await fetch(exportUrl('audit', { entityType: 'work_order' }), withSession(token))).text());
    expect(auditCsv.slice(1).map((row) => row[1])).toEqual(audit.items.map((a) => a.action));
  });

  it('gives a foreign company none of our rows, and answers API keys by their scopes', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'CsvTenant');
    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const stranger = await createCompany(app, 'CsvStranger');
    const theirs = await (await fetch(exportUrl('orders', { side: 'purchase' }), withSession(stranger.members.owner.token))).text();
    expect(parseCsv(theirs)).toHaveLength(1);
    expect(theirs).not.toContain(draft.buyerNumber);
    const catalog = await (await fetch(exportUrl('catalog'), withSession(stranger.members.owner.token))).text();
    expect(catalog).not.toContain('Y30');

    const { key } = await buyer.members.admin.caller.apiKeys.create({ name: 'ERP', scopes: ['orders:read'] });
    const byKey = await fetch(exportUrl('orders', { side: 'purchase' }), { headers: { authorization: `Bearer ${key}` } });
    expect(byKey.status).toBe(200);
    expect(await byKey.text()).toContain(draft.buyerNumber);
    expect((await fetch(exportUrl('audit'), { headers: { authorization: `Bearer ${key}` } })).status).toBe(403);
  });

  it('refuses no session with 401, a bad filter with 400 naming the field, an unknown list with 404', async () => {
    const co = await createCompany(app, 'CsvBad');
    expect((await fetch(exportUrl('orders', { side: 'purchase' }))).status).toBe(401);
    const bad = await fetch(exportUrl('orders', { side: 'sideways' }), withSession(co.members.viewer.token));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^Invalid input — side: /);
    const garbled = await fetch(`${http.url}/exports/orders.csv?input=%7Bnot-json`, withSession(co.members.viewer.token));
    expect(garbled.status).toBe(400);
    expect((await fetch(exportUrl('salaries'), withSession(co.members.viewer.token))).status).toBe(404);
    // A viewer may not read the audit log, so may not export it either.
    expect((await fetch(exportUrl('audit'), withSession(co.members.viewer.token))).status).toBe(403);
  });
});

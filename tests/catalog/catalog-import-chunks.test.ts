import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { countRows, createCompany, type TestCompany } from '../harness/factories.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

function productsCsv(count: number, sku = (i: number) => `CH-${i}`, price = '100'): string {
  const rows = Array.from({ length: count }, (_, i) => `${sku(i)},Chunked yarn ${i},kg,${price}`);
  return ['sku,name,unit,price', ...rows].join('\n');
}

const isProductInsert = (node: RootOperationNode) => node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'products';

/** Watches (and optionally fails) the statements a server started on it sends to the database. */
async function watchedServer(options: { failOnProductInsert?: number } = {}) {
  let productInserts = 0;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      if (isProductInsert(node)) {
        productInserts++;
        if (productInserts === options.failOnProductInsert) throw new Error('injected failure in a later chunk');
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  const http = await app.startHttp({ db: app.db.withPlugin(plugin) });
  return { http, productInserts: () => productInserts };
}

async function importOverHttp(baseUrl: string, company: TestCompany, csv: string) {
  const response = await fetch(`${baseUrl}/trpc/catalog.import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://tradeloom.test', cookie: `tl_session=${company.members.owner.token}` },
    body: JSON.stringify({ csv, dryRun: false }),
  });
  return { status: response.status, body: await response.json() };
}

describe('CSV import of many rows', () => {
  it('writes 1,200 rows with a few multi-row statements, not one per row', async () => {
    const supplier = await createCompany(app, 'Chunks');
    const server = await watchedServer();
    try {
      const result = await importOverHttp(server.http.url, supplier, productsCsv(1200));
      expect(result.body.result.data).toMatchObject({ creates: 1200, applied: true });
      expect(server.productInserts()).toBeLessThanOrEqual(5);
    } finally {
      await server.http.close();
    }
    const { items } = await supplier.members.viewer.caller.catalog.products.list({ search: 'CH-1199' });
    expect(items.map((p) => p.sku)).toEqual(['CH-1199']);
  });

  it('updates known SKUs whatever their case, keeps their spelling and bumps their version once', async () => {
    const supplier = await createCompany(app, 'ChunkUpd');
    const importer = supplier.members.staff.caller.catalog;
    await importer.import({ csv: productsCsv(300), dryRun: false });
    const report = await importer.import({ csv: productsCsv(300, (i) => `ch-${i}`, '120'), dryRun: false });
    expect(report).toMatchObject({ creates: 0, updates: 300, applied: true });
    const rows = await app.db.selectFrom('products').select(['sku', 'price', 'version']).where('company_id', '=', supplier.id).execute();
    expect(rows).toHaveLength(300);
    expect(rows.every((row) => row.sku.startsWith('CH-') && Number(row.price) === 120 && row.version === 2)).toBe(true);
  });

  it('a failure in a later chunk leaves nothing written: no product, no audit row', async () => {
    const supplier = await createCompany(app, 'ChunkFail');
    const auditBefore = await countRows(app, 'audit_log');
    const server = await watchedServer({ failOnProductInsert: 3 });
    try {
      const result = await importOverHttp(server.http.url, supplier, productsCsv(1200));
      expect(result.status).toBe(500);
      expect(server.productInserts()).toBe(3);
    } finally {
      await server.http.close();
    }
    const products = await app.db.selectFrom('products').select('id').where('company_id', '=', supplier.id).execute();
    expect(products).toHaveLength(0);
    expect(await countRows(app, 'audit_log')).toBe(auditBefore);
  });
});

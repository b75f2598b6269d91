import { dec, PRODUCT_SORT_KEYS, type ProductSortKey } from '@tradeloom/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// Our catalog is sorted by the server: every page must continue exactly where the last one ended,
// for every sort key, both ways, even when many products share the key.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

type Row = { id: string; sku: string; name: string; price: string; updatedAt: string };

/** Ascending comparison of two rows on the key the list was sorted by (ties are equal). */
function compareOn(key: ProductSortKey, a: Row, b: Row): number {
  switch (key) {
    case 'name':
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    case 'sku':
      return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
    case 'price':
      return dec(a.price).comparedTo(dec(b.price));
    case 'updated':
      return Date.parse(a.updatedAt) - Date.parse(b.updatedAt);
  }
}

/** A supplier with nine products that tie on name, price and update time. */
async function supplierWithTies(label: string): Promise<TestCompany> {
  const supplier = await createCompany(app, label);
  const names = ['Yarn B', 'Yarn A', 'Yarn B', 'Yarn C', 'Yarn A', 'Yarn B', 'Yarn A', 'Yarn C', 'Yarn B'];
  const prices = ['100', '250.50', '100', '250.50', '99.99', '100', '250.50', '1000', '99.99'];
  for (const [i, name] of names.entries()) {
    await supplier.members.staff.caller.catalog.products.create({
      sku: `S-${label}-${i}`,
      name,
      unit: 'kg',
      price: prices[i] ?? '1',
      currency: 'INR',
    });
  }
  // Two update times, each shared by several products.
  await sql`update products set updated_at = timestamptz '2026-01-01T00:00:00Z' + (ascii(right(id::text, 1)) % 2) * interval '1 day' where company_id = ${supplier.id}`.execute(
    app.db,
  );
  return supplier;
}

describe('sorting our catalog on the server', () => {
  it('pages by every sort key both ways with no product skipped or repeated across pages of ties', { timeout: 120_000 }, async () => {
    const supplier = await supplierWithTies('CatSort');
    const list = supplier.members.viewer.caller.catalog.products.list;
    for (const sort of PRODUCT_SORT_KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = await list({ sort, sortDirection: direction, limit: 100 });
        expect(whole.items).toHaveLength(9);
        for (const [i, row] of whole.items.entries()) {
          const previous = whole.items[i - 1];
          if (previous)
            expect(compareOn(sort, previous, row) * (direction === 'asc' ? 1 : -1), `${sort} ${direction}`).toBeLessThanOrEqual(0);
        }
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ sort, sortDirection: direction, limit: 2, cursor });
          paged.push(...page.items.map((p) => p.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, `${sort} ${direction}`).toEqual(whole.items.map((p) => p.id));
      }
    }
  });

  it('keeps the search while sorting: the dearest matching product first', { timeout: 60_000 }, async () => {
    const supplier = await supplierWithTies('CatSortSearch');
    const page = await supplier.members.viewer.caller.catalog.products.list({ search: 'Yarn A', sort: 'price', sortDirection: 'desc' });
    expect(page.items.map((p) => [p.name, p.price])).toEqual([
      ['Yarn A', '250.5000'],
      ['Yarn A', '250.5000'],
      ['Yarn A', '99.9900'],
    ]);
  });

  it('refuses an unknown sort column or direction, naming the field', async () => {
    const supplier = await createCompany(app, 'CatSortBad');
    const list = supplier.members.viewer.caller.catalog.products.list as (input: unknown) => Promise<unknown>;
    expect(Object.keys(fieldErrors(await failure(list({ sort: 'company_id' }))))).toEqual(['sort']);
    expect(Object.keys(fieldErrors(await failure(list({ sortDirection: 'sideways' }))))).toEqual(['sortDirection']);
  });

  it('a cursor naming another company’s product positions nothing', { timeout: 60_000 }, async () => {
    const ours = await supplierWithTies('CatSortOurs');
    const theirs = await supplierWithTies('CatSortTheirs');
    const first = await theirs.members.viewer.caller.catalog.products.list({ sort: 'price', limit: 1 });
    const page = await ours.members.viewer.caller.catalog.products.list({ sort: 'price', cursor: first.nextCursor ?? undefined });
    expect(page.items).toEqual([]);
  });
});

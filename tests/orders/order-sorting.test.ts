import { dec, ORDER_SORT_KEYS, type OrderSortKey } from '@tradeloom/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from './order-fixtures.ts';

// Sorting is done by the server on the paged list: every page must continue exactly where the last
// one ended for every sort key, both ways, even when many rows share the key.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

type Row = { id: string; number: string | null; orderDate: string; partnerName: string; total: string };

/** Ascending comparison of two rows on the key the list was sorted by (ties are equal). */
function compareOn(key: OrderSortKey, a: Row, b: Row): number {
  switch (key) {
    case 'total':
      return dec(a.total).comparedTo(dec(b.total));
    case 'orderDate':
      return a.orderDate.localeCompare(b.orderDate);
    case 'number':
      return (a.number ?? '').localeCompare(b.number ?? '');
    case 'partner':
      return a.partnerName.localeCompare(b.partnerName);
    case 'created':
      return 0;
  }
}

/** A buyer with two suppliers and nine orders that tie on total, date and partner. */
async function buyerWithTies() {
  const { buyer, supplier: first, product } = await tradingPair(app, 'SortA');
  const second = await createCompany(app, 'SortB');
  const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: second.id });
  await second.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
  const create = (supplierId: string, quantity: string) =>
    buyer.members.staff.caller.orders.create({
      supplierId,
      lines:
        supplierId === first.id
          ? [{ ...yarnLine(product.id), quantity }]
          : [{ description: 'Freight', quantity, unit: 'pcs', unitPrice: '265.50' }],
    });
  for (const quantity of ['1', '2', '2', '1', '3']) await create(first.id, quantity);
  for (const quantity of ['2', '1', '2', '3']) await create(second.id, quantity);
  // Three dates, each shared by several orders.
  await sql`update orders set order_date = order_date - (ascii(right(id::text, 1)) % 3) where buyer_company_id = ${buyer.id}`.execute(
    app.db,
  );
  return buyer;
}

describe('sorting the orders list on the server', () => {
  it('pages by every sort key both ways with no order skipped or repeated across pages of ties', { timeout: 120_000 }, async () => {
    const buyer = await buyerWithTies();
    const list = buyer.members.viewer.caller.orders.list;
    for (const sort of ORDER_SORT_KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = await list({ side: 'purchase', sort, sortDirection: direction, limit: 100 });
        expect(whole.items).toHaveLength(9);
        for (const [i, row] of whole.items.entries()) {
          const previous = whole.items[i - 1];
          if (previous)
            expect(compareOn(sort, previous, row) * (direction === 'asc' ? 1 : -1), `${sort} ${direction}`).toBeLessThanOrEqual(0);
        }
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ side: 'purchase', sort, sortDirection: direction, limit: 2, cursor });
          paged.push(...page.items.map((o) => o.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, `${sort} ${direction}`).toEqual(whole.items.map((o) => o.id));
      }
    }
  });

  it('keeps filters while sorting: the largest order of one supplier first', { timeout: 60_000 }, async () => {
    const buyer = await buyerWithTies();
    const all = await buyer.members.viewer.caller.orders.list({ side: 'purchase', limit: 100 });
    const partnerId = all.items.find((o) => o.partnerName.startsWith('SortB'))?.partnerId;
    const page = await buyer.members.viewer.caller.orders.list({
      side: 'purchase',
      partnerId,
      sort: 'total',
      sortDirection: 'desc',
      limit: 100,
    });
    expect(page.items.map((o) => o.total)).toEqual(['796.50', '531.00', '531.00', '265.50']);
  });

  it('refuses an unknown sort column or direction, naming the field', async () => {
    const buyer = await createCompany(app, 'SortBad');
    const list = buyer.members.viewer.caller.orders.list as (input: unknown) => Promise<unknown>;
    expect(Object.keys(fieldErrors(await failure(list({ side: 'purchase', sort: 'buyer_company_id' }))))).toEqual(['sort']);
    expect(Object.keys(fieldErrors(await failure(list({ side: 'purchase', sortDirection: 'sideways' }))))).toEqual(['sortDirection']);
  });

  it('a cursor naming another company’s order positions nothing', { timeout: 120_000 }, async () => {
    const buyer = await buyerWithTies();
    const other = await buyerWithTies();
    const theirs = await other.members.viewer.caller.orders.list({ side: 'purchase', sort: 'total', limit: 1 });
    const page = await buyer.members.viewer.caller.orders.list({ side: 'purchase', sort: 'total', cursor: theirs.nextCursor ?? undefined });
    expect(page.items).toEqual([]);
  });
});

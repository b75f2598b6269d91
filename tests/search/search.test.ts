import { SEARCH_TERM_MAX, type SearchResults } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

/** A buyer and supplier with a submitted order, a product and a work order on the supplier's side. */
async function tradingWorld(label: string) {
  const { buyer, supplier, product } = await tradingPair(app, label);
  const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  const order = await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
  const workOrder = await supplier.members.staff.caller.production.workOrders.create({
    description: `${label} dyeing run`,
    quantity: '500',
    unit: 'kg',
    operations: [{ name: 'Dyeing' }],
  });
  return { buyer, supplier, product, order, workOrder };
}

const titles = (result: SearchResults, kind: string) => result.groups.find((group) => group.kind === kind)?.hits ?? [];

describe('global search', () => {
  it('finds an order by its own number on each side and opens the order', async () => {
    const { buyer, supplier, order } = await tradingWorld('SrchNum');
    const asBuyer = await buyer.members.viewer.caller.search.global({ term: order.buyerNumber ?? '' });
    expect(titles(asBuyer, 'order')).toEqual([expect.objectContaining({ title: order.buyerNumber, path: `/orders/${order.id}` })]);
    const asSupplier = await supplier.members.viewer.caller.search.global({ term: order.supplierNumber ?? '' });
    expect(titles(asSupplier, 'order').map((hit) => hit.path)).toEqual([`/orders/${order.id}`]);
  });

  it('finds orders by partner name, and the partner itself', async () => {
    const { buyer, supplier, order } = await tradingWorld('SrchPartner');
    const result = await buyer.members.staff.caller.search.global({ term: supplier.name.toUpperCase() });
    expect(titles(result, 'order').map((hit) => hit.path)).toContain(`/orders/${order.id}`);
    expect(titles(result, 'partner')).toEqual([
      expect.objectContaining({ title: supplier.name, path: `/partners/${supplier.id}/catalog` }),
    ]);
  });

  it('finds own products by name, SKU and HSN, and work orders by number and description', async () => {
    const { supplier, product, workOrder } = await tradingWorld('SrchProd');
    for (const term of ['combed', 'y30', '5205']) {
      const result = await supplier.members.viewer.caller.search.global({ term });
      expect(
        titles(result, 'product').map((hit) => hit.id),
        term,
      ).toEqual([product.id]);
    }
    const byNumber = await supplier.members.viewer.caller.search.global({ term: workOrder.number });
    expect(titles(byNumber, 'work_order').map((hit) => [hit.id, hit.path])).toEqual([[workOrder.id, `/production/${workOrder.id}`]]);
    const byText = await supplier.members.viewer.caller.search.global({ term: 'SrchProd dyeing' });
    expect(titles(byText, 'work_order').map((hit) => hit.id)).toEqual([workOrder.id]);
  });

  it('never shows another company anything: not its orders, products, partners or work orders', async () => {
    const { buyer, supplier, order, workOrder } = await tradingWorld('SrchTenant');
    const stranger = await createCompany(app, 'SrchStranger');
    for (const term of [
      order.buyerNumber ?? '',
      order.supplierNumber ?? '',
      supplier.name,
      buyer.name,
      'combed',
      'Y30',
      workOrder.number,
    ]) {
      const result = await stranger.members.owner.caller.search.global({ term });
      expect(
        result.groups.flatMap((group) => group.hits.map((hit) => hit.id)),
        term,
      ).not.toEqual(expect.arrayContaining([order.id]));
      expect(titles(result, 'work_order'), term).toEqual([]);
      expect(titles(result, 'product'), term).toEqual([]);
      expect(titles(result, 'partner'), term).toEqual([]);
    }
    // The buyer sees the supplier's order but not its products or work orders.
    const buyerView = await buyer.members.owner.caller.search.global({ term: 'Y30' });
    expect(titles(buyerView, 'product')).toEqual([]);
    expect(titles(await buyer.members.owner.caller.search.global({ term: workOrder.number }), 'work_order')).toEqual([]);
  });

  it('hides a draft from the partner until it is submitted', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'SrchDraft');
    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const asSupplier = await supplier.members.owner.caller.search.global({ term: buyer.name });
    expect(titles(asSupplier, 'order')).toEqual([]);
    const asBuyer = await buyer.members.owner.caller.search.global({ term: draft.buyerNumber ?? '' });
    expect(titles(asBuyer, 'order').map((hit) => hit.id)).toEqual([draft.id]);
  });

  it('treats % and _ as plain characters, not wildcards', async () => {
    const { supplier } = await tradingWorld('SrchWild');
    for (const term of ['%', '_', '\\'])
      expect(titles(await supplier.members.viewer.caller.search.global({ term }), 'product'), term).toEqual([]);
  });

  it('refuses an empty or overlong term, naming the field', async () => {
    const company = await createCompany(app, 'SrchBad');
    for (const term of ['   ', 'x'.repeat(SEARCH_TERM_MAX + 1)]) {
      const error = await failure(company.members.viewer.caller.search.global({ term }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(fieldErrors(error).term).toBeDefined();
    }
  });
});

import { auditPage, orderDetail, orderPage } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

// Any HTTP client reads the API: bare JSON in (`?input=<json>`), bare JSON out, no envelope;
// instants are ISO-8601 text and amounts decimal text, exactly as the output schemas declare.

let app: TestApp;
let http: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

async function get(apiKey: string, procedure: string, input: unknown): Promise<unknown> {
  const url = `${http.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { result: { data: unknown } };
  return body.result.data;
}

describe('plain-JSON wire', () => {
  it('answers orders.list, orders.get and audit.list as bare JSON that parses against their output schemas', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Wire');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const { key } = await buyer.members.admin.caller.apiKeys.create({ name: 'wire', scopes: ['orders:read', 'audit:read'] });
    const stored = await app.db.selectFrom('orders').select(['created_at', 'total']).where('id', '=', order.id).executeTakeFirstOrThrow();

    const list = orderPage.parse(await get(key, 'orders.list', { side: 'purchase' }));
    expect(list.items.map((item) => [item.id, item.createdAt, item.total])).toEqual([
      [order.id, stored.created_at.toISOString(), stored.total],
    ]);

    const detail = orderDetail.parse(await get(key, 'orders.get', { orderId: order.id }));
    expect([detail.createdAt, detail.total, detail.lines[0]?.unitPrice]).toEqual([
      stored.created_at.toISOString(),
      stored.total,
      '265.5000',
    ]);

    const audit = auditPage.parse(await get(key, 'audit.list', { entityType: 'order' }));
    expect(audit.items.map((entry) => entry.entityId)).toContain(order.id);
    expect(new Date(audit.items[0]?.occurredAt ?? '').getTime()).not.toBeNaN();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('notifications name the partner, the document and the amount', () => {
  it('a submitted PO reads "<buyer> sent PO-…, ₹2,78,775.00" and an acceptance names it back, each linking to the order', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'NoteText');
    // 1,000 kg at ₹265.50 plus 5% GST on yarn (HSN 5205) = ₹2,78,775.00.
    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    const sent = await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
    await app.runner.drain();
    const inbox = await supplier.members.viewer.caller.notifications.list({});
    expect(inbox.items.map((n) => [n.title, n.linkPath])).toContainEqual([
      `${buyer.name} sent ${sent.buyerNumber}, ₹2,78,775.00`,
      `/orders/${draft.id}`,
    ]);

    await supplier.members.manager.caller.orders.transition({ orderId: draft.id, action: 'accept', version: sent.version });
    await app.runner.drain();
    const buyerInbox = await buyer.members.viewer.caller.notifications.list({ unreadOnly: true });
    expect(buyerInbox.items.map((n) => [n.title, n.linkPath])).toContainEqual([
      `${supplier.name} accepted ${sent.buyerNumber}`,
      `/orders/${draft.id}`,
    ]);
  });
});

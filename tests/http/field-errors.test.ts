import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

// Over real HTTP: the error body names each field by its full path, so a screen can put line 2's
// quantity message under line 2's quantity input.
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

describe('field errors by path', () => {
  it("names a nested field (lines.1.quantity), not only its list, and keeps each field's own message", async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Paths');
    const response = await fetch(`${http.url}/trpc/orders.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://tradeloom.test', cookie: `tl_session=${buyer.members.staff.token}` },
      body: JSON.stringify({
        supplierId: supplier.id,
        lines: [yarnLine(product.id), { description: 'x'.repeat(501), quantity: '-5', unit: 'kg', unitPrice: '10' }],
      }),
    });
    const body = (await response.json()) as { error: { data: { code: string; fieldErrors: Record<string, string[]> } } };
    expect(response.status).toBe(400);
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['lines.1.description', 'lines.1.quantity']);
    expect(body.error.data.fieldErrors['lines.1.quantity']).toEqual(['must be more than zero']);
    expect(body.error.data.fieldErrors['lines.1.description']?.[0]).toMatch(/500/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { acceptedOrderWorld } from './finance-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('the finance test world', () => {
  it('is an accepted order of one line, nothing shipped yet', async () => {
    const world = await acceptedOrderWorld(app, 'Fixture');
    const order = await world.buyer.members.staff.caller.orders.get({ orderId: world.order.id });
    expect(order.status).toBe('accepted');
    expect(world.order.lines).toEqual([{ id: expect.any(String), quantity: '1000.000', unitPrice: '265.5000' }]);
  });
});

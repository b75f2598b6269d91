import { presentDemoLogins, seedDemoData } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

// Seeding hashes passwords and builds the whole network: minutes on a loaded machine.
describe('demo data', { timeout: 180_000 }, () => {
  it('seeds the demo network with orders in every common state and running production, once', async () => {
    const logins = await seedDemoData(app.deps);
    expect(logins?.map((l) => l.email)).toContain('owner@kovaispin.example');
    const statuses = await app.db
      .selectFrom('orders')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .orderBy('status')
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.status, s.count]))).toEqual({
      completed: 1,
      draft: 1,
      in_progress: 1,
      shipped: 1,
      submitted: 3,
    });
    const workOrders = await app.db.selectFrom('work_orders').select(['status', 'order_line_id']).orderBy('number').execute();
    expect(workOrders.map((w) => w.status)).toEqual(['in_progress', 'released']);
    expect(workOrders[0]?.order_line_id).not.toBeNull();
    // Every order is numbered by each party that can see it, and totals carry GST.
    const unnumbered = await app.db
      .selectFrom('orders')
      .select('id')
      .where('buyer_number', 'is', null)
      .where('created_by_side', '=', 'buyer')
      .execute();
    expect(unnumbered).toEqual([]);
    const taxed = await app.db.selectFrom('orders').select('tax').execute();
    expect(taxed.every((o) => Number(o.tax) > 0)).toBe(true);
    // A second start adds nothing, yet still finds every demo login to print.
    expect(await seedDemoData(app.deps)).toBeNull();
    expect(await presentDemoLogins(app.deps)).toEqual(logins);
  });

  it('lists only the demo logins that still exist', async () => {
    await app.db.updateTable('users').set({ email: 'kavita@elsewhere.example' }).where('email', '=', 'viewer@saurashtra.example').execute();
    const emails = (await presentDemoLogins(app.deps)).map((login) => login.email);
    expect(emails).toContain('owner@saurashtra.example');
    expect(emails).not.toContain('viewer@saurashtra.example');
  });
});

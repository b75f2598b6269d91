import { DEMO_PASSWORD, presentDemoLogins, seedDemoData } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

// Seeding hashes passwords and builds the whole network: minutes on a loaded machine.
describe('demo data', { timeout: 400_000 }, () => {
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
      // Three placed by hand, two from the awarded tender.
      submitted: 5,
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
    // Two cotton tenders from the mill: one open with both sealed quotes in, one awarded to both.
    const tenders = await app.db.selectFrom('tenders').select(['id', 'status', 'closes_at']).orderBy('number').execute();
    expect(tenders.map((t) => t.status)).toEqual(['awarded', 'open']);
    const open = tenders[1];
    expect(new Date(open?.closes_at ?? 0).getTime()).toBeGreaterThan(app.clock.now().getTime());
    const activeQuotes = await app.db
      .selectFrom('quotes')
      .select(['tender_id', 'supplier_company_id'])
      .where('status', '=', 'submitted')
      .execute();
    for (const tender of tenders) expect(activeQuotes.filter((q) => q.tender_id === tender.id)).toHaveLength(2);
    const awards = await app.db
      .selectFrom('tender_awards')
      .select(['order_id', 'quote_id'])
      .where('tender_id', '=', tenders[0]?.id ?? '')
      .execute();
    expect(new Set(awards.map((a) => a.order_id)).size).toBe(2);
    expect(new Set(awards.map((a) => a.quote_id)).size).toBe(2);
    const awardedOrders = await app.db
      .selectFrom('orders')
      .select(['buyer_number', 'supplier_number'])
      .where(
        'id',
        'in',
        awards.map((a) => a.order_id),
      )
      .execute();
    expect(awardedOrders.every((o) => o.buyer_number?.startsWith('PO-') && o.supplier_number?.startsWith('SO-'))).toBe(true);
    // The mill sees who quoted on the open tender, never a price (the sealed rule, through the API).
    await app.caller().auth.login({ email: 'owner@kovaispin.example', password: DEMO_PASSWORD });
    const mill = app.caller({ sessionToken: app.lastCookie() });
    const view = await mill.sourcing.tenders.get({ tenderId: open?.id ?? '' });
    if (view.side !== 'buyer') throw new Error('the mill should see the buyer view');
    expect(view.sealed).toBe(true);
    expect(view.quotes.map((q) => q.supplierName).sort()).toEqual(['Gondal Ginning Company', 'Saurashtra Cotton Traders']);
    expect(view.quotes.every((q) => q.terms === null)).toBe(true);
    expect(view.items[0]?.specification.map((spec) => spec.name)).toEqual(['Staple length', 'Micronaire', 'Trash', 'Moisture']);
    expect(view.clarifications.map((c) => Boolean(c.answer))).toEqual([true]);
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

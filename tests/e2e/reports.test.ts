import { readFile } from 'node:fs/promises';
import { calendarDate, dec } from '@tradeloom/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

/** Calls a procedure from inside the signed-in page, as the app does (same origin, its cookie): queries by GET, changes by POST. */
function call<T>(page: Page, path: string, input?: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  return page.evaluate(
    async ({ path, input, kind }) => {
      const response =
        kind === 'query'
          ? await fetch(`/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`)
          : await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const body = await response.json();
      if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
      return body.result.data;
    },
    { path, input, kind },
  ) as Promise<T>;
}

type Me = { activeCompany: { id: string; name: string } };
type Order = { id: string; version: number; total: string; buyerNumber: string };

describe('overview figures and reports in a real browser', () => {
  it('the overview figure opens the open-orders list showing the same value; the reports page draws a chart with its table and exports it as CSV', async () => {
    const supplierPage = await (await suite.browser.newContext()).newPage();
    await companyOwner(supplierPage, suite.url, 'owner@salem-spinners.example', 'Salem Spinners', true);
    const buyerContext = await suite.browser.newContext({ acceptDownloads: true });
    const buyer = await buyerContext.newPage();
    await companyOwner(buyer, suite.url, 'owner@tiruppur-knits.example', 'Tiruppur Knits', false);

    // Arranged through the API the screens use: a link, a product and two sent purchase orders.
    const supplier = (await call<Me>(supplierPage, 'auth.me', undefined, 'query')).activeCompany;
    const product = await call<{ id: string }>(supplierPage, 'catalog.products.create', {
      sku: 'SS-30',
      name: '30s combed yarn',
      unit: 'kg',
      price: '265.50',
      currency: 'INR',
      hsnCode: '5205',
    });
    const link = await call<{ id: string }>(buyer, 'partners.requestLink', { supplierId: supplier.id });
    await call(supplierPage, 'partners.decide', { linkId: link.id, decision: 'accept' });
    const orders: Order[] = [];
    for (const [orderDate, quantity] of [
      ['2026-10-05', '1000'],
      ['2026-11-02', '200'],
    ] as const) {
      const order = await call<Order>(buyer, 'orders.create', {
        supplierId: supplier.id,
        orderDate,
        lines: [{ productId: product.id, quantity, unit: 'kg', unitPrice: '265.50' }],
      });
      orders.push(await call<Order>(buyer, 'orders.transition', { orderId: order.id, action: 'submit', version: order.version }));
    }
    const [october, november] = orders as [Order, Order];
    const total = dec(october.total).plus(november.total).toFixed(2);

    // The overview's open purchase value is what the list it opens adds up to.
    await buyer.goto(suite.url);
    const figure = buyer.getByTestId('open-purchases');
    await figure.getByText('2 orders').waitFor();
    const [amount] = ((await figure.locator('p').nth(1).textContent()) ?? '').split(' · ');
    await figure.click();
    await buyer.waitForURL(/\/orders\?side=purchase&status=open/);
    const listTotals = buyer.getByTestId('order-totals');
    await listTotals.getByText(amount as string).waitFor();
    expect(await listTotals.textContent()).toMatch(/\b2 (matching )?orders\b/);

    // Reports: the chart and its table, then the same table as CSV.
    await buyer.getByRole('link', { name: 'Reports' }).click();
    const bySupplier = buyer.getByTestId('report-purchases-by-supplier');
    await bySupplier.getByRole('cell', { name: 'Salem Spinners' }).waitFor();
    expect(await bySupplier.locator('.recharts-surface').count()).toBe(1);
    expect(await bySupplier.locator('.recharts-bar-rectangle').count()).toBe(1);
    await bySupplier.getByRole('cell', { name: amount as string }).waitFor();
    const [download] = await Promise.all([
      buyer.waitForEvent('download'),
      bySupplier.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('purchases-by-supplier.csv');
    const csv = await readFile((await download.path()) as string, 'utf8');
    expect(csv).toBe(`Supplier,Orders,Currency,Total\r\nSalem Spinners,2,INR,${total}\r\n`);

    // A From date narrows every report to November's order; the URL keeps it.
    await buyer.getByLabel('From', { exact: true }).fill('2026-11-01');
    await buyer.waitForURL(/from=2026-11-01/);
    const byMonth = buyer.getByTestId('report-purchases-by-month');
    await byMonth.getByRole('cell', { name: '2026-10' }).waitFor({ state: 'detached' });
    await byMonth.getByRole('cell', { name: '2026-11' }).waitFor();
    // A To before From is refused next to the To box.
    await buyer.getByLabel('To', { exact: true }).fill('2026-10-01');
    await buyer.getByText('must not be before From').waitFor();
  }, 300_000);

  it('the due-this-week figure opens the orders list filtered to the same orders, with a chip that clears the filter', async () => {
    const supplierPage = await (await suite.browser.newContext()).newPage();
    await companyOwner(supplierPage, suite.url, 'owner@erode-mills.example', 'Erode Mills', true);
    const buyer = await (await suite.browser.newContext()).newPage();
    await companyOwner(buyer, suite.url, 'owner@karur-linens.example', 'Karur Linens', false);
    const supplier = (await call<Me>(supplierPage, 'auth.me', undefined, 'query')).activeCompany;
    const product = await call<{ id: string }>(supplierPage, 'catalog.products.create', {
      sku: 'EM-40',
      name: '40s carded yarn',
      unit: 'kg',
      price: '210.00',
      currency: 'INR',
      hsnCode: '5205',
    });
    const link = await call<{ id: string }>(buyer, 'partners.requestLink', { supplierId: supplier.id });
    await call(supplierPage, 'partners.decide', { linkId: link.id, decision: 'accept' });
    // Today in Kolkata is always in this week; a week later never is.
    const today = calendarDate(new Date(), 'Asia/Kolkata');
    const nextWeek = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const sent: Order[] = [];
    for (const [requestedDeliveryDate, quantity] of [
      [today, '120'],
      [nextWeek, '40'],
    ] as const) {
      const order = await call<Order>(buyer, 'orders.create', {
        supplierId: supplier.id,
        requestedDeliveryDate,
        lines: [{ productId: product.id, quantity, unit: 'kg', unitPrice: '210.00' }],
      });
      sent.push(await call<Order>(buyer, 'orders.transition', { orderId: order.id, action: 'submit', version: order.version }));
    }
    const [dueNow, dueLater] = sent as [Order, Order];

    await buyer.goto(suite.url);
    const figure = buyer.getByTestId('purchases-due');
    await figure.getByText('1 order').waitFor();
    const [amount] = ((await figure.locator('p').nth(1).textContent()) ?? '').split(' · ');
    expect(await buyer.getByTestId('purchases-late').textContent()).toContain('None late');
    await figure.click();
    await buyer.waitForURL(/\/orders\?side=purchase&due=thisWeek/);
    await buyer.getByTestId('filter-chip').getByText('Due this week').waitFor();
    await buyer.getByTestId(`order-${dueNow.buyerNumber}`).waitFor();
    expect(await buyer.getByTestId(`order-${dueLater.buyerNumber}`).count()).toBe(0);
    // The list's server-side totals count and add up the same one order the figure did.
    const listTotals = buyer.getByTestId('order-totals');
    await listTotals.getByText(amount as string).waitFor();
    expect(await listTotals.textContent()).toMatch(/\b1 (matching )?order\b/);

    // Clearing the chip shows every purchase order again and drops the filter from the address.
    await buyer.getByRole('button', { name: 'Clear filter: Due this week' }).click();
    await buyer.getByTestId(`order-${dueLater.buyerNumber}`).waitFor();
    expect(buyer.url()).not.toContain('due=');
    expect(await buyer.getByTestId('filter-chip').count()).toBe(0);
  }, 300_000);
});

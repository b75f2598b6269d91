import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner } from './browser.ts';

// Formats people read and lists that keep their place: lakh grouping in an en-US browser, filters
// and sort in the address (Back keeps them), rows that are links, and a work order's own page.

const suite = browserSuite({ beforeAll, afterAll });

/** Calls a procedure from inside the signed-in page (its cookie, its origin), as the app itself does. */
async function call<T>(page: Page, path: string, input: unknown, type: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const body = await page.evaluate(
    async ({ path, input, type }) => {
      const response =
        type === 'mutation'
          ? await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })
          : await fetch(input === undefined ? `/trpc/${path}` : `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
      return response.json();
    },
    { path, input, type },
  );
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data as T;
}

async function companyId(name: string): Promise<string> {
  const row = await suite.db.selectFrom('companies').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

type Order = { id: string; version: number; buyerNumber: string; supplierNumber: string | null };

describe('formats, sorting and list state in a real browser', () => {
  it('an en-US browser reads rupees in lakh/crore; filters survive Back; headings sort on the server; rows are links; a work order has its own page', {
    timeout: 300_000,
  }, async () => {
    const supplierContext = await suite.browser.newContext({ locale: 'en-US' });
    const supplier = await supplierContext.newPage();
    await companyOwner(supplier, suite.url, 'owner@coimbatore-spinning.example', 'Coimbatore Spinning', true);
    const buyerContext = await suite.browser.newContext({ locale: 'en-US' });
    const buyer = await buyerContext.newPage();
    await companyOwner(buyer, suite.url, 'owner@surat-weavers.example', 'Surat Weavers', false);
    expect(await buyer.evaluate(() => navigator.language)).toBe('en-US');

    // Arrange: a link and three purchase orders of different sizes.
    const link = await call<{ id: string }>(buyer, 'partners.requestLink', { supplierId: await companyId('Coimbatore Spinning') });
    await call(supplier, 'partners.decide', { linkId: link.id, decision: 'accept' });
    const supplierId = await companyId('Coimbatore Spinning');
    const orders: Order[] = [];
    for (const quantity of ['661500', '1200', '45000']) {
      orders.push(
        await call<Order>(buyer, 'orders.create', {
          supplierId,
          lines: [{ description: 'Raw cotton bales', quantity, unit: 'kg', unitPrice: '100', taxRate: '0' }],
        }),
      );
    }
    const [big, small, middle] = orders as [Order, Order, Order];

    // Lakh/crore whatever the browser's language; the totals row sums every matching order.
    await buyer.goto(`${suite.url}/orders?side=purchase`);
    const bigRow = buyer.getByTestId(`order-${big.buyerNumber}`);
    await bigRow.getByText('₹6,61,50,000.00').waitFor();
    await buyer.getByTestId('order-totals').getByText('₹7,07,70,000.00').waitFor();
    // Dates in the company's locale (an Indian company: en-IN, "30 Nov 2026"), not the browser's "Nov 30, 2026".
    expect(await bigRow.locator('td').nth(2).textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await buyer.getByLabel('From', { exact: true }).waitFor();
    await buyer.getByLabel('To', { exact: true }).waitFor();

    // Every row is a real link to its order.
    const links = buyer.locator('tbody a[href^="/orders/"]');
    expect(await links.count()).toBe(3);
    expect(await bigRow.locator('a').getAttribute('href')).toBe(`/orders/${big.id}`);

    // Sorting by total runs on the server and lives in the address; a second click flips it.
    await buyer.getByRole('link', { name: 'Total' }).click();
    await buyer.waitForURL(/sort=total&direction=asc/);
    await expect.poll(() => links.allTextContents(), { timeout: 20_000 }).toEqual([small.buyerNumber, middle.buyerNumber, big.buyerNumber]);
    await buyer.getByRole('link', { name: /Total/ }).click();
    await buyer.waitForURL(/sort=total&direction=desc/);
    await expect.poll(() => links.allTextContents(), { timeout: 20_000 }).toEqual([big.buyerNumber, middle.buyerNumber, small.buyerNumber]);

    // Filter, open the order, go Back: the filter is still applied and the list shows it.
    await buyer.getByRole('textbox', { name: 'Number' }).fill(middle.buyerNumber.slice(-6));
    await buyer.waitForURL(/q=/);
    await expect.poll(() => links.allTextContents(), { timeout: 20_000 }).toEqual([middle.buyerNumber]);
    await links.first().click();
    await buyer.getByRole('navigation', { name: 'Breadcrumb' }).getByText(middle.buyerNumber).waitFor();
    await buyer.getByTestId('order-total').getByText('₹45,00,000.00').waitFor();
    await buyer.goBack();
    expect(await buyer.getByRole('textbox', { name: 'Number' }).inputValue()).toBe(middle.buyerNumber.slice(-6));
    await expect.poll(() => links.allTextContents(), { timeout: 20_000 }).toEqual([middle.buyerNumber]);
    expect(buyer.url()).toMatch(/sort=total&direction=desc/);

    // A work order for the accepted sales order, opened from the board onto its own page.
    const sent = await call<Order>(buyer, 'orders.transition', { orderId: big.id, action: 'submit', version: big.version });
    const accepted = await call<Order>(supplier, 'orders.transition', { orderId: big.id, action: 'accept', version: sent.version });
    const [line] = await call<{ lineId: string }[]>(supplier, 'production.openOrderLines', undefined, 'query');
    const workOrder = await call<{ id: string; number: string }>(supplier, 'production.workOrders.create', {
      description: 'Carding and spinning',
      quantity: '20000',
      unit: 'kg',
      orderLineId: line?.lineId,
      operations: [{ name: 'Carding' }, { name: 'Spinning' }],
    });
    await supplier.goto(`${suite.url}/production`);
    await supplier.getByRole('link', { name: workOrder.number }).click();
    await supplier.waitForURL(`${suite.url}/production/${workOrder.id}`);
    await supplier.getByRole('heading', { name: `Work order ${workOrder.number}` }).waitFor();
    await supplier.getByText('Quantity: 20,000 kg').waitFor();
    expect(await supplier.getByRole('row', { name: /Spinning/ }).textContent()).toContain('20,000 kg');
    await supplier.getByRole('button', { name: 'Release' }).click();
    await supplier.getByTestId('work-order-status').getByText('released').waitFor();
    await supplier.getByRole('link', { name: accepted.supplierNumber ?? '' }).click();
    await supplier.waitForURL(`${suite.url}/orders/${big.id}`);
    await supplier.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Sales orders' }).waitFor();

    await supplierContext.close();
    await buyerContext.close();
  });
});

import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../harness/csv.ts';
import { GUJARAT, MAHARASHTRA } from '../orders/order-fixtures.ts';
import { browserSuite, companyOwner } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });
// Each test signs two companies up through the screens first: longer than the project's default.
const SLOW = 180_000;

/** Calls a procedure from inside the signed-in page, as the app itself would (same origin, its cookie). */
async function call<T>(page: Page, path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation'): Promise<T> {
  const body = await page.evaluate(
    async ({ path, input, kind }) => {
      const response =
        kind === 'query'
          ? await fetch(input === undefined ? `/trpc/${path}` : `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
          : await fetch(`/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return response.json();
    },
    { path, input, kind },
  );
  if (body.error) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data as T;
}

interface Summary {
  id: string;
  version: number;
  buyerNumber: string | null;
}

/**
 * A supplier and a buyer signed up through the screens, linked, and one submitted PO of
 * 100 kg at ₹630 + 5% GST = ₹66,150.00 (arranged through the API: the order screens have their own tests).
 */
async function submittedOrder(label: string) {
  const supplierPage = await (await suite.browser.newContext()).newPage();
  const supplierName = `${label} Spinning Mills`;
  await companyOwner(supplierPage, suite.url, `owner@${label.toLowerCase()}-mills.example`, supplierName, true);
  const buyerPage = await (await suite.browser.newContext({ acceptDownloads: true })).newPage();
  const buyerName = `${label} Knits`;
  await companyOwner(buyerPage, suite.url, `owner@${label.toLowerCase()}-knits.example`, buyerName, false);

  const supplier = await call<{ id: string }>(supplierPage, 'companies.current', undefined, 'query');
  const head = { name: 'HO', country: 'IN', isHeadOffice: true };
  await call(supplierPage, 'companies.branches.create', { ...head, gstin: GUJARAT });
  await call(buyerPage, 'companies.branches.create', { ...head, gstin: MAHARASHTRA });
  const link = await call<{ id: string }>(buyerPage, 'partners.requestLink', { supplierId: supplier.id });
  await call(supplierPage, 'partners.decide', { linkId: link.id, decision: 'accept' });
  const line = { description: 'Combed cotton yarn 30s', quantity: '100', unit: 'kg', unitPrice: '630', taxRate: '5' };
  const draft = await call<Summary>(buyerPage, 'orders.create', { supplierId: supplier.id, lines: [line] });
  const order = await call<Summary>(buyerPage, 'orders.transition', { orderId: draft.id, action: 'submit', version: draft.version });
  return { supplierPage, buyerPage, supplierName, buyerName, order: { ...order, number: order.buyerNumber ?? '' } };
}

describe('search, shortcuts, CSV export and notifications in a real browser', () => {
  it(
    'Ctrl-K finds an order by its number and opens it; ? lists the shortcuts; g p goes to partners',
    async () => {
      const { buyerPage: page, order } = await submittedOrder('Karur');
      await page.goto(`${suite.url}/`);
      // The header's search button is there once the signed-in layout (and its key listener) is.
      await page.getByRole('button', { name: 'Search' }).first().waitFor();
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: 'Search' });
      await dialog.getByRole('textbox').fill(order.number);
      await dialog.getByRole('option', { name: new RegExp(order.number) }).waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/orders/${order.id}`);
      await page.getByText(order.number).first().waitFor();

      await page.keyboard.press('?');
      const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      for (const label of ['Search', 'Go to Orders', 'Go to Partners', 'Go to Notifications'])
        await shortcuts.getByText(label).first().waitFor();
      await page.keyboard.press('Escape');
      await shortcuts.waitFor({ state: 'hidden' });

      // Typing in a field is not a shortcut: `/` lands in the box, the search dialog stays shut.
      await page.goto(`${suite.url}/orders`);
      // The list's number filter (labelled "Number" since the orders list keeps its filters in the address).
      const box = page.getByRole('textbox', { name: 'Number', exact: true });
      await box.fill('/');
      expect(await page.getByRole('dialog', { name: 'Search' }).count()).toBe(0);
      await page.locator('body').click({ position: { x: 5, y: 200 } });
      await page.keyboard.press('g');
      await page.keyboard.press('p');
      await page.waitForURL('**/partners');
    },
    SLOW,
  );

  it(
    'Export CSV downloads exactly the orders the list shows',
    async () => {
      const { buyerPage: page, order, supplierName } = await submittedOrder('Salem');
      await page.goto(`${suite.url}/orders`);
      await page.getByTestId(`order-${order.number}`).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = parseCsv(await readFile(await download.path(), 'utf8'));
      expect(rows[0]).toEqual(['Number', 'Partner', 'Status', 'Order date', 'Currency', 'Total', 'Created at']);
      const onScreen = await page
        // The order rows, not the totals row under them (`order-totals`): the CSV holds orders only.
        .locator('tr[data-testid^="order-"]:not([data-testid="order-totals"])')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
      expect(rows.slice(1).map((row) => `order-${row[0]}`)).toEqual(onScreen);
      expect(rows[1]?.slice(0, 3)).toEqual([order.number, supplierName, 'submitted']);
      expect(rows[1]?.[5]).toBe('66150.00');
    },
    SLOW,
  );

  it(
    'the supplier is told who sent which PO for how much; the notification opens it, and See all lists it',
    async () => {
      const { supplierPage: page, order, buyerName } = await submittedOrder('Erode');
      const text = `${buyerName} sent ${order.number}, ₹66,150.00`;
      await page.goto(`${suite.url}/`);
      // Two unread: the buyer's link request, then its order.
      const bell = page.getByRole('button', { name: 'Notifications, 2 unread' });
      await bell.waitFor({ timeout: 30_000 });
      await bell.click();
      await page.getByRole('link', { name: 'See all notifications' }).click();
      await page.waitForURL('**/notifications');
      const item = page.getByTestId('notification').filter({ hasText: text });
      await item.waitFor();
      await page.getByText('Unread (2)').waitFor();
      await item.getByRole('link', { name: text }).click();
      await page.waitForURL(`**/orders/${order.id}`);
      await page.getByText('Combed cotton yarn 30s').first().waitFor();

      // Opening it marked it read: the unread filter keeps only the link request.
      await page.goto(`${suite.url}/notifications?show=unread`);
      await page.getByText(`${buyerName} asked to link with you as a buyer`).waitFor();
      expect(await page.getByTestId('notification').filter({ hasText: text }).count()).toBe(0);
    },
    SLOW,
  );
});

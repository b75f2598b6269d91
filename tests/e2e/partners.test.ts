import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF } from '../harness/files.ts';
import { browserSuite, companyOwner as ownerAt } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

const companyOwner = (page: Page, email: string, company: string, supplier: boolean) => ownerAt(page, suite.url, email, company, supplier);

describe('partner network in a real browser', () => {
  it('a buyer finds a supplier and requests a link; the supplier is notified and accepts; the buyer sees it linked without reloading, then browses and searches the catalog', async () => {
    const supplierContext = await suite.browser.newContext();
    const supplier = await supplierContext.newPage();
    await companyOwner(supplier, 'owner@erode-yarns.example', 'Erode Yarns', true);

    const buyerContext = await suite.browser.newContext();
    const buyer = await buyerContext.newPage();
    await companyOwner(buyer, 'owner@ludhiana-knits.example', 'Ludhiana Knits', false);

    await buyer.goto(`${suite.url}/partners`);
    await buyer.getByRole('tab', { name: 'Find companies' }).click();
    await buyer.getByLabel('Name').fill('erode');
    const row = buyer.getByTestId('directory-Erode Yarns');
    await row.getByRole('button', { name: 'Request link' }).click();
    await buyer.getByRole('dialog').getByLabel('Message').fill('We knit 2,000 kg of 30s cotton a week.');
    await buyer.getByRole('dialog').getByRole('button', { name: 'Send request' }).click();
    await row.getByText('pending').waitFor();

    // The supplier's bell shows the request (jobs turn the event into a notification).
    await supplier.goto(`${suite.url}/partners`);
    await expect
      .poll(async () => (await supplier.getByRole('button', { name: /Notifications, 1 unread/ }).count()) > 0, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe(true);
    await supplier.getByRole('tab', { name: 'Requests to us' }).click();
    const request = supplier.getByTestId('link-Ludhiana Knits');
    await request.getByText('We knit 2,000 kg of 30s cotton a week.').waitFor();
    await request.getByRole('button', { name: 'Accept' }).click();
    await request.waitFor({ state: 'detached' });

    // The buyer's open Linked tab picks the change up by itself (a live update), no reload.
    await buyer.getByRole('tab', { name: 'Linked' }).click();
    await buyer.getByTestId('link-Erode Yarns').getByText('accepted', { exact: true }).waitFor({ timeout: 20_000 });

    // The supplier adds products (one inactive); the buyer sees the active ones and searches them.
    await supplier.goto(`${suite.url}/catalog`);
    for (const [sku, name, active] of [
      ['ER-30C', '30s combed cotton yarn', true],
      ['ER-40C', '40s combed cotton yarn', true],
      ['ER-OLD', 'Old slub yarn', false],
    ] as const) {
      await supplier.getByRole('button', { name: 'Add product' }).click();
      const dialog = supplier.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'SKU' }).fill(sku);
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
      await dialog.getByRole('textbox', { name: 'Price per unit' }).fill('250.5');
      if (!active) await dialog.getByLabel('Active (visible to linked buyers)').uncheck();
      await dialog.getByRole('button', { name: 'Add product' }).click();
      await supplier.getByTestId(`product-${sku}`).waitFor();
    }

    await buyer.getByTestId('link-Erode Yarns').getByRole('link', { name: 'Catalog' }).click();
    await buyer.getByRole('heading', { name: 'Erode Yarns — catalog' }).waitFor();
    await buyer.getByTestId('product-ER-30C').waitFor();
    expect(await buyer.getByTestId('product-ER-OLD').count()).toBe(0);
    await buyer.getByRole('textbox', { name: 'Search catalog' }).fill('40s');
    await buyer.getByTestId('product-ER-30C').waitFor({ state: 'detached' });
    await buyer.getByTestId('product-ER-40C').waitFor();

    // The buyer orders from the catalog and submits; the supplier accepts; the buyer's open order
    // page shows the new status without a reload.
    await buyer.goto(`${suite.url}/orders/new?side=purchase`);
    await buyer.getByPlaceholder('Choose a linked partner').click();
    await buyer.getByRole('option', { name: 'Erode Yarns' }).click();
    await buyer.getByPlaceholder('Free text line').click();
    await buyer.getByRole('option', { name: /ER-30C/ }).click();
    await buyer.getByRole('textbox', { name: 'Quantity of line 1' }).fill('2000');
    await buyer.getByRole('button', { name: 'Save draft' }).click();
    await buyer.getByRole('heading', { name: /^Purchase order PO-\d{4}-000001$/ }).waitFor();
    expect(await buyer.getByTestId('order-total').textContent()).toContain('₹5,01,000.00');
    // Still a draft: the buyer raises the quantity and attaches the yarn specification.
    await buyer.getByRole('link', { name: 'Edit draft' }).click();
    await buyer.getByRole('textbox', { name: 'Quantity of line 1' }).fill('2500');
    await buyer.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(async () => buyer.getByTestId('order-total').textContent(), { timeout: 10_000 }).toContain('₹6,26,250.00');
    await buyer.locator('input[type="file"]').setInputFiles({ name: 'yarn-spec.pdf', mimeType: 'application/pdf', buffer: PDF });
    await buyer.getByRole('button', { name: 'Attach', exact: true }).click();
    await buyer.getByTestId('file-yarn-spec.pdf').waitFor();
    await buyer.getByRole('button', { name: 'Submit' }).click();
    await buyer.getByText('submitted', { exact: true }).waitFor();

    await supplier.goto(`${suite.url}/orders?side=sales`);
    const totals = supplier.getByTestId('order-totals');
    await totals.getByText('₹6,26,250.00').waitFor();
    expect(await totals.textContent()).toContain('Total of 1 matching order');
    await supplier
      .getByTestId(/^order-SO-/)
      .first()
      .click();
    await supplier.getByTestId('file-yarn-spec.pdf').waitFor();
    await supplier.getByRole('button', { name: 'Accept' }).click();
    await supplier.getByText('accepted', { exact: true }).waitFor();
    await buyer.getByText('accepted', { exact: true }).waitFor({ timeout: 15_000 });
    const salesOrder = supplier.url();

    // The supplier plans production for the order (the work order starts from its line), runs it,
    // then starts and ships the order.
    await supplier.getByRole('link', { name: 'Plan production' }).click();
    const dialog = supplier.getByRole('dialog');
    await expect
      .poll(async () => dialog.getByRole('textbox', { name: 'What to make' }).inputValue())
      .toBe('30s combed cotton yarn for Ludhiana Knits');
    expect(await dialog.getByRole('textbox', { name: 'Quantity' }).inputValue()).toBe('2500');
    await dialog.getByRole('button', { name: 'Create work order' }).click();
    const card = supplier.getByTestId(/^wo-WO-/).first();
    await card.getByText(/for SO-\d{4}-000001/).waitFor();
    await card.getByRole('button', { name: 'Release' }).click();
    await card.getByRole('button', { name: 'Start' }).click();
    await card.getByRole('button', { name: 'Report progress' }).waitFor();
    await supplier.goto(salesOrder);
    await supplier.getByRole('button', { name: 'Start work' }).click();
    await supplier.getByText('in progress', { exact: true }).waitFor();
    await buyer.getByText('in progress', { exact: true }).waitFor({ timeout: 15_000 });
    await supplier.getByRole('button', { name: 'Mark shipped' }).click();
    await buyer.getByText('shipped', { exact: true }).waitFor({ timeout: 15_000 });
    await buyer.getByRole('button', { name: 'Confirm delivery' }).waitFor();
    await supplierContext.close();
    await buyerContext.close();
  });
});

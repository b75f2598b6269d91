import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The remaining lists keep their place like the orders list: catalog sort and filter survive opening
// a product and Back; the partners tab and search come from the address; the audit filter survives
// a reload; an unknown address says so and leads back to the overview.

const suite = browserSuite({ beforeAll, afterAll });

describe('lists that keep their place in the address', () => {
  it('catalog, partners, audit log and the not-found page', { timeout: 300_000 }, async () => {
    const mill = await apiCompany(suite, 'Lists Mill');
    const weaver = await apiCompany(suite, 'Lists Weaver');
    const owner = mill.members.owner;
    const product = (sku: string, name: string, price: string) =>
      owner.call<{ id: string }>('catalog.products.create', { sku, name, unit: 'kg', price, currency: 'INR' });
    await product('YRN-40', 'Yarn 40s combed', '310');
    const cheap = await product('YRN-20', 'Yarn 20s carded', '180');
    await product('YRN-30', 'Yarn 30s combed', '265');
    await product('FAB-01', 'Greige fabric', '95');
    await weaver.members.owner.call('partners.requestLink', { supplierId: mill.id, message: 'Weekly greige orders' });
    await owner.call('partners.addUnclaimed', { name: 'Kaveri Cotton Traders', country: 'IN', relationship: 'supplier' });
    await owner.call('partners.addUnclaimed', { name: 'Zenith Dyeing', country: 'IN', relationship: 'buyer' });

    // Catalog: filter, sort by price on the server, open a product, Back keeps both.
    const page = await pageAs(suite, owner, '/catalog');
    const names = page.locator('tbody a[href*="product="]');
    await page.getByRole('textbox', { name: 'Search products' }).fill('yarn');
    await page.waitForURL(/search=yarn/);
    await expect.poll(() => names.count(), { timeout: 20_000 }).toBe(3);
    await page.getByRole('link', { name: 'Price' }).click();
    await page.waitForURL(/sort=price&direction=asc/);
    await expect
      .poll(() => names.allTextContents(), { timeout: 20_000 })
      .toEqual(['Yarn 20s carded', 'Yarn 30s combed', 'Yarn 40s combed']);
    const price = page.getByTestId('product-YRN-20').locator('td').nth(2);
    expect(await price.evaluate((td) => getComputedStyle(td).textAlign)).toBe('right');
    await names.first().click();
    await page.waitForURL(new RegExp(`product=${cheap.id}`));
    const dialog = page.getByRole('dialog', { name: 'Edit product' });
    expect(await dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Yarn 20s carded');
    await page.goBack();
    await dialog.waitFor({ state: 'hidden' });
    expect(page.url()).toMatch(/search=yarn/);
    expect(page.url()).toMatch(/sort=price&direction=asc/);
    expect(await page.getByRole('textbox', { name: 'Search products' }).inputValue()).toBe('yarn');
    await expect
      .poll(() => names.allTextContents(), { timeout: 20_000 })
      .toEqual(['Yarn 20s carded', 'Yarn 30s combed', 'Yarn 40s combed']);

    // Partners: the overview's requests link opens the "Requests to us" tab, which the address names.
    await page.goto(`${suite.url}/`);
    expect(await page.getByRole('link', { name: /Partner requests to decide/ }).getAttribute('href')).toBe('/partners?tab=requests');
    await page.goto(`${suite.url}/partners?tab=requests`);
    expect(await page.getByRole('tab', { name: 'Requests to us' }).getAttribute('aria-selected')).toBe('true');
    await page.getByTestId(`link-${weaver.name}`).getByText('Weekly greige orders').waitFor();

    // A search in the address (as global search links it) filters the list and fills the box.
    await page.goto(`${suite.url}/partners?search=kaveri`);
    expect(await page.getByRole('tab', { name: 'Linked' }).getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('link-Kaveri Cotton Traders').waitFor();
    expect(await page.getByTestId('link-Zenith Dyeing').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Search partners' }).inputValue()).toBe('kaveri');

    // Audit log: the action filter survives a reload.
    await page.goto(`${suite.url}/audit`);
    await page.getByRole('textbox', { name: 'Action starts with' }).fill('product.');
    await page.waitForURL(/action=product/);
    const actions = page.locator('tbody tr');
    await expect.poll(() => actions.count(), { timeout: 20_000 }).toBe(4);
    await page.reload();
    expect(await page.getByRole('textbox', { name: 'Action starts with' }).inputValue()).toBe('product.');
    await expect.poll(() => actions.count(), { timeout: 20_000 }).toBe(4);
    // Oldest first on request: the first product created leads.
    await page.getByRole('link', { name: 'When' }).click();
    await page.waitForURL(/sort=time&direction=asc/);
    await expect.poll(() => actions.first().textContent(), { timeout: 20_000 }).toContain('YRN-40');

    // An unknown address says so and leads back to the overview.
    await page.goto(`${suite.url}/no-such-page`);
    await page.getByTestId('not-found').getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Back to the overview' }).click();
    await page.waitForURL(`${suite.url}/`);
    await page.context().close();
  });
});

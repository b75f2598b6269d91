import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUJARAT, MAHARASHTRA } from '../orders/order-fixtures.ts';
import { browserSuite, companyOwner } from './browser.ts';

// A buyer orders straight from a linked supplier's catalog: picks two products, gets a new order
// prefilled with them (surviving a reload), adds its terms, submits, and reads them on the order.
const suite = browserSuite({ beforeAll, afterAll });

/** Calls a procedure as the signed-in person (same origin, their cookie): arranging what earlier tests cover on screen. */
async function call<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const body = await page.evaluate(
    async ([procedure, json]) => {
      const response = await fetch(`/trpc/${procedure}`, {
        method: json === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      return response.json();
    },
    [path, input] as const,
  );
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data as T;
}

/** The company's GSTIN on its profile and a head office registered under it. */
async function register(page: Page, gstin: string) {
  const company = await call<{ id: string; version: number }>(page, 'companies.current');
  await call(page, 'companies.update', { companyId: company.id, version: company.version, taxId: gstin });
  await call(page, 'companies.branches.create', { name: 'Head office', country: 'IN', gstin, isHeadOffice: true });
  return company.id;
}

describe('ordering from a supplier catalog', () => {
  // Two companies signed up on screen, then the whole flow: minutes on a loaded machine.
  it('picks two products into a prefilled new order, which keeps its terms, ship-to and both GSTINs once submitted', {
    timeout: 300_000,
  }, async () => {
    const supplier = await (await suite.browser.newContext()).newPage();
    await companyOwner(supplier, suite.url, 'owner@surat-yarns.example', 'Surat Yarns', true);
    const supplierId = await register(supplier, GUJARAT);
    for (const [sku, name, price] of [
      ['SY-30', '30s combed cotton yarn', '265.5'],
      ['SY-40', '40s compact yarn', '301'],
      ['SY-60', '60s giza yarn', '540'],
    ])
      await call(supplier, 'catalog.products.create', { sku, name, unit: 'kg', price, currency: 'INR', hsnCode: '5205' });

    const buyer = await (await suite.browser.newContext()).newPage();
    await companyOwner(buyer, suite.url, 'owner@bhiwandi-looms.example', 'Bhiwandi Looms', false);
    await register(buyer, MAHARASHTRA);
    await call(buyer, 'companies.branches.create', {
      name: 'Weaving shed',
      addressLine: 'Gala 7, Kamatghar',
      city: 'Bhiwandi',
      state: 'Maharashtra',
      postalCode: '421302',
      country: 'IN',
      isHeadOffice: false,
    });
    const link = await call<{ id: string }>(buyer, 'partners.requestLink', { supplierId });
    await call(supplier, 'partners.decide', { linkId: link.id, decision: 'accept' });

    // Pick two of the three products; the second with its own quantity.
    await buyer.goto(`${suite.url}/partners/${supplierId}/catalog`);
    await buyer.getByRole('heading', { name: 'Surat Yarns — catalog' }).waitFor();
    await buyer.getByRole('checkbox', { name: 'Order SY-30' }).check();
    await buyer.getByRole('checkbox', { name: 'Order SY-60' }).check();
    await buyer.getByRole('textbox', { name: 'Quantity of SY-60' }).fill('250');
    await buyer.getByRole('link', { name: 'New order (2 products)' }).click();

    // The form opens with the supplier and both lines, and keeps them across a reload.
    const line = (n: number, field: string) => buyer.getByRole('textbox', { name: `${field} of line ${n}` });
    for (const reload of [false, true]) {
      if (reload) await buyer.reload();
      await expect.poll(() => line(2, 'Quantity').inputValue(), { timeout: 20_000 }).toBe('250');
      expect(await line(1, 'Description').inputValue()).toBe('30s combed cotton yarn');
      expect(await line(1, 'Unit price').inputValue()).toBe('265.5');
      expect(await line(2, 'Description').inputValue()).toBe('60s giza yarn');
      expect(await buyer.getByPlaceholder('Choose a linked partner').inputValue()).toBe('Surat Yarns');
    }

    const deliverBy = new Date(Date.now() + 21 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await buyer.getByLabel('Requested delivery').fill(deliverBy);
    await buyer.getByPlaceholder('Not agreed yet').click();
    await buyer.getByRole('option', { name: 'Net days (credit)' }).click();
    await buyer.getByRole('textbox', { name: 'Credit days' }).fill('45');
    await buyer.getByPlaceholder('Billing address').click();
    await buyer.getByRole('option', { name: 'Weaving shed, Bhiwandi' }).click();
    await buyer.getByRole('button', { name: 'Save draft' }).click();

    await buyer.getByRole('button', { name: 'Submit' }).click();
    await buyer.getByText('submitted', { exact: true }).first().waitFor();
    const term = (id: string) => buyer.getByTestId(id).textContent();
    const [year, , day] = deliverBy.split('-');
    await expect.poll(() => term('order-our-gstin')).toBe(MAHARASHTRA);
    expect(await term('order-partner-gstin')).toBe(GUJARAT);
    expect(await term('order-payment-terms')).toBe('Net 45 days');
    expect(await term('order-ship-to')).toContain('Weaving shed, Gala 7, Kamatghar, Bhiwandi');
    const delivery = await term('order-delivery-date');
    expect(delivery).toContain(year);
    expect(delivery).toContain(String(Number(day)));
  });

  it("a supplier's sales order ships to a branch of its linked buyer, picked on screen at 390 px", { timeout: 300_000 }, async () => {
    const supplier = await (await suite.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await companyOwner(supplier, suite.url, 'owner@tiruppur-knits.example', 'Tiruppur Knits', true);
    await register(supplier, GUJARAT);
    await call(supplier, 'catalog.products.create', {
      sku: 'TK-1',
      name: 'Single jersey',
      unit: 'kg',
      price: '410',
      currency: 'INR',
      hsnCode: '6006',
    });

    const buyer = await (await suite.browser.newContext()).newPage();
    await companyOwner(buyer, suite.url, 'owner@erode-garments.example', 'Erode Garments', false);
    await register(buyer, MAHARASHTRA);
    await call(buyer, 'companies.branches.create', {
      name: 'Cutting unit',
      addressLine: 'Shed 4, Perundurai Road',
      city: 'Erode',
      state: 'Tamil Nadu',
      postalCode: '638011',
      country: 'IN',
      isHeadOffice: false,
    });
    const supplierId = (await call<{ id: string }>(supplier, 'companies.current')).id;
    const link = await call<{ id: string }>(buyer, 'partners.requestLink', { supplierId });
    await call(supplier, 'partners.decide', { linkId: link.id, decision: 'accept' });

    await supplier.goto(`${suite.url}/orders/new?side=sales`);
    // No buyer yet, so no branches to offer.
    await supplier.getByPlaceholder('Choose a linked partner').click();
    expect(await supplier.getByPlaceholder('Billing address').count()).toBe(0);
    await supplier.getByRole('option', { name: /Erode Garments/ }).click();
    await supplier.getByPlaceholder('Free text line').click();
    await supplier.getByRole('option', { name: /TK-1/ }).click();
    await supplier.getByPlaceholder('Billing address').click();
    await supplier.getByRole('option', { name: 'Cutting unit, Erode' }).click();
    expect(await supplier.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await supplier.getByRole('button', { name: 'Save draft' }).click();

    await expect
      .poll(() => supplier.getByTestId('order-ship-to').textContent(), { timeout: 20_000 })
      .toContain('Cutting unit, Shed 4, Perundurai Road, Erode');
  });
});

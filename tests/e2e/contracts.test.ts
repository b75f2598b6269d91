import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The contracts screens: a trader that sold to a mill and bought from a ginner finds each deal under
// sales or purchases by its own number, and opens one to read everything the deal fixed.
const suite = browserSuite({ beforeAll, afterAll });

let trader: ApiCompany & { members: { viewer: ApiUser } };
let mill: ApiCompany;
let ginner: ApiCompany;
let sale: { contractId: string };
let purchase: { contractId: string };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const day = (days: number) => inDays(days).slice(0, 10);

/**
 * A deal made over the API: `owner` posts an offer on `side`, `other` proposes `terms` on it and
 * the owner accepts the first version.
 */
async function deal(owner: ApiUser, other: ApiUser, side: 'buy' | 'sell', terms: Record<string, unknown>) {
  const offer = await owner.call<{ id: string }>('tradedesk.offers.create', {
    side,
    commodity: 'cotton-lint',
    variety: 'shankar-6',
    quantity: '500',
    unit: 'bale',
    price: '56500',
    currency: 'INR',
    priceUnit: 'candy',
    validUntil: inDays(7),
    visibility: 'desk',
  });
  const opened = await other.call<{ id: string; version: number }>('tradedesk.negotiations.open', {
    offerId: offer.id,
    terms: { priceUnit: 'candy', currency: 'INR', unit: 'bale', ...terms },
  });
  return owner.call<{ contractId: string }>('tradedesk.negotiations.accept', { negotiationId: opened.id, version: opened.version });
}

/** Picks sales, purchases or all: the segment's label is what a person clicks. */
const roleFilter = (page: Page, label: string) =>
  page
    .getByRole('radiogroup', { name: 'Sales or purchases' })
    .locator('label')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();

/** The contract numbers the list shows, top to bottom. */
const listed = (page: Page) =>
  page.locator('[data-testid^="contract-"] a').evaluateAll((links) => links.map((link) => link.textContent?.trim() ?? ''));

beforeAll(async () => {
  trader = (await apiCompany(suite, 'Gondal Cotton Traders', ['viewer'])) as typeof trader;
  mill = await apiCompany(suite, 'Ahmedabad Spinners');
  // The trader sells 100 bales to the mill, with a broker, a tolerance, a schedule and the CCI terms.
  sale = await deal(trader.members.owner, mill.members.owner, 'sell', {
    price: '56000',
    quantity: '100',
    quality: { staple_mm: { min: '28.5', max: '30' } },
    quantityTolerancePct: '5',
    termsCode: 'cci-standard',
    paymentDays: 15,
    commission: { brokerName: 'Shah Brokers', basis: 'per_bale', rate: '25', sellerSharePct: '50' },
    deliverySchedule: [
      { dueFrom: day(10), dueTo: day(20), quantity: '60' },
      { dueFrom: day(21), dueTo: day(30), quantity: '40' },
    ],
  });
  // And buys 40 bales from a ginner.
  ginner = await apiCompany(suite, 'Kadi Ginning Works');
  purchase = await deal(trader.members.owner, ginner.members.owner, 'buy', { price: '57000', quantity: '40' });
}, 300_000);

describe('contracts', () => {
  it('lists sales and purchases apart, searches by counterparty and says when a filter finds nothing', async () => {
    const page = await pageAs(suite, trader.members.owner, '/contracts');
    await page.getByTestId(/^contract-SC-/).waitFor();
    const all = await listed(page);
    expect(all).toHaveLength(2);
    const salesNumber = all.find((number) => number.startsWith('SC-')) ?? '';
    const purchaseNumber = all.find((number) => number.startsWith('PC-')) ?? '';
    expect(salesNumber && purchaseNumber).toBeTruthy();

    await roleFilter(page, 'Sales');
    await page.waitForURL(/role=sales/);
    await expect.poll(() => listed(page), { timeout: 15_000 }).toEqual([salesNumber]);
    await roleFilter(page, 'Purchases');
    await expect.poll(() => listed(page), { timeout: 15_000 }).toEqual([purchaseNumber]);

    await roleFilter(page, 'All');
    // Numbers run per company, so the ginner's own number may read like the trader's: search by counterparty.
    await page.getByRole('textbox', { name: 'Search' }).fill('Kadi Ginning');
    await expect.poll(() => listed(page), { timeout: 15_000 }).toEqual([purchaseNumber]);
    await page.getByRole('textbox', { name: 'Search' }).fill('');
    await page.getByPlaceholder('Any status').click();
    await page.getByRole('option', { name: 'Completed' }).click();
    await page.getByText('No contracts match these filters.').waitFor();
    await page.context().close();
  });

  it('shows a sale with my number first, the tolerance range, value in lakh, schedule, brokerage share and the terms', async () => {
    const page = await pageAs(suite, trader.members.viewer, `/contracts/${sale.contractId}`);
    const number = await page.getByTestId('contract-number').textContent();
    expect(number).toMatch(/^SC-/);
    await page.getByTestId('counterparty-number').getByText(/PC-/).waitFor();
    await page.getByText(mill.name, { exact: true }).first().waitFor();
    await page.getByTestId('contract-quantity').getByText('100 bales').waitFor();
    await page
      .getByTestId('contract-quantity')
      .getByText(/± 5 %: 95 to 105 bales/)
      .waitFor();
    // 100 bales = 47.80 candies at ₹56,000: ₹26,76,998.23, grouped in lakh.
    expect(await page.getByTestId('contract-value').textContent()).toMatch(/₹26,7\d,\d{3}\.\d{2}/);
    const deliveries = page.getByTestId('contract-deliveries');
    expect(await deliveries.locator('tbody tr').count()).toBe(2);
    await page.getByTestId('commission-share').getByText('₹1,250.00').waitFor();
    await page
      .getByTestId('contract-terms')
      .getByText(/Cotton Association of India/)
      .waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await page.context().close();
  });

  it('shows the mill its own purchase number for the same deal, and another company nothing', async () => {
    const page = await pageAs(suite, mill.members.owner, `/contracts/${sale.contractId}`);
    expect(await page.getByTestId('contract-number').textContent()).toMatch(/^PC-/);
    await page.context().close();
    const stranger = await apiCompany(suite, 'Unrelated Ginners');
    const strangerPage = await pageAs(suite, stranger.members.owner, `/contracts/${purchase.contractId}`);
    await strangerPage.getByTestId('not-found').getByText('Contract not found').waitFor();
    await strangerPage.context().close();
  });

  it('fits a 390 px phone', async () => {
    const page = await pageAs(suite, trader.members.owner, `/contracts/${sale.contractId}`, { width: 390, height: 844 });
    await page.getByTestId('contract-number').waitFor();
    expect(await page.evaluate(() => document.body.scrollWidth > window.innerWidth)).toBe(false);
    await page.goto(`${suite.url}/contracts`);
    await page.getByTestId(/^contract-SC-/).waitFor();
    expect(await page.evaluate(() => document.body.scrollWidth > window.innerWidth)).toBe(false);
    await page.context().close();
  });
});

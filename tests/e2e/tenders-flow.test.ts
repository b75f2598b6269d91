import { gstinCheckCharacter } from '@tradeloom/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUJARAT } from '../orders/order-fixtures.ts';
import { type ApiCompany, type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The whole path on screen: a mill writes a tender in the wizard and publishes it to two
// cotton suppliers, each supplier quotes on its own screen, the mill closes early once both have
// quoted, compares, awards item 1 to one and item 2 to the other, and reads the orders it made.
const suite = browserSuite({ beforeAll, afterAll });

const tamilNadu = (pan: string) => {
  const first14 = `33${pan}1Z`;
  return first14 + gstinCheckCharacter(first14);
};

/** A company with its GSTIN on the profile and a head office registered under it. */
async function registered(label: string, gstin: string): Promise<ApiCompany> {
  const company = await apiCompany(suite, label);
  const owner = company.members.owner;
  const current = await owner.call<{ version: number }>('companies.current', undefined, 'query');
  await owner.call('companies.update', { companyId: company.id, version: current.version, taxId: gstin });
  await owner.call('companies.branches.create', { name: 'Head office', country: 'IN', gstin, isHeadOffice: true });
  return company;
}

async function link(buyer: ApiUser, supplier: ApiCompany) {
  const request = await buyer.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
  await supplier.members.owner.call('partners.decide', { linkId: request.id, decision: 'accept' });
}

const ITEMS = [
  {
    description: 'Shankar-6 cotton lint, 29 mm',
    quantity: '17000',
    specs: [['Staple length', '29 mm'] as const, ['Micronaire', '3.8–4.2'] as const],
  },
  { description: 'MCU-5 cotton lint, 32 mm', quantity: '8500', specs: [['Staple length', '32 mm'] as const] },
];

/** The supplier opens its invitation from the inbox and submits a price per item, on its own screen. */
async function quoteOnScreen(page: Page, title: string, prices: string[]) {
  await page.getByRole('link', { name: 'Quote requests' }).first().click();
  await page
    .getByRole('row', { name: new RegExp(title) })
    .getByRole('link')
    .click();
  await page
    .getByRole('heading', { name: new RegExp(title) })
    .first()
    .waitFor();
  for (const [index, price] of prices.entries()) {
    await page.getByRole('textbox', { name: `Unit price of item ${index + 1}`, exact: true }).fill(price);
    await page.getByRole('textbox', { name: `GST % of item ${index + 1}`, exact: true }).fill('5');
  }
  await page.getByLabel('Lead time (days)').fill('10');
  await page.getByRole('button', { name: 'Submit quote' }).click();
  await page.getByText(/Quote submitted — revision 1/).waitFor({ timeout: 20_000 });
}

describe('a tender from the wizard to the orders it makes', () => {
  it('runs creation, two sealed quotes, early close, a split award and the purchase orders with GST', { timeout: 600_000 }, async () => {
    const mill = await registered('Kovai Mill', tamilNadu('AADCC7315M'));
    const trader = await registered('Rajkot Cotton', GUJARAT);
    const ginner = await registered('Tiruppur Ginning', tamilNadu('AABCT4410Q'));
    await link(mill.members.owner, trader);
    await link(mill.members.owner, ginner);

    // The buyer writes the tender in the wizard.
    const buyer = await pageAs(suite, mill.members.owner, '/tenders');
    await buyer.getByRole('link', { name: 'New tender' }).first().click();
    const title = 'Cotton lint for the January plan';
    await buyer.getByLabel('Title').fill(title);
    await buyer.getByLabel('Delivery place').fill('Mill gate, Kurichi, Coimbatore');
    await buyer.getByRole('button', { name: 'Next' }).click();
    for (const [index, item] of ITEMS.entries()) {
      const n = index + 1;
      if (index > 0) await buyer.getByRole('button', { name: 'Add item' }).click();
      await buyer.getByRole('textbox', { name: `Description of item ${n}` }).fill(item.description);
      await buyer.getByRole('textbox', { name: `Quantity of item ${n}` }).fill(item.quantity);
      const card = buyer.getByTestId(`item-${n}`);
      for (const [specIndex, [name, value]] of item.specs.entries()) {
        await card.getByRole('button', { name: 'Add quality parameter' }).click();
        await buyer.getByRole('textbox', { name: `Name of parameter ${specIndex + 1}, item ${n}` }).fill(name);
        await buyer.getByRole('textbox', { name: `Value of parameter ${specIndex + 1}, item ${n}` }).fill(value);
      }
    }
    await buyer.getByRole('button', { name: 'Next' }).click();
    await buyer.getByRole('checkbox', { name: trader.name }).check();
    await buyer.getByRole('checkbox', { name: ginner.name }).check();
    await buyer.getByRole('button', { name: 'Next' }).click();
    await buyer.getByRole('button', { name: 'Next' }).click();
    await buyer.getByTestId('tender-review').getByText('Micronaire 3.8–4.2', { exact: false }).waitFor();
    await buyer.getByRole('button', { name: 'Publish' }).click();
    await buyer.waitForURL(/\/tenders\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const tenderId = buyer.url().split('/').at(-1) ?? '';
    await expect.poll(() => buyer.getByTestId('quote-count').textContent(), { timeout: 20_000 }).toBe('0 of 2 quoted');

    // Each supplier quotes on its own screen, signed in as itself; the trader is dearer on item 1.
    const traderPage = await pageAs(suite, trader.members.owner, '/');
    await quoteOnScreen(traderPage, title, ['172.80', '191.50']);
    const ginnerPage = await pageAs(suite, ginner.members.owner, '/');
    await quoteOnScreen(ginnerPage, title, ['171.90', '193.20']);

    // Sealed: the buyer sees both quoted, no price; then closes early, as every invitee answered.
    await buyer.reload();
    await expect.poll(() => buyer.getByTestId('quote-count').textContent(), { timeout: 20_000 }).toBe('2 of 2 quoted');
    expect(await buyer.getByTestId('sealed-note').textContent()).toContain('never prices');
    expect(await buyer.locator('body').textContent()).not.toContain('172.8');
    buyer.once('dialog', (dialog) => dialog.accept());
    await buyer.getByRole('button', { name: 'Close early' }).click();
    await buyer.getByRole('link', { name: 'Compare quotes and award' }).click();
    await buyer.waitForURL(`${suite.url}/tenders/${tenderId}/compare`);

    // The matrix marks the lowest landed cost per item: the ginner's on item 1, the trader's on item 2.
    await buyer.getByTestId('comparison-matrix').waitFor({ timeout: 20_000 });
    await expect.poll(() => buyer.getByTestId(`cell-1-${ginner.name}`).textContent()).toContain('Lowest');
    expect(await buyer.getByTestId(`cell-2-${trader.name}`).textContent()).toContain('Lowest');
    expect(await buyer.getByTestId(`cell-1-${trader.name}`).textContent()).not.toContain('Lowest');

    // The award form starts with each item whole to its lowest: a split between the two suppliers.
    await buyer.getByLabel('Note on the award (optional, kept for audit)').fill('Lowest landed cost per item.');
    await buyer.getByRole('button', { name: 'Review award' }).click();
    expect(await buyer.getByTestId('award-review').textContent()).toContain('2 orders will be created');
    await buyer.getByRole('button', { name: 'Award and create 2 orders' }).click();
    const created = buyer.getByTestId('awarded-orders');
    await created.waitFor({ timeout: 30_000 });
    await expect.poll(() => created.getByRole('link').filter({ hasText: /^PO-/ }).count()).toBe(2);

    // Two orders, one per winner: each with its PO number, its line and GST by the parties' states.
    const orders = await buyer.evaluate(async (id) => {
      const response = await fetch(`/trpc/sourcing.tenders.get?input=${encodeURIComponent(JSON.stringify({ tenderId: id }))}`);
      const body = await response.json();
      return body.result.data.awards as { supplierName: string; orderId: string; orderNumber: string; quantity: string }[];
    }, tenderId);
    expect(orders.map((award) => award.supplierName).sort()).toEqual([ginner.name, trader.name].sort());

    for (const award of orders) {
      await buyer.goto(`${suite.url}/orders/${award.orderId}`);
      await buyer.getByRole('heading', { name: `Purchase order ${award.orderNumber}` }).waitFor({ timeout: 20_000 });
      expect(award.orderNumber).toMatch(/^PO-/);
      const text = (await buyer.locator('main').textContent()) ?? '';
      const item = award.supplierName === ginner.name ? ITEMS[0] : ITEMS[1];
      expect(text).toContain(item?.description);
      // Same state (Tamil Nadu) splits GST into CGST and SGST; Gujarat to Tamil Nadu is IGST.
      if (award.supplierName === ginner.name) {
        expect(text).toContain('CGST + SGST (same state)');
        expect(text).toContain('SGST');
      } else {
        expect(text).toContain('IGST (between states)');
      }
    }
    // The ginner finds the same order among its sales orders, under its own SO number.
    await ginnerPage.goto(`${suite.url}/orders?side=sales`);
    await ginnerPage.getByRole('link', { name: /^SO-/ }).first().click();
    await ginnerPage.getByRole('heading', { name: /^Sales order SO-/ }).waitFor({ timeout: 20_000 });
    expect(await ginnerPage.locator('main').textContent()).toContain(ITEMS[0]?.description);
  });
});

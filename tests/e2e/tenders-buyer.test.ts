import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The buyer's tender screens: a tender made through the wizard and published to two linked
// suppliers, the sealed quote count moving when one of them quotes, a viewer offered no action,
// and the page and the wizard fitting a 390 px phone.
const suite = browserSuite({ beforeAll, afterAll });

let buyer: ApiCompany & { members: { viewer: ApiUser } };
let coimbatore: ApiCompany;
let erode: ApiCompany;
let tenderId: string;

/** Buttons and links on the page whose name matches: the actions a person is offered. */
const offered = (page: Page, name: RegExp) =>
  Promise.all([page.getByRole('button', { name }).count(), page.getByRole('link', { name }).count()]).then(([b, l]) => b + l);

/** Whether the body is wider than the window: a phone would scroll the whole page sideways. */
const overflows = (page: Page) => page.evaluate(() => document.body.scrollWidth > window.innerWidth);

beforeAll(async () => {
  buyer = (await apiCompany(suite, 'Tiruppur Knits', ['viewer'])) as typeof buyer;
  coimbatore = await apiCompany(suite, 'Coimbatore Spinning');
  erode = await apiCompany(suite, 'Erode Cotton');
  for (const supplier of [coimbatore, erode]) {
    const link = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
    await supplier.members.owner.call('partners.decide', { linkId: link.id, decision: 'accept' });
  }
}, 300_000);

describe('the buyer tenders', () => {
  it('creates a tender through the wizard, invites two linked suppliers and publishes it', async () => {
    const page = await pageAs(suite, buyer.members.owner, '/tenders');
    // No tender yet: the list says what a tender is and offers to start one.
    await page
      .getByTestId('tenders-empty')
      .getByText(/asks several suppliers at once/)
      .waitFor();
    await page.getByRole('link', { name: 'New tender' }).first().click();
    await page.getByRole('heading', { name: 'New tender' }).waitFor();

    // Step 1: a missing title is said under the title, and the wizard stays on the step.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Is required').first().waitFor();
    await page.getByLabel('Title').fill('Cotton for the winter season');
    await page.getByLabel('Delivery place').fill('Tiruppur warehouse');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: one item with a quality specification.
    await page.getByLabel('Description of item 1').fill('Shankar-6 raw cotton');
    await page.getByLabel('Quantity of item 1').fill('500');
    await page.getByRole('button', { name: 'Add quality parameter' }).click();
    await page.getByLabel('Name of parameter 1, item 1').fill('Staple length');
    await page.getByLabel('Value of parameter 1, item 1').fill('29 mm');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: both linked suppliers.
    await page.getByLabel(coimbatore.name).check();
    await page.getByLabel(erode.name).check();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 4: weights must reach 100, the running total says how far.
    await page.getByLabel('Price', { exact: true }).fill('70');
    await page.getByTestId('criteria-total').getByText('Total: 70 of 100 — 30 to go').waitFor();
    await page.getByLabel('Lead time').fill('30');
    await page.getByTestId('criteria-total').getByText('Total: 100 of 100').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 5: review, then publish.
    const review = page.getByTestId('tender-review');
    await review.getByText(/Shankar-6 raw cotton · 500 kg · Staple length 29 mm/).waitFor();
    await review.getByText(`${coimbatore.name}, ${erode.name}`).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();

    await page.waitForURL(/\/tenders\/[0-9a-f-]{36}$/);
    tenderId = page.url().split('/').pop() ?? '';
    await page.getByTestId('quote-count').getByText('0 of 2 quoted').waitFor();
    await page
      .getByTestId('sealed-note')
      .getByText(/Quotes stay sealed until .*: you see who has quoted, never prices\./)
      .waitFor();
    await page.getByText('Open for quotes').first().waitFor();
    // Nobody has answered: closing early is refused in words.
    expect(await page.getByRole('button', { name: 'Close early' }).isDisabled()).toBe(true);
    await page
      .getByTestId('close-early-reason')
      .getByText(/2 still to answer/)
      .waitFor();

    // A supplier quotes over the API; the count moves (live, or on reload at the latest).
    const asSupplier = await coimbatore.members.owner.call<{ items: { id: string }[] }>('sourcing.tenders.get', { tenderId }, 'query');
    await coimbatore.members.owner.call('sourcing.quotes.submit', {
      tenderId,
      leadTimeDays: 20,
      lines: asSupplier.items.map((item) => ({ itemId: item.id, unitPrice: '162.5', taxRate: '5' })),
    });
    const count = page.getByTestId('quote-count').getByText('1 of 2 quoted');
    await count.waitFor({ timeout: 5_000 }).catch(async () => {
      await page.reload();
      await count.waitFor();
    });
    await page
      .getByTestId(`invitee-${coimbatore.name}`)
      .getByText(/quoted at/)
      .waitFor();
    // Sealed: no price of the quote anywhere on the page.
    expect(await page.getByText('162.5').count()).toBe(0);

    // The list shows the tender with its counts.
    await page.goto(`${suite.url}/tenders`);
    const row = page.locator('tr', { hasText: 'Cotton for the winter season' });
    await row.getByText(/closes in \d+ d \d+ h/).waitFor();
    await page.context().close();
  });

  it('a viewer sees the tender but is offered no action', async () => {
    const page = await pageAs(suite, buyer.members.viewer, `/tenders/${tenderId}`);
    await page.getByTestId('quote-count').waitFor();
    expect(await offered(page, /^(Publish|Edit draft|Invite more suppliers|Extend deadline|Close early|Cancel tender)$/)).toBe(0);
    await page.goto(`${suite.url}/tenders`);
    await page.getByText('Cotton for the winter season').waitFor();
    expect(await offered(page, /^New tender$/)).toBe(0);
    await page.context().close();
  });

  it('fits a 390 px phone: the tender page, the list and the wizard', async () => {
    const phone = { width: 390, height: 844 };
    const page = await pageAs(suite, buyer.members.owner, `/tenders/${tenderId}`, phone);
    await page.getByTestId('quote-count').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${suite.url}/tenders`);
    await page.getByText('Cotton for the winter season').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${suite.url}/tenders/new`);
    await page.getByText('Step 1 of 5: Details').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.getByLabel('Title').fill('Phone tender');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Step 2 of 5: Items').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.context().close();
  });

  it('another company opening the tender gets "not found"', async () => {
    const stranger = await apiCompany(suite, 'Stranger Mills');
    const page = await pageAs(suite, stranger.members.owner, `/tenders/${tenderId}`);
    await page.getByTestId('not-found').getByText('Tender not found').waitFor();
    await page.context().close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The trade desk's own screens: a trader pastes a WhatsApp message, checks what the desk read (each
// field with the words it came from), posts it and finds it under My offers; the desk's quality and
// price filters; a lot offered in a click; a viewer offered no action; and a 390 px phone.
const suite = browserSuite({ beforeAll, afterAll });

let trader: ApiCompany & { members: { viewer: ApiUser } };
let mill: ApiCompany;
const millOffers: Record<'fine' | 'coarse', { id: string; number: string }> = {} as never;

const PHONE = { width: 390, height: 844 };
// A required box's name ends in its asterisk; "Price per" is another box.
const QUANTITY = /^Quantity\s*\*?$/;
const PRICE = /^Price\s*\*?$/;
// No commodity or variety named: the desk guesses cotton lint from "bales" and says it is a guess.
const MESSAGE = 'Sell 100 bales, 29 mm, mic 3.8, ₹56,500 per candy Rajkot, 15 days, call Ramesh bhai';

/** Buttons and links on the page whose name matches: the actions a person is offered. */
const offered = (page: Page, name: RegExp) =>
  Promise.all([page.getByRole('button', { name }).count(), page.getByRole('link', { name }).count()]).then(([b, l]) => b + l);

/** Whether the body is wider than the window: a phone would scroll the whole page sideways. */
const overflows = (page: Page) => page.evaluate(() => document.body.scrollWidth > window.innerWidth);

/** A tested lot of the trader's, available to offer. */
const traderLot = () =>
  trader.members.owner.call<{ id: string; number: string }>('tradedesk.lots.create', {
    commodityCode: 'cotton-lint',
    varietyCode: 'shankar-6',
    bales: 120,
    netWeightKg: '20400',
    stateCode: 'GJ',
    city: 'Gondal',
    cropYear: '2025-26',
    quality: { values: { staple_mm: '29.5', micronaire: '3.9', strength_gpt: '29' }, colourGrade: '31-1' },
    labName: 'Gondal Testing Lab',
  });

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString();

/** A buy offer of the mill's on the whole desk. */
const millBuys = (price: string, staple: { min: string; max: string }) =>
  mill.members.owner.call<{ id: string; number: string }>('tradedesk.offers.create', {
    side: 'buy',
    commodity: 'cotton-lint',
    variety: 'shankar-6',
    quantity: '200',
    unit: 'bale',
    price,
    priceUnit: 'candy',
    quality: { staple_mm: staple, micronaire: { min: '3.5', max: '4.2' } },
    deliveryStateCode: 'TN',
    deliveryCity: 'Coimbatore',
    validUntil: inDays(3),
    visibility: 'desk',
  });

beforeAll(async () => {
  trader = (await apiCompany(suite, 'Rajkot Cotton Traders', ['viewer'])) as typeof trader;
  mill = await apiCompany(suite, 'Coimbatore Mills');
  millOffers.fine = await millBuys('60000', { min: '30', max: '31' });
  millOffers.coarse = await millBuys('55000', { min: '28', max: '29' });
}, 300_000);

describe('the trade desk', () => {
  it('reads a pasted message into the form, shows where each field came from, posts it and lists it under My offers', async () => {
    const page = await pageAs(suite, trader.members.owner, '/desk?tab=mine');
    await page.getByTestId('mine-empty').waitFor();
    await page.getByRole('link', { name: 'Post an offer' }).first().click();
    await page.getByRole('heading', { name: 'Post an offer' }).waitFor();

    await page.getByLabel('Paste a trade message').fill(MESSAGE);
    await page.getByRole('button', { name: 'Read message' }).click();
    await page
      .getByTestId('parse-summary')
      .getByText(/Filled \d+ fields from the message/)
      .waitFor();

    // Each filled box says which words it came from.
    expect(await page.getByLabel('Sell').isChecked()).toBe(true);
    expect(await page.getByLabel(QUANTITY).inputValue()).toBe('100');
    expect(await page.getByLabel(PRICE).inputValue()).toBe('56500');
    expect(await page.getByLabel('Staple length from (mm)').inputValue()).toBe('29');
    expect(await page.getByLabel('Delivery city').and(page.locator('input')).inputValue()).toBe('Rajkot');
    expect(await page.getByTestId('source-price').textContent()).toBe('From the message: “₹56,500 per candy”');
    expect(await page.getByTestId('source-quality.staple_mm').textContent()).toBe('From the message: “29 mm”');
    // A guess is flagged for the user to check; what no rule read is listed.
    const commodity = page.getByTestId('source-commodity');
    expect(await commodity.textContent()).toBe('From the message: “100 bales” — a guess, please check');
    expect(await commodity.getAttribute('data-low-confidence')).toBe('true');
    expect(await page.getByTestId('source-quantity').getAttribute('data-low-confidence')).toBeNull();
    await page.getByTestId('unparsed').getByText('“Ramesh bhai”').waitFor();

    // A wrong price is said under its box before anything is sent…
    await page.getByLabel(PRICE).fill('-5');
    await page.getByRole('button', { name: 'Post offer' }).click();
    await page.getByText('Must be more than zero').first().waitFor();
    await page.getByLabel(PRICE).fill('56500');
    // …and a validity the server refuses (already past) under the validity, in words; nothing is posted.
    const validUntil = page.getByLabel('Valid until');
    const validity = await validUntil.inputValue();
    await validUntil.fill('2024-01-01T10:00');
    await page.getByRole('button', { name: 'Post offer' }).click();
    await page.locator('input[aria-invalid="true"][type="datetime-local"]').waitFor();
    expect(page.url()).toMatch(/\/desk\/new$/);
    await validUntil.fill(validity);
    await page.getByRole('button', { name: 'Post offer' }).click();
    await page.waitForURL(/\/desk\/offers\/[0-9a-f-]{36}$/);
    const offerId = page.url().split('/').pop() ?? '';

    const mine = await trader.members.owner.call<{ items: { id: string; number: string; sourceText?: string }[] }>(
      'tradedesk.offers.list',
      { scope: 'mine' },
      'query',
    );
    const posted = mine.items.find((offer) => offer.id === offerId);
    expect(posted).toBeDefined();
    const full = await trader.members.owner.call<{ sourceText: string | null; price: string }>(
      'tradedesk.offers.get',
      { offerId },
      'query',
    );
    expect(full.sourceText).toBe(MESSAGE);
    expect(Number(full.price)).toBe(56500);

    await page.goto(`${suite.url}/desk?tab=mine`);
    const row = page.getByTestId(`offer-${posted?.number}`);
    await row.getByText('₹56,500.00 per candy').waitFor();
    await row.getByText('Open').waitFor();
    await page.context().close();
  });

  it('filters the desk by quality and price per candy, and says when nothing matches', async () => {
    const page = await pageAs(suite, trader.members.owner, '/desk?commodity=cotton-lint');
    const fine = page.getByTestId(`offer-${millOffers.fine.number}`);
    const coarse = page.getByTestId(`offer-${millOffers.coarse.number}`);
    await fine.waitFor();
    await coarse.waitFor();
    await fine.getByText(mill.name).waitFor();
    await fine.getByText('30–31 mm · mic 3.5–4.2').waitFor();

    // Staple of at least 29.5 mm: only the fine offer's range reaches it.
    await page.getByLabel('Staple length at least (mm)').fill('29.5');
    await coarse.waitFor({ state: 'detached' });
    await fine.waitFor();
    expect(page.url()).toContain('q.staple_mm.min=29.5');

    // …and at most ₹58,000 a candy: none left, said in words.
    await page.getByLabel('Price to (₹ per candy)').fill('58000');
    await page.getByText('No offers match these filters.').waitFor();

    // Without the staple filter the cheaper, coarser offer is back.
    await page.getByLabel('Staple length at least (mm)').fill('');
    await coarse.waitFor();
    expect(await fine.count()).toBe(0);
    await page.context().close();
  });

  it('shows a newly posted offer on an open desk without a reload', async () => {
    const page = await pageAs(suite, trader.members.owner, '/desk?commodity=cotton-lint&side=buy');
    await page.getByTestId(`offer-${millOffers.fine.number}`).waitFor();
    const posted = await millBuys('58500', { min: '29', max: '30' });
    // Through the live stream (desk.changed), no reload.
    await page.getByTestId(`offer-${posted.number}`).getByText('₹58,500.00 per candy').waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  it('adds a lot through its form (a result outside the allowed range said under its box) and edits it', async () => {
    const page = await pageAs(suite, trader.members.owner, '/lots/new');
    await page.getByRole('heading', { name: 'New lot' }).waitFor();
    await page.getByLabel(/^Bales/).fill('80');
    await page.getByLabel(/^Net weight/).fill('13600');
    await page
      .getByLabel(/^State/)
      .and(page.locator('input'))
      .click();
    await page.getByRole('option', { name: 'Gujarat (GJ)' }).click();
    await page.getByLabel(/^City/).and(page.locator('input')).fill('Amreli');
    await page.getByLabel('Staple length (mm)').fill('45');
    await page.getByLabel('Micronaire').fill('4.1');
    await page.getByRole('button', { name: 'Add lot' }).click();
    // The masters allow 20–40 mm: the server says so under the staple box, and saves nothing.
    await page.getByText(/^Must be between 20(\.0+)? and 40(\.0+)? mm$/).waitFor();
    expect(await page.getByLabel('Staple length (mm)').getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/lots\/new$/);
    await page.getByLabel('Staple length (mm)').fill('29.5');
    await page.getByRole('button', { name: 'Add lot' }).click();
    await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
    const results = page.getByTestId('lot-results');
    await results.getByText('29.5 mm').waitFor();
    await results.getByText('4.1').waitFor();

    // Edited: the form opens with what was saved, the detail shows the change.
    await page.getByRole('link', { name: 'Edit' }).click();
    expect(await page.getByLabel('Staple length (mm)').inputValue()).toBe('29.5');
    await page.getByLabel(/^Bales/).fill('90');
    await page.getByRole('button', { name: 'Save lot' }).click();
    await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
    await page.getByText('90', { exact: true }).first().waitFor();
    await page.context().close();
  });

  it('offers a lot in a click: the form starts from its bales and place', async () => {
    const lot = await traderLot();
    const page = await pageAs(suite, trader.members.owner, '/lots');
    await page.getByTestId(`lot-${lot.number}`).getByText('29.5 mm · mic 3.9 · 29 g/tex').waitFor();
    await page.getByRole('link', { name: lot.number }).click();
    await page.getByTestId('lot-results').getByText('Gondal Testing Lab').waitFor();
    await page.getByRole('link', { name: 'Offer this lot' }).click();
    await page.waitForURL(/\/desk\/new\?lotId=/);
    await page.getByRole('heading', { name: 'Post an offer' }).waitFor();
    expect(await page.getByLabel(QUANTITY).inputValue()).toBe('120');
    expect(await page.getByLabel('Sell').isChecked()).toBe(true);
    await page.getByText(/Tested: 29.5 mm · mic 3.9 · 29 g\/tex/).waitFor();
    await page.context().close();
  });

  it('lists my negotiations with the ones waiting for me marked, linking to each', async () => {
    const offer = await trader.members.owner.call<{ id: string; number: string }>('tradedesk.offers.create', {
      side: 'sell',
      commodity: 'cotton-lint',
      quantity: '50',
      unit: 'bale',
      price: '57000',
      priceUnit: 'candy',
      validUntil: inDays(2),
      visibility: 'desk',
    });
    const opened = await mill.members.owner.call<{ id: string }>('tradedesk.negotiations.open', {
      offerId: offer.id,
      terms: { price: '56000', priceUnit: 'candy', quantity: '50', unit: 'bale' },
    });
    // The mill proposed: the trader's turn, not the mill's.
    const page = await pageAs(suite, trader.members.owner, '/desk?tab=negotiations');
    const row = page.getByTestId(`negotiation-${offer.number}`);
    await row.getByText('Your turn').waitFor();
    await row.getByText('₹56,000.00 per candy').waitFor();
    expect(await row.getByRole('link', { name: offer.number }).getAttribute('href')).toBe(`/negotiations/${opened.id}`);
    const millPage = await pageAs(suite, mill.members.owner, '/desk?tab=negotiations');
    await millPage.getByTestId(`negotiation-${offer.number}`).getByText('on their offer').waitFor();
    expect(await millPage.getByTestId(`negotiation-${offer.number}`).getByText('Your turn').count()).toBe(0);
    await page.context().close();
    await millPage.context().close();
  });

  it('a viewer reads the desk and lots but is offered no post, edit or archive', async () => {
    const lot = await traderLot();
    const page = await pageAs(suite, trader.members.viewer, '/desk?commodity=cotton-lint');
    await page.getByTestId(`offer-${millOffers.fine.number}`).waitFor();
    expect(await offered(page, /Post an offer/)).toBe(0);
    await page.goto(`${suite.url}/lots`);
    await page.getByTestId('lots').waitFor();
    expect(await offered(page, /New lot/)).toBe(0);
    await page.getByRole('link', { name: lot.number }).click();
    await page.getByTestId('lot-results').waitFor();
    expect(await offered(page, /Offer this lot|Edit|Archive/)).toBe(0);
    await page.context().close();
  });

  it('fits a 390 px phone: the desk shows offers as cards, the form and the lots need no sideways scroll', async () => {
    const lot = await traderLot();
    const page = await pageAs(suite, trader.members.owner, '/desk?commodity=cotton-lint', PHONE);
    const card = page.getByTestId(`offer-${millOffers.fine.number}`);
    await card.waitFor();
    // A card, not a table row: one column of figures a thumb can scroll.
    expect(await card.evaluate((element) => element.tagName)).not.toBe('TR');
    await card.getByText('₹60,000.00 per candy').waitFor();
    // The filters fold behind one button that counts them, so the offers come first.
    await page.getByRole('button', { name: 'Filters (1)' }).click();
    await page.getByLabel('Staple length at least (mm)').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${suite.url}/desk/new`);
    await page.getByLabel('Paste a trade message').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${suite.url}/lots`);
    await page.getByTestId(`lot-${lot.number}`).waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${suite.url}/lots/${lot.id}`);
    await page.getByTestId('lot-results').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.goto(`${suite.url}/desk?tab=negotiations`);
    // Cards or the empty note, whichever this trader has by now.
    await page
      .getByTestId('negotiations')
      .or(page.getByText(/No negotiations yet/))
      .waitFor();
    expect(await overflows(page)).toBe(false);
    await page.context().close();
  });
});

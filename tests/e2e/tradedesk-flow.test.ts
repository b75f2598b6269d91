import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The whole path on screen: a Rajkot trader pastes a WhatsApp message, checks what was read
// and posts the offer; a mill with a buy offer of its own finds it among its matches and bids; the
// two counter once each (the screen shows what changed); the trader accepts; both open the one
// contract, each under its own number (SC- for the seller, PC- for the buyer).
const suite = browserSuite({ beforeAll, afterAll });

const MESSAGE = 'Sell 100 bales Shankar-6, 29 mm, mic 3.8, 28 gpt, ₹56,500 per candy ex-Rajkot, 15 days';
const DAY = 86_400_000;

async function link(buyer: ApiCompany, supplier: ApiCompany) {
  const request = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
  await supplier.members.owner.call('partners.decide', { linkId: request.id, decision: 'accept' });
}

/** The id at the end of the page's address once it lands on `pattern`. */
async function idAfter(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForURL(pattern, { timeout: 30_000 });
  return page.url().split('/').at(-1)?.split('?')[0] ?? '';
}

const box = (scope: Page | ReturnType<Page['getByTestId']>, name: string) => scope.getByRole('textbox', { name, exact: true });

/** Counters the current version on the negotiation screen with a new price; the round lists what changed. */
async function counterOnScreen(page: Page, price: string, version: number) {
  await expect.poll(() => page.getByTestId('turn').textContent(), { timeout: 20_000 }).toMatch(/^Your turn/);
  await page.getByRole('button', { name: 'Counter', exact: true }).click();
  const form = page.getByTestId('terms-form');
  await box(form, 'Price').fill(price);
  await page.getByTestId('counter-changes').waitFor();
  await form.getByRole('button', { name: 'Send counter-offer' }).click();
  await page.getByTestId(`round-${version}`).waitFor({ timeout: 20_000 });
}

describe('the trade desk from a pasted message to the contract both sides hold', () => {
  it('parses and posts, matches, negotiates in rounds, accepts and shows SC- and PC- numbers', { timeout: 600_000 }, async () => {
    const trader = await apiCompany(suite, 'Rajkot Traders');
    const mill = await apiCompany(suite, 'Kovai Mill');
    await link(mill, trader);
    // The mill's own buy offer, posted by its ERP.
    const wanted = await mill.members.owner.call<{ id: string; number: string }>('tradedesk.offers.create', {
      side: 'buy',
      commodity: 'cotton-lint',
      variety: 'shankar-6',
      quantity: '300',
      unit: 'bale',
      price: '57000',
      priceUnit: 'candy',
      quality: { staple_mm: { min: '28.5' }, micronaire: { min: '3.6', max: '4.2' } },
      deliveryStateCode: 'TN',
      deliveryCity: 'Coimbatore',
      validUntil: new Date(Date.now() + 5 * DAY).toISOString(),
      visibility: 'desk',
    });

    // The trader pastes the message; the form fills, each field showing the words it came from.
    const seller = await pageAs(suite, trader.members.owner, '/desk/new');
    await box(seller, 'Paste a trade message').fill(MESSAGE);
    await seller.getByRole('button', { name: 'Read message' }).click();
    await expect.poll(() => box(seller, 'Quantity').inputValue(), { timeout: 20_000 }).toBe('100');
    expect(await box(seller, 'Price').inputValue()).toBe('56500');
    expect(await seller.getByTestId('source-price').textContent()).toContain('56,500');
    expect(await seller.getByTestId('source-quantity').textContent()).toContain('100 bales');
    await seller.getByRole('button', { name: 'Post offer' }).click();
    const offerId = await idAfter(seller, /\/desk\/offers\/[0-9a-f-]{36}$/);
    const heading = seller.getByRole('heading', { name: /^Offer OF-\d{4}-\d{6}$/ });
    await heading.waitFor({ timeout: 20_000 });
    const offerNumber = (await heading.textContent())?.replace('Offer ', '') ?? '';

    // The mill opens its buy offer: the trader's offer is among the matches, with a score it can check.
    const buyer = await pageAs(suite, mill.members.owner, `/desk/offers/${wanted.id}`);
    const match = buyer.getByTestId(`match-${offerNumber}`);
    await match.waitFor({ timeout: 30_000 });
    expect(await match.getByTestId('match-score').textContent()).toMatch(/^\d+ \/ 100$/);
    await match.getByRole('button', { name: 'Why this score' }).click();
    await match.getByTestId('factor-quality').waitFor();
    expect(await match.getByTestId('score-breakdown').textContent()).toMatch(/staple/i);
    await match.getByRole('link', { name: 'Negotiate' }).click();
    // The terms form starts from the trader's offer; the mill bids lower on part of it.
    const terms = buyer.getByTestId('terms-form');
    await terms.waitFor({ timeout: 20_000 });
    expect(await box(terms, 'Price').inputValue()).toBe('56500');
    await box(terms, 'Price').fill('56000');
    await box(terms, 'Quantity').fill('60');
    await terms.getByRole('button', { name: 'Send proposal' }).click();
    const negotiationId = await idAfter(buyer, /\/negotiations\/[0-9a-f-]{36}$/);
    await buyer.getByTestId('round-1').waitFor({ timeout: 20_000 });
    expect(await buyer.getByTestId('turn').textContent()).not.toMatch(/^Your turn/);

    // The trader counters; the round shows what changed.
    await seller.goto(`${suite.url}/negotiations/${negotiationId}`);
    await counterOnScreen(seller, '56300', 2);
    expect(await seller.getByTestId('round-2').textContent()).toMatch(/56,000.*→.*56,300/);

    // The mill meets it partway.
    await buyer.reload();
    await counterOnScreen(buyer, '56150', 3);
    expect(await buyer.getByTestId('round-3').textContent()).toMatch(/56,300.*→.*56,150/);

    // The trader accepts version 3: the contract opens under the trader's own number.
    await seller.reload();
    await expect.poll(() => seller.getByTestId('turn').textContent(), { timeout: 20_000 }).toMatch(/^Your turn/);
    await seller.getByRole('button', { name: 'Accept', exact: true }).click();
    await seller.getByRole('button', { name: 'Accept and make the contract' }).click();
    const contractId = await idAfter(seller, /\/contracts\/[0-9a-f-]{36}$/);
    await expect.poll(() => seller.getByTestId('contract-number').textContent(), { timeout: 20_000 }).toMatch(/^SC-\d{4}-\d{6}$/);
    const salesNumber = (await seller.getByTestId('contract-number').textContent()) ?? '';
    expect(await seller.getByTestId('counterparty-number').textContent()).toMatch(/PC-\d{4}-\d{6}/);
    expect(await seller.locator('main').textContent()).toContain('56,150');

    // The mill finds it among its contracts, under its PC- number, with the trader's SC- beside it.
    await buyer.goto(`${suite.url}/contracts`);
    await buyer
      .getByRole('link', { name: /^PC-\d{4}-\d{6}$/ })
      .first()
      .click();
    await buyer.waitForURL(`${suite.url}/contracts/${contractId}`, { timeout: 20_000 });
    await expect.poll(() => buyer.getByTestId('contract-number').textContent(), { timeout: 20_000 }).toMatch(/^PC-\d{4}-\d{6}$/);
    expect(await buyer.getByTestId('counterparty-number').textContent()).toContain(salesNumber);
    expect(await buyer.locator('main').textContent()).toContain(trader.name);

    // 40 bales of the trader's offer stay on the desk.
    const rest = await trader.members.owner.call<{ remainingQuantity: string; status: string }>(
      'tradedesk.offers.get',
      { offerId },
      'query',
    );
    expect(rest).toMatchObject({ remainingQuantity: '40.000', status: 'open' });
  });
});

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

/** Counters the current version on the negotiation screen with a new price. */
async function counterOnScreen(page: Page, price: string) {
  await page.getByRole('button', { name: 'Counter', exact: true }).click();
  const form = page.getByRole('form', { name: /counter/i });
  await form.getByLabel('Price', { exact: true }).fill(price);
  await form.getByRole('button', { name: /send counter/i }).click();
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
    await seller.getByLabel(/paste a trade message/i).fill(MESSAGE);
    await seller.getByRole('button', { name: 'Read message' }).click();
    await expect.poll(() => seller.getByLabel('Quantity', { exact: true }).inputValue(), { timeout: 20_000 }).toBe('100');
    expect(await seller.getByLabel('Price', { exact: true }).inputValue()).toMatch(/^56,?500$/);
    expect(await seller.locator('main').textContent()).toContain('₹56,500 per candy');
    await seller.getByRole('button', { name: /post (the )?offer/i }).click();
    const offerId = await idAfter(seller, /\/desk\/offers\/[0-9a-f-]{36}$/);
    const offerNumber = (
      await seller
        .getByRole('heading', { name: /OF-\d{4}-\d{6}/ })
        .first()
        .textContent()
    )?.match(/OF-\d{4}-\d{6}/)?.[0];
    expect(offerNumber).toBeDefined();

    // The mill opens its buy offer: the trader's offer is among the matches, with its score.
    const buyer = await pageAs(suite, mill.members.owner, `/desk/offers/${wanted.id}`);
    const matches = buyer.getByRole('region', { name: /matches/i });
    const row = matches.getByRole('row', { name: new RegExp(offerNumber ?? 'OF-') });
    await row.waitFor({ timeout: 30_000 });
    // The breakdown shows each factor with its weight.
    expect(await matches.textContent()).toMatch(/quality/i);
    await row.getByRole('button', { name: 'Negotiate' }).click();
    // The terms form starts from the offer; the mill bids lower on part of it.
    const terms = buyer.getByRole('form', { name: /negotiat/i });
    await terms.getByLabel('Price', { exact: true }).fill('56000');
    await terms.getByLabel('Quantity', { exact: true }).fill('60');
    await terms.getByRole('button', { name: /open negotiation|send/i }).click();
    const negotiationId = await idAfter(buyer, /\/negotiations\/[0-9a-f-]{36}$/);

    // The trader counters; the round shows what changed.
    await seller.goto(`${suite.url}/negotiations/${negotiationId}`);
    await seller
      .getByText(/your turn/i)
      .first()
      .waitFor({ timeout: 20_000 });
    await counterOnScreen(seller, '56300');
    await seller
      .getByText(/56,000.*56,300/)
      .first()
      .waitFor({ timeout: 20_000 });

    // The mill meets it halfway.
    await buyer.reload();
    await buyer
      .getByText(/your turn/i)
      .first()
      .waitFor({ timeout: 20_000 });
    await counterOnScreen(buyer, '56150');
    await buyer
      .getByText(/56,300.*56,150/)
      .first()
      .waitFor({ timeout: 20_000 });

    // The trader accepts version 3: the contract opens under the trader's own number.
    await seller.reload();
    await seller
      .getByText(/your turn/i)
      .first()
      .waitFor({ timeout: 20_000 });
    seller.once('dialog', (dialog) => dialog.accept());
    await seller.getByRole('button', { name: 'Accept', exact: true }).click();
    const confirm = seller.getByRole('dialog');
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button', { name: /accept/i }).click();
    const contractId = await idAfter(seller, /\/contracts\/[0-9a-f-]{36}$/);
    await seller
      .getByRole('heading', { name: /SC-\d{4}-\d{6}/ })
      .first()
      .waitFor({ timeout: 20_000 });
    const sellerText = (await seller.locator('main').textContent()) ?? '';
    expect(sellerText).toContain('56,150');
    expect(sellerText).not.toMatch(/PC-\d{4}-\d{6}.*is yours/);

    // The mill finds it among its purchases, under its PC- number.
    await buyer.goto(`${suite.url}/contracts`);
    await buyer
      .getByRole('link', { name: /PC-\d{4}-\d{6}/ })
      .first()
      .click();
    await buyer.waitForURL(`${suite.url}/contracts/${contractId}`, { timeout: 20_000 });
    await buyer
      .getByRole('heading', { name: /PC-\d{4}-\d{6}/ })
      .first()
      .waitFor({ timeout: 20_000 });
    const buyerText = (await buyer.locator('main').textContent()) ?? '';
    expect(buyerText).toContain(trader.name);
    expect(buyerText).toContain('60');

    // 40 bales of the trader's offer stay on the desk.
    const rest = await trader.members.owner.call<{ remainingQuantity: string; status: string }>(
      'tradedesk.offers.get',
      { offerId },
      'query',
    );
    expect(rest).toMatchObject({ remainingQuantity: '40.000', status: 'open' });
  });
});

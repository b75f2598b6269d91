import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The deal screens: a mill opens a negotiation from a trader's sell offer, the trader counters
// and sees what it changes before sending, the mill accepts and lands on its contract. A stale
// accept is told which version to review; a viewer is offered no move; the pages fit a phone.
const suite = browserSuite({ beforeAll, afterAll });

let trader: ApiCompany & { members: { viewer: ApiUser } };
let mill: ApiCompany & { members: { staff: ApiUser } };

/** Buttons and links on the page whose name matches: the actions a person is offered. */
const offered = (page: Page, name: RegExp) =>
  Promise.all([page.getByRole('button', { name }).count(), page.getByRole('link', { name }).count()]).then(([b, l]) => b + l);

/** Whether the body is wider than the window: a phone would scroll the whole page sideways. */
const overflows = (page: Page) => page.evaluate(() => document.body.scrollWidth > window.innerWidth);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A sell offer of the trader's on the whole desk: 200 bales of Shankar-6 at ₹56,500 a candy. */
async function sellOffer(quantity = '200') {
  return trader.members.owner.call<{ id: string; number: string }>('tradedesk.offers.create', {
    side: 'sell',
    commodity: 'cotton-lint',
    variety: 'shankar-6',
    quantity,
    unit: 'bale',
    price: '56500',
    currency: 'INR',
    priceUnit: 'candy',
    quality: { staple_mm: { min: '28.5', max: '30' }, micronaire: { min: '3.5', max: '4.2' } },
    deliveryStateCode: 'GJ',
    deliveryCity: 'Rajkot',
    paymentDays: 15,
    validUntil: inDays(7),
    visibility: 'desk',
  });
}

/** The mill's proposal on an offer, through the API: `quantity` bales at ₹56,000. */
async function millOpens(offerId: string, quantity: string) {
  return mill.members.owner.call<{ id: string; version: number }>('tradedesk.negotiations.open', {
    offerId,
    terms: { price: '56000', priceUnit: 'candy', currency: 'INR', quantity, unit: 'bale' },
  });
}

beforeAll(async () => {
  trader = (await apiCompany(suite, 'Rajkot Cotton Traders', ['viewer'])) as typeof trader;
  mill = (await apiCompany(suite, 'Surat Spinning Mill', ['staff'])) as typeof mill;
}, 300_000);

describe('a deal from offer to contract', () => {
  it('opens from the offer, counters with the diff shown, and the accept lands on the contract with my number', async () => {
    const offer = await sellOffer();

    // The mill sees the offer and proposes from a form filled in from it.
    const millPage = await pageAs(suite, mill.members.owner, `/desk/offers/${offer.id}`);
    await millPage.getByTestId('offer-price').getByText('₹56,500.00 per candy').waitFor();
    await millPage.getByTestId('offer-remaining').getByText('200 bales', { exact: true }).waitFor();
    await millPage.getByRole('button', { name: 'Negotiate' }).click();
    const form = millPage.getByTestId('terms-form');
    expect(await form.getByLabel('Price', { exact: true }).inputValue()).toBe('56500');
    expect(await form.getByLabel('Quantity', { exact: true }).inputValue()).toBe('200');
    // More than the offer has left is said under the quantity, before anything is sent.
    await form.getByLabel('Quantity', { exact: true }).fill('250');
    await form.getByRole('button', { name: 'Send proposal' }).click();
    await form.getByText('Must not be more than the 200 bales still open').waitFor();
    await form.getByLabel('Quantity', { exact: true }).fill('100');
    await form.getByLabel('Price', { exact: true }).fill('56000');
    await form.getByLabel('Message to the other side').fill('100 bales at 56,000 if you can lift this week');
    await form.getByRole('button', { name: 'Send proposal' }).click();
    await millPage.waitForURL(/\/negotiations\/[0-9a-f-]{36}$/);
    const negotiationPath = new URL(millPage.url()).pathname;
    await millPage
      .getByTestId('turn')
      .getByText(/Waiting for Rajkot Cotton Traders .* to answer version 1/)
      .waitFor();
    // Not the mill's turn: it may only call the negotiation off.
    expect(await offered(millPage, /^(Accept|Counter|Reject)$/)).toBe(0);

    // The trader counters the price and sees the change before sending it.
    const traderPage = await pageAs(suite, trader.members.owner, negotiationPath);
    await traderPage.getByTestId('turn').getByText('Your turn: version 1 waits for your answer.').waitFor();
    await traderPage.getByRole('button', { name: 'Counter' }).click();
    const counter = traderPage.getByTestId('terms-form');
    await counter.getByText('Nothing yet: change at least one term').waitFor();
    expect(await counter.getByRole('button', { name: 'Send counter-offer' }).isDisabled()).toBe(true);
    await counter.getByLabel('Price', { exact: true }).fill('56250');
    await traderPage.getByTestId('counter-changes').getByText('₹56,000.00 per candy → ₹56,250.00 per candy').waitFor();
    await counter.getByRole('button', { name: 'Send counter-offer' }).click();
    await traderPage
      .getByTestId('turn')
      .getByText(/to answer version 2/)
      .waitFor();
    await traderPage.getByTestId('round-2').getByText('₹56,000.00 per candy → ₹56,250.00 per candy').waitFor();

    // The mill's page follows live; it accepts, confirming the terms, and lands on its contract.
    await millPage.getByTestId('turn').getByText('Your turn: version 2 waits for your answer.').waitFor();
    await millPage.getByRole('button', { name: 'Accept' }).click();
    const dialog = millPage.getByRole('dialog');
    await dialog.getByText('₹56,250.00 per candy').waitFor();
    await dialog.getByRole('button', { name: 'Accept and make the contract' }).click();
    await millPage.waitForURL(/\/contracts\/[0-9a-f-]{36}$/);
    const millNumber = (await millPage.getByTestId('contract-number').textContent()) ?? '';
    expect(millNumber).toMatch(/^PC-/);
    await millPage.getByTestId('counterparty-number').getByText(/SC-/).waitFor();
    await millPage.getByTestId('contract-quantity').getByText('100 bales').waitFor();

    // The trader sees the same contract under its own number, and the offer has 100 bales left.
    const contractPath = new URL(millPage.url()).pathname;
    await traderPage.goto(`${suite.url}${contractPath}`);
    expect(await traderPage.getByTestId('contract-number').textContent()).toMatch(/^SC-/);
    await traderPage.getByTestId('counterparty-number').getByText(millNumber).waitFor();
    await traderPage.goto(`${suite.url}/desk/offers/${offer.id}`);
    await traderPage.getByTestId('offer-remaining').getByText('100 of 200 bales').waitFor();
    await traderPage.context().close();
    await millPage.context().close();
  });

  it('ranks matches with a breakdown that adds up, and negotiates on a matched offer', async () => {
    const offer = await sellOffer('80');
    const wanted = await mill.members.owner.call<{ id: string; number: string }>('tradedesk.offers.create', {
      side: 'buy',
      commodity: 'cotton-lint',
      variety: 'shankar-6',
      quantity: '80',
      unit: 'bale',
      price: '56000',
      currency: 'INR',
      priceUnit: 'candy',
      quality: { staple_mm: { min: '28', max: '30' } },
      deliveryStateCode: 'GJ',
      deliveryCity: 'Rajkot',
      validUntil: inDays(7),
      visibility: 'desk',
    });
    const page = await pageAs(suite, trader.members.owner, `/desk/offers/${offer.id}`);
    const row = page.getByTestId(`match-${wanted.number}`);
    await row.waitFor();
    const score = Number((await row.getByTestId('match-score').textContent())?.split(' / ')[0]);
    await row.getByRole('button', { name: 'Why this score' }).click();
    const breakdown = row.getByTestId('score-breakdown');
    await breakdown.getByTestId('factor-quality').waitFor();
    // Each factor's points, as shown, add up to the score (to rounding).
    const points = await breakdown
      .locator('[data-testid^="factor-"] td:nth-child(4)')
      .evaluateAll((cells) => cells.map((cell) => Number(cell.textContent)));
    expect(points).toHaveLength(6);
    expect(Math.abs(points.reduce((sum, value) => sum + value, 0) - score)).toBeLessThanOrEqual(1);
    await row.getByRole('link', { name: 'Negotiate' }).click();
    await page.waitForURL(new RegExp(`/desk/offers/${wanted.id}\\?negotiate=1$`));
    expect(await page.getByTestId('terms-form').getByLabel('Price', { exact: true }).inputValue()).toBe('56000');
    await page.context().close();
  });

  it('tells a stale accept which version to review, and reloads it', async () => {
    const offer = await sellOffer('50');
    const opened = await millOpens(offer.id, '50');
    // The trader counters (version 2): the mill's turn.
    await trader.members.owner.call('tradedesk.negotiations.counter', {
      negotiationId: opened.id,
      version: 1,
      terms: { price: '56400', priceUnit: 'candy', currency: 'INR', quantity: '50', unit: 'bale' },
    });
    const page = await suite.browser.newContext().then(async (context) => {
      await context.addCookies([{ name: 'tl_session', value: mill.members.owner.token, url: suite.url }]);
      const p = await context.newPage();
      // No live stream: the page keeps showing version 2 while the terms move on.
      await p.route('**/trpc/live.updates**', (route) => route.abort());
      await p.goto(`${suite.url}/negotiations/${opened.id}`);
      return p;
    });
    await page.getByTestId('turn').getByText('Your turn: version 2 waits for your answer.').waitFor();
    // A colleague at the mill counters (version 3), the trader answers with version 4.
    await mill.members.staff.call('tradedesk.negotiations.counter', {
      negotiationId: opened.id,
      version: 2,
      terms: { price: '56200', priceUnit: 'candy', currency: 'INR', quantity: '50', unit: 'bale' },
    });
    await trader.members.owner.call('tradedesk.negotiations.counter', {
      negotiationId: opened.id,
      version: 3,
      terms: { price: '56300', priceUnit: 'candy', currency: 'INR', quantity: '50', unit: 'bale' },
    });
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Accept and make the contract' }).click();
    await page.getByTestId('stale-notice').getByText('The other side changed the terms — review version 4').waitFor();
    await page.getByTestId('turn').getByText('Your turn: version 4 waits for your answer.').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/negotiations/${opened.id}`);
    await page.context().close();
  });

  it('offers a viewer no move on an offer or a negotiation', async () => {
    const offer = await sellOffer('30');
    const opened = await millOpens(offer.id, '30');
    const page = await pageAs(suite, trader.members.viewer, `/negotiations/${opened.id}`);
    await page.getByTestId('rounds').getByText('Opening proposal.').waitFor();
    expect(await offered(page, /^(Accept|Counter|Reject|Call off|Negotiate)$/)).toBe(0);
    await page.goto(`${suite.url}/desk/offers/${offer.id}`);
    await page.getByTestId('offer-quality').getByText('28.5–30').waitFor();
    await page.getByTestId('matches').waitFor();
    expect(await offered(page, /^(Withdraw|Negotiate)$/)).toBe(0);
    await page.context().close();
  });

  it('fits a 390 px phone: the offer, the terms form and the negotiation', async () => {
    const offer = await sellOffer('20');
    const phone = { width: 390, height: 844 };
    const page = await pageAs(suite, mill.members.staff, `/desk/offers/${offer.id}`, phone);
    await page.getByTestId('offer-price').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.getByRole('button', { name: 'Negotiate' }).click();
    await page.getByTestId('terms-form').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.getByRole('button', { name: 'Send proposal' }).click();
    await page.waitForURL(/\/negotiations\//);
    await page.getByTestId('rounds').waitFor();
    expect(await overflows(page)).toBe(false);
    await page.context().close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

const PHONE = { width: 390, height: 844 };
const TITLE = 'Shankar-6 cotton for the Coimbatore mill';

/** A buyer's open tender inviting `supplier`, arranged over the API as the buyer's owner would. */
async function openTender(buyer: ApiCompany, supplier: ApiCompany) {
  const owner = buyer.members.owner;
  // A linked supplier is one a buyer can invite.
  const request = await owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
  await supplier.members.owner.call('partners.decide', { linkId: request.id, decision: 'accept' });
  const tender = await owner.call<{ id: string; number: string }>('sourcing.tenders.create', {
    title: TITLE,
    currency: 'INR',
    closesAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
    deliveryPlace: 'Coimbatore',
    items: [
      {
        description: 'Shankar-6 raw cotton bales',
        quantity: '1000',
        unit: 'kg',
        targetPrice: '160',
        hsnCode: '5201',
        specification: [
          { name: 'Staple length', value: '29 mm' },
          { name: 'Micronaire', value: '3.8–4.2' },
        ],
      },
      { description: '30s combed cotton yarn', quantity: '200', unit: 'kg' },
    ],
    idempotencyKey: randomUUID(),
  });
  await owner.call('sourcing.tenders.invite', { tenderId: tender.id, supplierIds: [supplier.id] });
  await owner.call('sourcing.tenders.publish', { tenderId: tender.id });
  return tender;
}

const inputValue = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true }).inputValue();
const fill = (page: Page, label: string, value: string) => page.getByRole('textbox', { name: label, exact: true }).fill(value);

describe('a supplier answers a quote request in a real browser', () => {
  it('opens the request from Quote requests, saves a draft, submits, revises and withdraws; a viewer sees no editor; a phone fits', async () => {
    const buyer = await apiCompany(suite, 'Coimbatore Mills');
    const supplier = await apiCompany(suite, 'Erode Cotton', ['viewer']);
    const tender = await openTender(buyer, supplier);

    const page = await pageAs(suite, supplier.members.owner);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Quote requests' }).click();
    const row = page.getByTestId(`quote-request-${tender.number}`);
    await row.getByText('invited').waitFor();
    await row.getByText(buyer.name).waitFor();
    await row.getByRole('link', { name: tender.number }).click();

    await page.getByRole('heading', { name: `${tender.number} · ${TITLE}` }).waitFor();
    await page.getByText('Staple length: 29 mm').waitFor();

    // A draft: private, and there after a reload.
    await fill(page, 'Unit price of item 1', '152.5');
    await fill(page, 'GST % of item 1', '5');
    await fill(page, 'Lead time (days)', '14');
    await page.getByTestId('quote-total').getByText('Total ₹1,60,125.00').waitFor();
    await page.getByTestId('quote-total').getByText('Rupees One Lakh Sixty Thousand One Hundred Twenty-Five Only').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved').waitFor();
    await page.reload();
    await page.getByTestId('quote-editor').waitFor();
    expect(await inputValue(page, 'Unit price of item 1')).toBe('152.5');
    expect(await inputValue(page, 'Lead time (days)')).toBe('14');
    await page.goto(`${suite.url}/quote-requests`);
    await page.getByTestId(`quote-request-${tender.number}`).getByText('draft saved').waitFor();
    await page.getByTestId(`quote-request-${tender.number}`).getByRole('link', { name: tender.number }).click();

    // An alternative needs what differs: the message stands under its own input.
    await page.getByRole('button', { name: 'Add alternative for item 1' }).click();
    await fill(page, 'Unit price of item 1 alternative 1', '140');
    await page.getByRole('button', { name: 'Submit quote' }).click();
    const description = page.getByRole('textbox', { name: 'Description of item 1 alternative 1', exact: true });
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    await description.fill('Shankar-6, staple 28 mm');

    // Submitted: revision 1; the buyer learns that, never the price.
    await page.getByRole('button', { name: 'Submit quote' }).click();
    await page.getByRole('heading', { name: /Quote submitted — revision 1 at/ }).waitFor();
    const sealed = await buyer.members.owner.call<{ quotes: { revision: number; terms: unknown }[] }>(
      'sourcing.tenders.get',
      { tenderId: tender.id },
      'query',
    );
    expect(sealed.quotes).toMatchObject([{ revision: 1, terms: null }]);

    // Revised: revision 2, the first kept read-only.
    await page.getByRole('button', { name: 'Revise' }).click();
    expect(await inputValue(page, 'Unit price of item 1')).toBe('152.5');
    await fill(page, 'Unit price of item 1', '149');
    await page.getByRole('button', { name: 'Submit revision' }).click();
    await page.getByRole('heading', { name: /Quote submitted — revision 2 at/ }).waitFor();
    await page.getByText(/Revision 1 · superseded/).waitFor();

    // Withdrawn after confirming.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText(/Revision 2 · withdrawn/).waitFor();
    await page.getByText('You withdrew your quote; you may submit a new one before the deadline.').waitFor();

    // A question: published to every invitee without a name; the asker sees its own marked.
    await page.getByRole('textbox', { name: 'Ask a question' }).fill('Is moisture above 8% acceptable?');
    await page.getByRole('button', { name: 'Send question' }).click();
    const question = page.getByTestId('clarification').filter({ hasText: 'Is moisture above 8% acceptable?' });
    await question.getByText('you asked').waitFor();

    // A viewer reads the request but gets no editor and no buttons it cannot use.
    const viewer = supplier.members.viewer;
    if (!viewer) throw new Error('no viewer');
    const viewerPage = await pageAs(suite, viewer, `/quote-requests/${tender.id}`);
    await viewerPage.getByRole('heading', { name: `${tender.number} · ${TITLE}` }).waitFor();
    await viewerPage.getByText('Staple length: 29 mm').waitFor();
    expect(await viewerPage.getByTestId('quote-editor').count()).toBe(0);
    for (const name of ['Decline', 'Revise', 'Withdraw', 'Send question', 'Submit quote']) {
      expect(await viewerPage.getByRole('button', { name, exact: true }).count()).toBe(0);
    }

    // At 390 px the editor is usable and the page no wider than the phone.
    const phone = await pageAs(suite, supplier.members.owner, `/quote-requests/${tender.id}`, PHONE);
    await phone.getByTestId('quote-editor').waitFor();
    await fill(phone, 'Unit price of item 2', '265');
    await phone.getByRole('button', { name: 'Submit quote' }).isVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  }, 240_000);

  it('a supplier declines with a reason; another company cannot open the request: not found, in words', async () => {
    const buyer = await apiCompany(suite, 'Tiruppur Knits');
    const supplier = await apiCompany(suite, 'Salem Yarns');
    const stranger = await apiCompany(suite, 'Madurai Weavers');
    const tender = await openTender(buyer, supplier);

    const own = await pageAs(suite, supplier.members.owner, `/quote-requests/${tender.id}`);
    await own.getByRole('button', { name: 'Decline', exact: true }).click();
    const dialog = own.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('No stock until March');
    await dialog.getByRole('button', { name: 'Decline request' }).click();
    await own.getByText('Your reason: No stock until March').waitFor();
    expect(await own.getByTestId('quote-editor').count()).toBe(0);
    // Stock turned up: before the deadline the supplier may quote after all.
    await own.getByRole('button', { name: 'Quote after all' }).click();
    await own.getByTestId('quote-editor').waitFor();

    const page = await pageAs(suite, stranger.members.owner, `/quote-requests/${tender.id}`);
    await page.getByRole('heading', { name: 'Quote request not found' }).waitFor();
    await page.goto(`${suite.url}/quote-requests`);
    await page.getByText('No open quote requests.', { exact: false }).waitFor();
  }, 120_000);
});

describe('after the award, in a real browser', () => {
  it('the winner reads what it was awarded with a link to its sales order; the other supplier reads the regret', async () => {
    const buyer = await apiCompany(suite, 'Karur Mills');
    const winner = await apiCompany(suite, 'Rajkot Ginners');
    const other = await apiCompany(suite, 'Akola Cotton');
    const tender = await openTender(buyer, winner);
    const request = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: other.id });
    await other.members.owner.call('partners.decide', { linkId: request.id, decision: 'accept' });
    await buyer.members.owner.call('sourcing.tenders.invite', { tenderId: tender.id, supplierIds: [other.id] });

    const itemIds = async (company: ApiCompany) =>
      (await company.members.owner.call<{ items: { id: string }[] }>('sourcing.tenders.get', { tenderId: tender.id }, 'query')).items.map(
        (item) => item.id,
      );
    const [item1] = await itemIds(winner);
    for (const [company, price] of [
      [winner, '149'],
      [other, '155'],
    ] as const) {
      await company.members.owner.call('sourcing.quotes.submit', {
        tenderId: tender.id,
        lines: [{ itemId: item1, unitPrice: price, taxRate: '5' }],
        idempotencyKey: randomUUID(),
      });
    }
    // Every invitee has quoted, so the buyer may close early and award 600 of the 1,000 kg.
    await buyer.members.owner.call('sourcing.tenders.close', { tenderId: tender.id });
    const closed = await buyer.members.owner.call<{ quotes: { id: string; supplierId: string }[] }>(
      'sourcing.tenders.get',
      { tenderId: tender.id },
      'query',
    );
    const quoteId = closed.quotes.find((quote) => quote.supplierId === winner.id)?.id;
    await buyer.members.owner.call('sourcing.tenders.award', {
      tenderId: tender.id,
      awards: [{ itemId: item1, quoteId, quantity: '600' }],
      idempotencyKey: randomUUID(),
    });

    const page = await pageAs(suite, winner.members.owner, `/quote-requests/${tender.id}`);
    const outcome = page.getByTestId('award-outcome');
    await outcome.getByText(/You were awarded item 1 \(600 kg\) — order SO-/).waitFor();
    expect(await page.getByTestId('quote-editor').count()).toBe(0);
    await outcome.getByRole('link', { name: /^SO-/ }).click();
    await page.getByRole('heading', { name: /^Sales order SO-/ }).waitFor();

    const regret = await pageAs(suite, other.members.owner, `/quote-requests/${tender.id}`);
    await regret.getByTestId('award-outcome').getByText('The buyer chose other suppliers this time. Thank you for quoting.').waitFor();
  }, 180_000);
});

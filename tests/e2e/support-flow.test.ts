import { ManualClock } from '@tradeloom/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The flow in two browsers: a buyer and a supplier talk about a delivered order and see
// each other's messages arrive without reloading; the buyer files a complaint; nobody answers in
// time, the clock escalates it and the supplier's page says so; the supplier resolves it with a
// credit note and the buyer reads the resolution.
const clock = new ManualClock();
const suite = browserSuite({ beforeAll, afterAll }, { clock });

const HOUR = 3_600_000;

let buyer: ApiCompany;
let supplier: ApiCompany;
let orderId: string;

beforeAll(async () => {
  buyer = await apiCompany(suite, 'Flow Mill');
  supplier = await apiCompany(suite, 'Flow Ginner');
  const link = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
  await supplier.members.owner.call('partners.decide', { linkId: link.id, decision: 'accept' });
  type Order = { id: string; version: number };
  let order = await buyer.members.owner.call<Order>('orders.create', {
    supplierId: supplier.id,
    lines: [{ description: 'Shankar-6 cotton lint, 29 mm', quantity: '30', unit: 'candy', unitPrice: '61500', taxRate: '5' }],
  });
  const step = async (who: ApiCompany, action: string) => {
    order = await who.members.owner.call<Order>('orders.transition', { orderId: order.id, action, version: order.version });
  };
  await step(buyer, 'submit');
  await step(supplier, 'accept');
  await step(supplier, 'ship');
  await step(buyer, 'deliver');
  orderId = order.id;
}, 300_000);

const thread = (page: Page) => page.getByTestId('document-conversation').getByTestId('message-list');

describe('buyer and supplier on a delivered order', () => {
  it('chat live, file a complaint, see the clock escalate it, and settle it with a credit note', async () => {
    const buyerPage = await pageAs(suite, buyer.members.owner, `/orders/${orderId}`);
    const supplierPage = await pageAs(suite, supplier.members.owner, `/orders/${orderId}`);

    // The buyer starts the order's conversation; the supplier's open page shows it arrive.
    const start = buyerPage.getByTestId('document-conversation');
    await start
      .getByRole('textbox', { name: `Message to ${supplier.name}` })
      .fill('Micronaire reads 4.6 on bales 18–30. <b>Please check</b>');
    await start.getByRole('button', { name: 'Start conversation' }).click();
    await thread(buyerPage).getByText('Micronaire reads 4.6 on bales 18–30. <b>Please check</b>').waitFor();
    // Markup stays text on the other side: no bold element is drawn.
    const arrived = thread(supplierPage).getByText('Micronaire reads 4.6 on bales 18–30. <b>Please check</b>');
    await arrived.waitFor();
    expect(await thread(supplierPage).locator('b').count()).toBe(0);

    // The supplier answers; the buyer's page shows the answer without a reload.
    const reply = supplierPage.getByTestId('document-conversation');
    await reply.getByRole('textbox', { name: 'Message' }).fill('Sending the gin’s HVI sheets today.');
    await reply.getByRole('button', { name: 'Send', exact: true }).click();
    await thread(buyerPage).getByText('Sending the gin’s HVI sheets today.').waitFor();

    // The buyer files a complaint from the order.
    await buyerPage.getByRole('button', { name: 'File a complaint' }).click();
    const dialog = buyerPage.getByRole('dialog');
    await dialog.getByPlaceholder('What went wrong').click();
    await buyerPage.getByRole('option', { name: 'Quality' }).click();
    await dialog.getByRole('textbox', { name: 'Description' }).fill('12 of 30 candies above micronaire 4.2; yarn breaks up 18%.');
    await dialog.getByRole('textbox', { name: 'Amount claimed (optional)' }).fill('125000');
    await dialog.getByRole('button', { name: 'File complaint' }).click();
    await buyerPage.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    const complaintPath = new URL(buyerPage.url()).pathname;
    await buyerPage.getByTestId('amount-claimed').getByText('₹1,25,000.00').waitFor();

    // The supplier opens it: on time, not escalated.
    await supplierPage.goto(`${suite.url}${complaintPath}`);
    await supplierPage
      .getByTestId('complaint-description')
      .getByText('12 of 30 candies above micronaire 4.2; yarn breaks up 18%.')
      .waitFor();
    expect(await supplierPage.getByTestId('escalation-banner').count()).toBe(0);

    // A day and an hour pass with no answer: the first response deadline (24 h for quality) is
    // missed, and the clock escalates the complaint; the supplier's open page shows the banner.
    clock.advance(25 * HOUR);
    const banner = supplierPage.getByTestId('escalation-banner');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.textContent()).toContain('because the first response deadline was missed');

    // The supplier resolves it with a credit note.
    await supplierPage.getByTestId('complaint-actions').getByRole('button', { name: 'Resolve' }).click();
    const resolve = supplierPage.getByRole('dialog');
    await resolve.getByText('Credit note', { exact: true }).click();
    await resolve.getByRole('textbox', { name: 'Credit amount (INR)' }).fill('60000');
    await resolve.getByRole('textbox', { name: 'Note to the buyer' }).fill('Credit for the 12 candies against the next invoice.');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await supplierPage.getByTestId('complaint-resolution').getByText('Credit note: ₹60,000.00').waitFor();

    // The buyer sees the resolution on its own page of the complaint.
    await buyerPage.reload();
    const resolution = buyerPage.getByTestId('complaint-resolution');
    await resolution.getByText('Credit note: ₹60,000.00').waitFor();
    await resolution.getByText('Credit for the 12 candies against the next invoice.').waitFor();
    expect(await resolution.getByText(/You may reopen it until/).count()).toBe(1);
  }, 240_000);
});

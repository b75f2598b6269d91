import { ManualClock } from '@tradeloom/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, apiCompany, pageAs } from './arrange.ts';
import { browserSuite, E2E_PASSWORD } from './browser.ts';

// The finance flow through the screens: the supplier dispatches an accepted order in two
// trucks, the buyer receives one with a rejection, the supplier invoices what was accepted, the
// buyer sees the purchase invoice, the supplier records a part payment, the clock moves the
// amount into an older ageing bucket, and a dispute ends in a credit note on the invoice.
const clock = new ManualClock();
const suite = browserSuite({ beforeAll, afterAll }, { clock });

const DAY = 86_400_000;
const GUJARAT = '24AABCS4821K1ZF';
const LINE = '30s combed yarn';

let buyer: ApiCompany;
let supplier: ApiCompany;
let orderId: string;
let invoicePath = '';
let deliveryPath = '';
let disputePath = '';

beforeAll(async () => {
  buyer = await apiCompany(suite, 'Fin Mill');
  supplier = await apiCompany(suite, 'Fin Spinner');
  // Both head offices in Gujarat: an intra-state sale, taxed CGST + SGST.
  for (const company of [buyer, supplier]) {
    await company.members.owner.call('companies.branches.create', { name: 'HO', country: 'IN', gstin: GUJARAT, isHeadOffice: true });
  }
  const link = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
  await supplier.members.owner.call('partners.decide', { linkId: link.id, decision: 'accept' });
  type Order = { id: string; version: number };
  let order = await buyer.members.owner.call<Order>('orders.create', {
    supplierId: supplier.id,
    lines: [{ description: LINE, quantity: '1000', unit: 'kg', unitPrice: '265.50', hsnCode: '5205', taxRate: '5' }],
  });
  const step = async (who: ApiCompany, action: string) => {
    order = await who.members.owner.call<Order>('orders.transition', { orderId: order.id, action, version: order.version });
  };
  await step(buyer, 'submit');
  await step(supplier, 'accept');
  orderId = order.id;
}, 300_000);

/** Dispatches one truck from the order page's deliveries panel and returns the challan number. */
async function dispatchTruck(page: Page, quantity: string, transporter: string, vehicle: string) {
  await page.goto(`${suite.url}/orders/${orderId}`);
  await page.getByTestId('order-deliveries').getByRole('link', { name: 'Dispatch' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}\/dispatch$/);
  await page.getByRole('textbox', { name: `Quantity of ${LINE}` }).fill(quantity);
  await page.getByRole('textbox', { name: 'Transporter' }).fill(transporter);
  await page.getByRole('textbox', { name: 'Vehicle number' }).fill(vehicle);
  await page.getByRole('button', { name: 'Dispatch' }).click();
  await page.waitForURL(/\/deliveries\/[0-9a-f-]{36}$/);
  await page.getByText(vehicle, { exact: true }).waitFor();
  return new URL(page.url()).pathname;
}

/** Signs in again through the sign-in page: moving the clock weeks ahead ends the old sessions. */
async function signInAgain(page: Page, email: string, then: string) {
  await page.context().clearCookies();
  await page.goto(`${suite.url}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${suite.url}${then}`);
}

const cellText = async (page: Page, row: string, column: number) =>
  (await page.getByTestId(row).locator('td').nth(column).textContent())?.trim();

describe('deliveries, invoice, payment, ageing and a dispute through the screens', () => {
  it('two trucks, a rejection, an invoice, a part payment, ageing, and a credit note', async () => {
    const supplierPage = await pageAs(suite, supplier.members.owner, `/orders/${orderId}`);
    const buyerPage = await pageAs(suite, buyer.members.owner, '/');

    // Two trucks: 600 kg, then the 400 kg left.
    const truck1 = await dispatchTruck(supplierPage, '600', 'Shree Roadlines', 'GJ01AB1234');
    const truck2 = await dispatchTruck(supplierPage, '400', 'Patel Transport', 'GJ05CD5678');
    expect(truck1).not.toBe(truck2);
    deliveryPath = truck1;
    await supplierPage.goto(`${suite.url}/orders/${orderId}`);
    const panel = supplierPage.getByTestId('order-deliveries');
    await panel.getByText('GJ05CD5678').waitFor();
    expect(await panel.getByRole('link', { name: 'Dispatch' }).count()).toBe(0);

    // The buyer receives the first truck: 550 kg accepted, 50 kg rejected with a reason.
    await buyerPage.goto(`${suite.url}${truck1}`);
    await buyerPage.getByRole('textbox', { name: `Accepted quantity of ${LINE}` }).fill('550');
    await buyerPage.getByRole('textbox', { name: `Rejected quantity of ${LINE}` }).fill('50');
    await buyerPage.getByRole('textbox', { name: `Reason for rejecting ${LINE}` }).fill('Count variation beyond 2%');
    await buyerPage.getByRole('button', { name: 'Record receipt' }).click();
    await buyerPage.getByText('Count variation beyond 2%').waitFor();
    expect(await buyerPage.getByText('Goods were rejected on this delivery.').count()).toBe(1);

    // The supplier raises the invoice from the order: quantities prefilled from what was
    // dispatched (1000 kg); it invoices what the buyer accepted, 550 kg.
    await supplierPage.goto(`${suite.url}/orders/${orderId}`);
    await supplierPage.getByTestId('order-invoices').getByRole('link', { name: 'Raise invoice' }).click();
    await supplierPage.waitForURL(/\/invoices\/new\?orderId=/);
    const quantity = supplierPage.getByRole('textbox', { name: 'Quantity to invoice on line 1' });
    await expect.poll(() => quantity.inputValue()).toMatch(/^1000(\.0+)?$/);
    await quantity.fill('550');
    await supplierPage.getByText('Taxable value about ₹1,46,025.00').waitFor();
    await supplierPage.getByRole('button', { name: 'Create draft invoice' }).click();
    await supplierPage.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    invoicePath = new URL(supplierPage.url()).pathname;
    await supplierPage.getByRole('button', { name: 'Issue', exact: true }).click();
    const heading = supplierPage.getByRole('heading', { name: /^Sales invoice INV-/ });
    await heading.waitFor();
    const invoiceNumber = (await heading.textContent())?.replace('Sales invoice ', '').trim() ?? '';
    expect(invoiceNumber).toMatch(/^INV-\d{4}-\d{2}\/\d{6}$/);
    // 550 × ₹265.50 = ₹1,46,025.00; CGST and SGST 2.5% each, rounded half-up: ₹3,650.63.
    const totals = supplierPage.getByTestId('invoice-total');
    expect(await totals.textContent()).toBe('₹1,53,326.26');
    const tax = supplierPage.getByText('CGST', { exact: true }).locator('xpath=..');
    expect(await tax.textContent()).toContain('₹3,650.63');
    expect(await supplierPage.getByText('SGST', { exact: true }).locator('xpath=..').textContent()).toContain('₹3,650.63');
    expect(await supplierPage.getByTestId('invoice-balance').textContent()).toContain('₹1,53,326.26');

    // The buyer's purchase invoices list shows it.
    await buyerPage.goto(`${suite.url}/invoices?side=purchase`);
    const purchaseRow = buyerPage.getByRole('row').filter({ hasText: invoiceNumber });
    await purchaseRow.waitFor();
    expect(await purchaseRow.textContent()).toContain('₹1,53,326.26');
    expect(await purchaseRow.textContent()).toContain(supplier.name);

    // The supplier records a part payment of ₹50,000 against the invoice.
    await supplierPage.goto(`${suite.url}${invoicePath}`);
    await supplierPage.getByTestId('invoice-payments').getByRole('link', { name: 'Record payment' }).click();
    await supplierPage.waitForURL(/\/payments\/new\?/);
    await supplierPage.getByRole('textbox', { name: 'Amount' }).fill('50000');
    await supplierPage.getByRole('textbox', { name: 'Reference' }).fill('UTR HDFC0001234');
    await supplierPage.getByRole('textbox', { name: `Allocate to ${invoiceNumber}` }).fill('50000');
    await supplierPage.getByTestId('allocation-summary').getByText('Allocated ₹50,000.00 · left as advance ₹0.00').waitFor();
    await supplierPage.getByRole('button', { name: 'Record payment' }).click();
    await supplierPage.waitForURL(/\/payments\/[0-9a-f-]{36}$/);

    // The invoice is partly paid; ₹1,03,326.26 is still owed.
    await supplierPage.goto(`${suite.url}${invoicePath}`);
    await supplierPage.getByTestId('invoice-balance').getByText('₹1,03,326.26').waitFor();
    expect((await supplierPage.getByText('partly paid', { exact: true }).first().textContent())?.toLowerCase()).toBe('partly paid');

    // Ageing: not yet due today; ~40 days past the due date it is in 31–60 days.
    const invoice = await supplier.members.owner.call<{ id: string; dueDate: string }>(
      'finance.invoices.get',
      { invoiceId: invoicePath.split('/').pop() },
      'query',
    );
    await supplierPage.goto(`${suite.url}/outstanding`);
    const row = `outstanding-${buyer.name}`;
    await supplierPage.getByTestId(row).waitFor();
    // Columns: buyer, outstanding, overdue, not yet due, 0–30, 31–60, 61–90, over 90, advance.
    expect(await cellText(supplierPage, row, 1)).toBe('₹1,03,326.26');
    expect(await cellText(supplierPage, row, 3)).toBe('₹1,03,326.26');
    expect(await cellText(supplierPage, row, 5)).toBe('—');
    const due = new Date(`${invoice.dueDate.slice(0, 10)}T12:00:00Z`).getTime();
    clock.advance(Math.max(0, due - clock.now().getTime()) + 40 * DAY);
    await signInAgain(supplierPage, supplier.members.owner.email, '/outstanding');
    await signInAgain(buyerPage, buyer.members.owner.email, '/');
    await supplierPage.getByTestId(row).waitFor();
    expect(await cellText(supplierPage, row, 3)).toBe('—');
    expect(await cellText(supplierPage, row, 5)).toBe('₹1,03,326.26');
    expect(await cellText(supplierPage, row, 2)).toBe('₹1,03,326.26');

    // The buyer disputes ₹10,000 of it from the invoice page.
    await buyerPage.goto(`${suite.url}${invoicePath}`);
    await buyerPage.getByTestId('invoice-disputes').getByRole('button', { name: 'Raise dispute' }).click();
    const dialog = buyerPage.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Amount in dispute' }).fill('10000');
    await dialog.getByPlaceholder('What is wrong').click();
    await buyerPage.getByRole('option', { name: 'Quantity short or excess' }).click();
    await dialog.getByRole('textbox', { name: 'Description' }).fill('50 kg of truck 1 was rejected for count variation.');
    await dialog.getByRole('button', { name: 'Raise dispute' }).click();
    await buyerPage.waitForURL(/\/disputes\/[0-9a-f-]{36}$/);
    disputePath = new URL(buyerPage.url()).pathname;
    expect(await buyerPage.getByTestId('dispute-amount').textContent()).toContain('₹10,000.00');

    // The supplier resolves it into a credit note.
    await supplierPage.goto(`${suite.url}${disputePath}`);
    await supplierPage.getByRole('button', { name: 'Resolve' }).click();
    await supplierPage.getByPlaceholder('How it ends').click();
    await supplierPage.getByRole('option', { name: 'Credit note' }).click();
    await supplierPage.getByRole('textbox', { name: 'Note amount including tax' }).fill('10000');
    await supplierPage.getByRole('button', { name: 'Resolve' }).last().click();
    const resolution = supplierPage.getByTestId('dispute-resolution');
    await resolution.getByText(/Credit note .* for ₹10,000\.00/).waitFor();

    // The invoice shows the credit note and the reduced balance: ₹1,03,326.26 − ₹10,000.00.
    await supplierPage.goto(`${suite.url}${invoicePath}`);
    const notes = supplierPage.getByTestId('invoice-notes');
    const credit = notes.getByRole('row').filter({ hasText: /^CN-/ });
    await credit.waitFor();
    expect(await credit.textContent()).toMatch(/Credit note.*Dispute resolution.*₹10,000\.00$/);
    await supplierPage.getByTestId('invoice-balance').getByText('₹93,326.26').waitFor();

    // The buyer sees the same credit note, the supplier's receipt allocated to the invoice, and
    // a balance by its own records (it recorded no payment itself): ₹1,53,326.26 − ₹10,000.00.
    await buyerPage.goto(`${suite.url}${invoicePath}`);
    const buyerCredit = buyerPage.getByTestId('invoice-notes').getByRole('row').filter({ hasText: /^CN-/ });
    await buyerCredit.waitFor();
    expect(await buyerCredit.textContent()).toContain('₹10,000.00');
    const receipt = buyerPage.getByTestId('invoice-payments').getByRole('row').filter({ hasText: 'Supplier (received)' });
    expect(await receipt.textContent()).toContain('₹50,000.00');
    await buyerPage.getByText('Balance by your records', { exact: true }).waitFor();
    expect(await buyerPage.getByTestId('invoice-balance').textContent()).toBe('₹1,43,326.26');
  }, 300_000);

  it('the invoice, delivery, dispute and outstanding pages fit a 390 px phone without sideways scrolling', async () => {
    const phone = await pageAs(suite, buyer.members.owner, '/login', { width: 390, height: 844 });
    await signInAgain(phone, buyer.members.owner.email, invoicePath);
    await phone.getByTestId('invoice-total').waitFor();
    const width = () => phone.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(390);
    await phone.goto(`${suite.url}${deliveryPath}`);
    await phone.getByText('Count variation beyond 2%').waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    await phone.goto(`${suite.url}${disputePath}`);
    await phone.getByTestId('dispute-resolution').waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
    await phone.goto(`${suite.url}/outstanding?side=payable`);
    await phone.getByText(supplier.name).first().waitFor();
    expect(await width()).toBeLessThanOrEqual(390);
  }, 120_000);
});

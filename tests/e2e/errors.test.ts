import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF } from '../harness/files.ts';
import { type ApiUser, apiCompany, apiUser, pageAs } from './arrange.ts';
import { browserSuite, companyOwner } from './browser.ts';

// Every refusal is said in words beside the thing it is about: line 2's quantity under line 2's
// quantity input, a stage's over-report under that stage, a missing reason under the reason box;
// a record that is not there says so with the way back.
const suite = browserSuite({ beforeAll, afterAll });

/** The table cell holding an input: where that input's message is drawn. */
const cellOf = (page: Page, label: string) => page.locator('td', { has: page.getByLabel(label, { exact: true }) });
/** A Mantine input's wrapper (label, input, message). */
const wrapperOf = (input: Locator) => input.locator('xpath=ancestor::div[contains(@class, "InputWrapper-root")][1]');

interface Partner {
  id: string;
}

async function sellerWithBuyer(label: string): Promise<{ owner: ApiUser; buyer: Partner }> {
  const company = await apiCompany(suite, label);
  const buyer = await company.members.owner.call<Partner>('partners.addUnclaimed', {
    name: `${label} Buyer`,
    country: 'IN',
    relationship: 'buyer',
  });
  return { owner: company.members.owner, buyer };
}

async function expectNoPointlessSentence(page: Page) {
  expect(await page.getByText('Please correct the highlighted fields').count()).toBe(0);
}

describe('errors beside what they are about', () => {
  it("a new order's line 2: a negative quantity and an over-long description show under line 2's inputs", async () => {
    const { owner } = await sellerWithBuyer('NewLines');
    const page = await pageAs(suite, owner, '/orders/new?side=sales');
    await page.getByPlaceholder('Choose a linked partner').click();
    await page.getByRole('option', { name: /NewLines Buyer/ }).click();
    await page.getByLabel('Description of line 1', { exact: true }).fill('Cotton bales');
    await page.getByLabel('Unit price of line 1', { exact: true }).fill('100');
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('Description of line 2', { exact: true }).fill('x'.repeat(501));
    await page.getByLabel('Quantity of line 2', { exact: true }).fill('-5');
    await page.getByLabel('Unit price of line 2', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Save draft' }).click();

    await cellOf(page, 'Quantity of line 2').getByText('Must be more than zero').waitFor();
    expect(await cellOf(page, 'Description of line 2').textContent()).toMatch(/500/);
    expect(await cellOf(page, 'Quantity of line 1').textContent()).not.toMatch(/must/i);
    await expectNoPointlessSentence(page);
    expect(page.url()).toContain('/orders/new');
  });

  it("editing a draft: line 2's negative quantity shows under line 2's quantity", async () => {
    const { owner, buyer } = await sellerWithBuyer('EditLines');
    const line = (description: string) => ({ description, quantity: '10', unit: 'kg', unitPrice: '100', taxRate: '5' });
    const order = await owner.call<{ id: string }>('orders.create', { buyerId: buyer.id, lines: [line('Cotton'), line('Yarn')] });
    const page = await pageAs(suite, owner, `/orders/${order.id}/edit`);
    await page.getByLabel('Quantity of line 2', { exact: true }).fill('-3');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await cellOf(page, 'Quantity of line 2').getByText('Must be more than zero').waitFor();
    await expectNoPointlessSentence(page);
  });

  it("over-reporting one stage: the server's refusal shows under that stage's input", async () => {
    const mill = await apiCompany(suite, 'OverReport');
    const { owner: planner } = mill.members;
    let wo = await planner.call<{ id: string; number: string; version: number }>('production.workOrders.create', {
      description: 'Yarn lot',
      quantity: '100',
      unit: 'kg',
      operations: [{ name: 'Spinning' }, { name: 'Winding' }],
    });
    for (const action of ['release', 'start']) {
      wo = await planner.call('production.workOrders.update', { workOrderId: wo.id, version: wo.version, action });
    }
    const page = await pageAs(suite, planner, '/production');
    await page.getByTestId(`wo-${wo.number}`).getByRole('button', { name: 'Report progress' }).click();
    const winding = page.getByLabel(/^Winding/);
    await winding.fill('500');
    await page.getByRole('button', { name: 'Save progress' }).click();
    await wrapperOf(winding).getByText('Is more than 10% above the Winding plan of 100 (at most 110)').waitFor();
    expect(await wrapperOf(page.getByLabel(/^Spinning/)).textContent()).not.toContain('10%');
    await expectNoPointlessSentence(page);
  });

  it('rejecting a verification document without a reason: said under that document’s reason box', async () => {
    const company = await (await suite.browser.newContext()).newPage();
    await companyOwner(company, suite.url, 'owner@reasonless.example', 'Reasonless Mills', true);
    await company.goto(`${suite.url}/company`);
    await company.locator('input[type="file"]').first().setInputFiles({ name: 'gst.pdf', mimeType: 'application/pdf', buffer: PDF });
    await company.getByRole('button', { name: 'Submit for review' }).click();
    await company.getByText('Submitted for review').waitFor();

    const operator = await apiUser(suite, 'Reason operator');
    await suite.db.updateTable('users').set({ is_platform_admin: true }).where('email', '=', operator.email).execute();
    const page = await pageAs(suite, operator, '/admin/review', { width: 390, height: 844 });
    const item = page.locator('[data-testid^="review-document-"]', { hasText: 'Reasonless Mills' });
    await item.getByRole('button', { name: 'Reject' }).click();
    await wrapperOf(item.getByLabel('Reason')).getByText('Is required when rejecting').waitFor();

    // At 390 px the reason box and both buttons are on the screen, and the page does not scroll sideways.
    for (const control of [
      item.getByLabel('Reason'),
      item.getByRole('button', { name: 'Approve' }),
      item.getByRole('button', { name: 'Reject' }),
    ]) {
      const box = await control.boundingBox();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await item.getByLabel('Reason').fill('The certificate is unreadable');
    await item.getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Nothing waiting.').first().waitFor();
  });
});

describe('not found', () => {
  it('a malformed or unknown order id says "Order not found" with the way back, not "Try again"', async () => {
    const { owner } = await sellerWithBuyer('Missing');
    for (const path of ['/orders/not-a-uuid', '/orders/00000000-0000-4000-8000-000000000000', '/orders/not-a-uuid/edit']) {
      const page = await pageAs(suite, owner, path);
      const state = page.getByTestId('not-found');
      await state.getByText('Order not found').waitFor();
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      await expectNoPointlessSentence(page);
      await state.getByRole('link', { name: 'Back to orders' }).click();
      await page.waitForURL(/\/orders$/);
      await page.context().close();
    }
  });

  it("another company's order looks the same as a missing one", async () => {
    const { owner, buyer } = await sellerWithBuyer('Foreign');
    const order = await owner.call<{ id: string }>('orders.create', {
      buyerId: buyer.id,
      lines: [{ description: 'Cotton', quantity: '1', unit: 'kg', unitPrice: '10', taxRate: '5' }],
    });
    const stranger = await apiCompany(suite, 'Stranger');
    const page = await pageAs(suite, stranger.members.owner, `/orders/${order.id}`);
    await page.getByTestId('not-found').getByText('Order not found').waitFor();
  });
});

describe('finishing a work order below plan', () => {
  it('asks first and says what happens to the rest; declining leaves it in progress', async () => {
    const mill = await apiCompany(suite, 'Finish');
    const { owner: planner } = mill.members;
    let wo = await planner.call<{ id: string; number: string; version: number; operations: { id: string }[] }>(
      'production.workOrders.create',
      { description: 'Yarn lot', quantity: '100', unit: 'kg', operations: [{ name: 'Spinning' }] },
    );
    for (const action of ['release', 'start']) {
      wo = await planner.call('production.workOrders.update', { workOrderId: wo.id, version: wo.version, action });
    }
    wo = await planner.call('production.workOrders.update', {
      workOrderId: wo.id,
      version: wo.version,
      progress: [{ operationId: wo.operations[0]?.id, completedQuantity: '60' }],
    });
    const page = await pageAs(suite, planner, '/production');
    const card = page.getByTestId(`wo-${wo.number}`);
    const asking = page.waitForEvent('dialog');
    void card.getByRole('button', { name: 'Complete' }).click();
    const dialog = await asking;
    const question = dialog.message();
    await dialog.dismiss();
    expect(question).toContain(`Complete ${wo.number} at 60%?`);
    expect(question).toContain('the unfinished quantity (Spinning 40 kg) is not made and leaves the stage load');
    expect(await card.getByRole('button', { name: 'Report progress' }).count()).toBe(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Complete' }).click();
    await card.getByRole('button', { name: 'Complete' }).waitFor({ state: 'detached' });
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner, E2E_PASSWORD, signUpAndSignIn } from './browser.ts';

// Forms validate with the schemas the server uses (react-hook-form + zod resolver): the browser
// shows the server's rules before any request, and the server's own refusals land on the field
// they name, or in words beside the submit button when they name none.
const suite = browserSuite({ beforeAll, afterAll });

/** Counts the browser's calls to one tRPC procedure (batched calls name it in the path). */
function countCalls(page: Page, procedure: string): () => number {
  let calls = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.split(',').some((part) => part.endsWith(procedure))) calls += 1;
  });
  return () => calls;
}

describe('forms in a real browser', () => {
  it("shows the server's rules before sending: a wrong GSTIN check digit and a too-long name never reach companies.create", async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await signUpAndSignIn(page, suite.url, { name: 'Meena Rao', email: 'meena@forms.example', password: E2E_PASSWORD });
    await page.getByRole('button', { name: 'Create company' }).waitFor();
    const creates = countCalls(page, 'companies.create');

    await page.getByLabel('Company name').fill('K'.repeat(121));
    await page.getByLabel('GSTIN').fill('33AADCC7315M1Z0');
    await page.getByRole('button', { name: 'Create company' }).click();
    await page.getByText('Is not a valid GSTIN').waitFor();
    await page.getByText(/120 characters/).waitFor();
    expect(creates()).toBe(0);

    await page.getByLabel('Company name').fill('Salem Weaves');
    await page.getByLabel('GSTIN').fill('');
    await page.getByRole('button', { name: 'Create company' }).click();
    await page.getByRole('heading', { name: 'Salem Weaves' }).waitFor();
    expect(creates()).toBe(1);
  });

  it('says a refusal that names no field beside the submit button', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await page.goto(`${suite.url}/login`);
    const logins = countCalls(page, 'auth.login');
    await page.getByRole('textbox', { name: 'Email' }).fill('nobody@forms.example');
    await page.locator('input[autocomplete="current-password"]').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' });
    await refusal.waitFor();
    expect(logins()).toBe(1);
    // Beside the button, below the fields: where the eye is after clicking, not above the form.
    const [said, password, button] = await Promise.all([
      refusal.boundingBox(),
      page.locator('input[autocomplete="current-password"]').boundingBox(),
      page.getByRole('button', { name: 'Sign in' }).boundingBox(),
    ]);
    expect(said?.y).toBeGreaterThan(password?.y ?? Number.POSITIVE_INFINITY);
    expect(Math.abs((said?.y ?? 0) - (button?.y ?? 0))).toBeLessThan(button?.height ?? 0);
  });

  it("puts a field error only the server can find on that line's input", async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await companyOwner(page, suite.url, 'owner@forms-mill.example', 'Forms Mill', true);

    await page.goto(`${suite.url}/catalog`);
    await page.getByRole('button', { name: 'Add product' }).click();
    const product = page.getByRole('dialog');
    await product.getByRole('textbox', { name: 'SKU' }).fill('FM-1');
    await product.getByRole('textbox', { name: 'Name' }).fill('Combed cotton 40s');
    await product.getByRole('textbox', { name: 'Price per unit' }).fill('310');
    await product.getByRole('button', { name: 'Add product' }).click();
    await page.getByTestId('product-FM-1').waitFor();

    await page.goto(`${suite.url}/partners`);
    await page.getByRole('button', { name: 'Add a company not on Tradeloom' }).click();
    const partner = page.getByRole('dialog');
    await partner.getByRole('textbox', { name: 'Company name' }).fill('Forms Buyer');
    await partner.getByLabel('They are').first().click();
    await page.getByRole('option', { name: 'A buyer we sell to' }).click();
    await partner.getByRole('button', { name: 'Add partner' }).click();
    await page.getByTestId('link-Forms Buyer').waitFor();

    await page.goto(`${suite.url}/orders/new?side=sales`);
    await page.getByPlaceholder('Choose a linked partner').click();
    await page.getByRole('option', { name: /Forms Buyer/ }).click();
    await page.getByPlaceholder('Free text line').click();
    await page.getByRole('option', { name: /FM-1/ }).click();
    // The product leaves the catalog after the screen offered it: only the server can tell.
    await suite.db.updateTable('products').set({ active: false }).where('sku', '=', 'FM-1').execute();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Is not an active product of this supplier').waitFor();
    expect(page.url()).toContain('/orders/new');
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

describe('financial years screen in a real browser', () => {
  it('the owner closes a year, watches it finish, reads the opening balance and reopens it with a reason', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await companyOwner(page, suite.url, 'fy-owner@tradeloom.example', 'Year End Mills', true);
    const company = await suite.db.selectFrom('companies').select(['id']).where('name', '=', 'Year End Mills').executeTakeFirstOrThrow();
    // The year that holds today, and one buyer's open invoice in it (written as the invoice procedures will).
    const year = await suite.db.selectFrom('financial_years').selectAll().where('company_id', '=', company.id).executeTakeFirstOrThrow();
    const buyer = await suite.db
      .insertInto('companies')
      .values({ name: 'Rajkot Weavers', legal_name: 'Rajkot Weavers', country: 'IN', base_currency: 'INR' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await suite.db
      .insertInto('invoices')
      .values({
        supplier_company_id: company.id,
        buyer_company_id: buyer.id,
        number: `E2E-${randomUUID().slice(0, 6)}`,
        status: 'issued',
        invoice_date: year.starts_on,
        currency: 'INR',
        tax_regime: 'intra_state',
        subtotal: '250000.00',
        taxable: '250000.00',
        total: '250000.00',
      })
      .execute();

    await page.goto(`${suite.url}/settings/financial-years`);
    await page.getByRole('cell', { name: year.label, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Close year' }).click();
    await page.getByText('can be created or changed').waitFor();
    await page.getByRole('button', { name: `Close ${year.label}` }).click();
    // The job runs in the server; the list polls until the year reads closed.
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.getByText('1 of 1').or(page.getByText('Closed ')).first().waitFor();

    // The next year's opening balance: ₹2,50,000.00 receivable from the buyer (Indian grouping).
    // The newest year (the one the close just opened) is shown; the closed one has none.
    const picker = page.getByRole('combobox', { name: 'Year' });
    await expect.poll(() => picker.inputValue()).not.toBe(year.label);
    await page.getByRole('cell', { name: 'Rajkot Weavers' }).waitFor();
    expect(await page.getByRole('cell', { name: /2,50,000\.00/ }).count()).toBe(1);
    await picker.click();
    await page.getByRole('option', { name: year.label }).click();
    await page.getByText(`No opening balances in ${year.label}`).waitFor();

    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('button', { name: `Reopen ${year.label}` }).click();
    await page.getByText('say why the year is reopened').waitFor();
    await page.getByLabel('Reason').fill('An invoice of March was missed');
    await page.getByRole('button', { name: `Reopen ${year.label}` }).click();
    await page.getByText('An invoice of March was missed').waitFor();
    const reopened = page.getByRole('row').filter({ hasText: year.label });
    await reopened.getByRole('button', { name: 'Close year' }).waitFor();
    expect(await reopened.getByRole('button', { name: 'Reopen' }).count()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

describe('operators’ console in a real browser', () => {
  it('an operator suspends a company with a reason; its owner, signed in elsewhere, is cut off on their next action', async () => {
    const owner = await (await suite.browser.newContext()).newPage();
    await companyOwner(owner, suite.url, 'kaveri-owner@tradeloom.example', 'Kaveri Looms', true);

    // The operator works on a phone-sized screen: nothing may scroll sideways.
    const operator = await (await suite.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await companyOwner(operator, suite.url, 'console-ops@tradeloom.example', 'Tradeloom Console Desk', false);
    await suite.db.updateTable('users').set({ is_platform_admin: true }).where('email', '=', 'console-ops@tradeloom.example').execute();

    await operator.goto(`${suite.url}/admin/companies`);
    await operator.getByRole('textbox', { name: 'Search' }).fill('Kaveri');
    await operator.getByRole('link', { name: 'Kaveri Looms' }).click();
    await operator.getByRole('button', { name: 'Suspend company' }).waitFor();
    expect(await operator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A reason is required, said beside the field.
    await operator.getByRole('button', { name: 'Suspend company' }).click();
    await operator.getByText(/say why/i).waitFor();
    await operator.getByLabel('Reason for suspending').fill('Chargebacks reported by three buyers');
    await operator.getByRole('button', { name: 'Suspend company' }).click();
    await operator.getByRole('button', { name: 'Reactivate company' }).waitFor();
    await operator.getByRole('cell', { name: 'Chargebacks reported by three buyers' }).waitFor();

    // The owner's tab was open all along; the next thing they do is refused, in words.
    await owner.getByRole('link', { name: 'Team', exact: true }).click();
    await owner
      .getByText(/suspended or closed on Tradeloom/)
      .first()
      .waitFor();

    const company = await suite.db
      .selectFrom('companies')
      .select(['status', 'status_reason'])
      .where('name', '=', 'Kaveri Looms')
      .executeTakeFirstOrThrow();
    expect(company).toEqual({ status: 'suspended', status_reason: 'Chargebacks reported by three buyers' });
  });
});

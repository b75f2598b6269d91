import { afterAll, beforeAll, describe, it } from 'vitest';
import { PDF } from '../harness/files.ts';
import { browserSuite, companyOwner } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

describe('verification review in a real browser', () => {
  it('the operator approves the details shown; when the company changed them meanwhile, the screen says so and shows the new ones', async () => {
    const company = await (await suite.browser.newContext()).newPage();
    await companyOwner(company, suite.url, 'owner@rajkot-ginning.example', 'Rajkot Ginning', true);
    await company.goto(`${suite.url}/company`);
    await company.locator('input[type="file"]').first().setInputFiles({ name: 'gst.pdf', mimeType: 'application/pdf', buffer: PDF });
    await company.getByRole('button', { name: 'Submit for review' }).click();
    await company.getByText('Submitted for review').waitFor();

    const operator = await (await suite.browser.newContext()).newPage();
    await companyOwner(operator, suite.url, 'ops@tradeloom.example', 'Tradeloom Operations', false);
    await suite.db.updateTable('users').set({ is_platform_admin: true }).where('email', '=', 'ops@tradeloom.example').execute();
    await operator.goto(`${suite.url}/admin/review`);
    await operator.getByText('Legal name: Rajkot Ginning').waitFor();

    // The company's legal name changes after the operator looked (a write the lock could not stop).
    await suite.db.updateTable('companies').set({ legal_name: 'Rajkot Ginning Pvt Ltd' }).where('name', '=', 'Rajkot Ginning').execute();
    await operator.getByRole('button', { name: 'Approve' }).click();
    await operator.getByText('The company changed these details after you opened them').waitFor();
    await operator.getByText('Legal name: Rajkot Ginning Pvt Ltd').waitFor();

    await operator.getByRole('button', { name: 'Approve' }).click();
    await operator.getByText('Nothing waiting.').first().waitFor();
  });
});

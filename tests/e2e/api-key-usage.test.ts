import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The API keys screen on a phone: each key's limit and today's calls, its fortnight of usage, and
// an admin changing the limit within the plan's ceiling (6,000 a minute by default).
const suite = browserSuite({ beforeAll, afterAll });
const PHONE = { width: 390, height: 844 };

let mill: ApiCompany;
beforeAll(async () => {
  mill = await apiCompany(suite, 'Usage Mill');
  const { key } = await mill.members.owner.call<{ key: string }>('apiKeys.create', { name: 'Tally sync', scopes: ['company:read'] });
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${suite.url}/trpc/companies.current`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
  }
});

describe('API key usage and limits', () => {
  it("shows today's calls and the limit, and lets an admin change the limit within the ceiling", async () => {
    const page = await pageAs(suite, mill.members.owner, '/api-keys', PHONE);
    const row = page.getByRole('row', { name: /Tally sync/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/600\s*3/);
    await row.getByRole('button', { name: 'Usage & limit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('3 calls in 14 days').waitFor();
    expect(await dialog.getByRole('row').count()).toBe(15); // heading + 14 days

    const limit = dialog.getByLabel('Calls per minute');
    await limit.fill('100000');
    await dialog.getByRole('button', { name: 'Save limit' }).click();
    await dialog.getByText('At most 6,000 calls a minute on your plan.').waitFor();

    await limit.fill('1500');
    await dialog.getByRole('button', { name: 'Save limit' }).click();
    await page.keyboard.press('Escape');
    await row.getByText('1,500').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});

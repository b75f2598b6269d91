import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

const PHONE = { width: 390, height: 844 };
const SCREENS = [
  '/company',
  '/partners',
  '/catalog',
  '/orders',
  '/orders/new?side=sales',
  '/production',
  '/team',
  '/api-keys',
  '/settings',
  '/account',
];

describe('a phone-wide screen', () => {
  it('no screen is wider than 390 px: wide tables scroll inside their box', async () => {
    const page = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    await companyOwner(page, suite.url, 'owner@narrow-mill.example', 'Narrow Mill', true);
    const wider: Record<string, number> = {};
    for (const screen of SCREENS) {
      await page.goto(`${suite.url}${screen}`);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await page.getByLabel('Loading').first().waitFor({ state: 'detached' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) wider[screen] = width;
    }
    expect(wider).toEqual({});
  });
});

import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner, E2E_PASSWORD } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

const PHONE = { width: 390, height: 844 };
const EMAIL = 'owner@two-factor-mill.example';

/**
 * The code an authenticator app shows `stepsAhead` 30-second steps from now. The server accepts
 * one step either side and never the same step twice, so a second sign-in uses the next step
 * instead of waiting for the clock.
 */
function codeFor(secret: string, stepsAhead = 0): string {
  const step = Math.floor(Date.now() / 30_000) + stepsAhead;
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
}

async function signInWithPassword(page: Page) {
  await page.goto(`${suite.url}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
  await page.locator('input[autocomplete="current-password"]').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
}

describe('two-factor sign-in in a real browser', () => {
  it('enrols on the account page, then signs in with an app code and with a recovery code, once', async () => {
    const page = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    await companyOwner(page, suite.url, EMAIL, 'Two Factor Mill', true);

    await page.goto(`${suite.url}/account`);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // A wrong code is refused next to the code box, and nothing is turned on.
    await page.getByLabel('Code from the app').fill(codeFor(secret) === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('That code is not right').waitFor();

    await page.getByLabel('Code from the app').fill(codeFor(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const recoveryCodes = (await page.getByTestId('recovery-code').allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('10 recovery codes left').waitFor();
    expect(await page.getByTestId('recovery-codes').count()).toBe(0);

    // The password alone leads to the code step, which takes the app's next code.
    await signOut(page);
    await signInWithPassword(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByLabel('Code from the app').fill(codeFor(secret, 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Two Factor Mill' }).waitFor();

    // A recovery code signs in once.
    await signOut(page);
    await signInWithPassword(page);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0] as string);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Two Factor Mill' }).waitFor();

    await signOut(page);
    await signInWithPassword(page);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0] as string);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('That code is not right, or it was already used').waitFor();

    // A pending sign-in that opens an app page is sent back to the code step.
    await page.goto(`${suite.url}/orders`);
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/orders');
  }, 120_000);
});

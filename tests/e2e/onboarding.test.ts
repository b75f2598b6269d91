import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, signUpAndSignIn } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

const PASSWORD = 'woven cotton bales 2026';

const signUp = (page: Page, name: string, email: string) => signUpAndSignIn(page, suite.url, { name, email, password: PASSWORD });

/** Opens the dev mailbox and follows the link in the newest mail whose subject matches. */
async function followMailLink(page: Page, subject: RegExp) {
  await page.goto(`${suite.url}/dev-mailbox`);
  const mail = page.getByTestId('dev-mail').filter({ hasText: subject }).first();
  await mail.waitFor({ timeout: 15_000 });
  await mail.getByRole('link').first().click();
}

describe('onboarding in a real browser', () => {
  it('sign up → verify → create company → invite → the invitee accepts in another browser and signs in to see the company', async () => {
    const owner = await suite.browser.newContext();
    const page = await owner.newPage();

    await signUp(page, 'Asha Iyer', 'asha@mill.example');
    await expect.poll(() => page.url()).toContain('/companies/new');
    const verifyBanner = page.getByRole('status').filter({ hasText: 'Confirm your email address' });
    await verifyBanner.waitFor();

    await page.getByLabel('Company name').fill('Tiruppur Knit Mills');
    await page.getByLabel('GSTIN').fill('33AADCC7315M1Z0');
    await page.getByRole('button', { name: 'Create company' }).click();
    // A wrong check digit is refused with the field named.
    await page.getByText('Is not a valid GSTIN').waitFor();
    await page.getByLabel('GSTIN').fill('');
    await page.getByRole('button', { name: 'Create company' }).click();
    await page.getByRole('heading', { name: 'Tiruppur Knit Mills' }).waitFor();
    expect(await page.getByTestId('company-switcher').textContent()).toContain('Owner');

    // Inviting needs a verified email: follow the link from the mailbox.
    await followMailLink(page, /Confirm your email/);
    await page.getByText('Your email address is confirmed.').waitFor();

    await page.goto(`${suite.url}/team`);
    await page.getByRole('button', { name: 'Invite member' }).waitFor();
    expect(await verifyBanner.count()).toBe(0);
    await page.getByRole('button', { name: 'Invite member' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Email' }).fill('ravi@mill.example');
    await page.getByRole('dialog').getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('cell', { name: 'ravi@mill.example' }).waitFor();

    // The invitee, in a separate browser context (no shared cookies).
    const invitee = await suite.browser.newContext();
    const second = await invitee.newPage();
    await signUp(second, 'Ravi Kumar', 'ravi@mill.example');
    await expect.poll(() => second.url()).toContain('/companies/new');
    await followMailLink(second, /invited you to Tiruppur Knit Mills/);
    await second.getByText('You are invited to join').waitFor();
    await second.getByRole('button', { name: 'Accept and join' }).click();
    await second.getByRole('heading', { name: 'Tiruppur Knit Mills' }).waitFor();

    // Sign out and back in: the member lands in the company.
    await second.getByRole('button', { name: 'Account menu' }).click();
    await second.getByRole('menuitem', { name: 'Sign out' }).click();
    await second.getByRole('button', { name: 'Sign in' }).waitFor();
    await second.getByRole('textbox', { name: 'Email' }).fill('ravi@mill.example');
    await second.locator('input[autocomplete="current-password"]').fill(PASSWORD);
    await second.getByRole('button', { name: 'Sign in' }).click();
    await second.getByRole('heading', { name: 'Tiruppur Knit Mills' }).waitFor();
    expect(await second.getByTestId('company-switcher').textContent()).toContain('Staff');

    // The owner sees the new member on the team page.
    await page.reload();
    await page.getByTestId('member-ravi@mill.example').waitFor();
    await owner.close();
    await invitee.close();
  });

  it('a viewer does not see admin screens in the navigation', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await signUp(page, 'Guest Viewer', 'viewer@mill.example');
    await expect.poll(() => page.url()).toContain('/companies/new');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.waitFor();
    expect(await nav.getByText('API keys').count()).toBe(0);
    expect(await nav.getByText('Audit log').count()).toBe(0);
    await context.close();
  });
});

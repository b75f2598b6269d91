import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The notification screens: a member's own choices (kinds × channels, quiet hours, digest), an
// admin's company defaults as a member then sees them, the delivery log with a retry, and the
// operators' template editor with its live preview. Each test builds its own companies.
const suite = browserSuite({ beforeAll, afterAll });

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 720 };
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
/** A Select's input (its label also names the list it opens). */
const selectInput = (page: Page, label: string) => page.getByLabel(label, { exact: true }).and(page.locator('input'));

/** Flips a switch as a person does: by its track (the input itself is drawn invisible). */
async function flip(page: Page, toggle: Locator) {
  const id = await toggle.getAttribute('id');
  await page.locator(`label[for="${id}"]`).first().click();
}

/** The member a test asked `apiCompany` for. */
function member(user: ApiUser | undefined): ApiUser {
  if (!user) throw new Error('member not arranged');
  return user;
}

interface PreferencesView {
  rows: { event: string; email: { enabled: boolean; source: string } }[];
  quietHours: { start: string; end: string } | null;
  timeZone: string;
  digest: { enabled: boolean; hour: number };
}

describe('notification settings in a real browser', () => {
  it('a member turns email off for shipped orders and sets quiet hours; a reload shows both saved', async () => {
    const buyer = await apiCompany(suite, 'Prefs Buyer', ['staff']);
    const staff = member(buyer.members.staff);
    const page = await pageAs(suite, staff, '/settings/notifications', PHONE);
    const shipped = page.getByTestId('kind-order.shipped');
    const emailShipped = page.getByRole('switch', { name: 'Email: A supplier ships your order' });
    await shipped.getByText('default', { exact: true }).first().waitFor();
    expect(await emailShipped.isChecked()).toBe(true);
    // Security notices cannot be muted: their switches are on and locked.
    const password = page.getByRole('switch', { name: 'Email: Your password was changed' });
    expect([await password.isChecked(), await password.isDisabled()]).toEqual([true, true]);
    await page.getByTestId('kind-security.password_changed').getByText('Always on: security').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await flip(page, emailShipped);
    await page.getByText('Email off for “A supplier ships your order”.').waitFor();
    await shipped.getByText('your choice').waitFor();

    await flip(page, page.getByRole('switch', { name: 'Quiet hours' }));
    await page.getByLabel('From').fill('22:30');
    await page.getByLabel('Until').fill('22:30');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    // The same start and end is refused under the end, and nothing is saved.
    await page.getByText('Must differ from the start').waitFor();
    await page.getByLabel('Until').fill('06:45');
    // India is offered; this member works from the Gulf office.
    await selectInput(page, 'Time zone').fill('Kolkata');
    await page.getByRole('option', { name: /^Asia\/Kolkata \(GMT\+5:30\)$/ }).waitFor();
    await selectInput(page, 'Time zone').fill('Dubai');
    await page.getByRole('option', { name: /^Asia\/Dubai/ }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Quiet hours and digest saved.').waitFor();

    await page.reload();
    await shipped.getByText('your choice').waitFor();
    expect(await emailShipped.isChecked()).toBe(false);
    expect(await page.getByLabel('From').inputValue()).toBe('22:30');
    expect(await page.getByLabel('Until').inputValue()).toBe('06:45');
    expect(await selectInput(page, 'Time zone').inputValue()).toMatch(/^Asia\/Dubai/);
    const saved = await staff.call<PreferencesView>('notifications.preferences.get', undefined, 'query');
    expect({
      email: saved.rows.find((row) => row.event === 'order.shipped')?.email,
      quietHours: saved.quietHours,
      timeZone: saved.timeZone,
    }).toEqual({ email: { enabled: false, source: 'user' }, quietHours: { start: '22:30', end: '06:45' }, timeZone: 'Asia/Dubai' });

    // Back to what the company chose.
    await page.getByRole('button', { name: 'Reset to default: Email: A supplier ships your order' }).click();
    await page.getByText('Email back to the default for “A supplier ships your order”.').waitFor();
    expect(await emailShipped.isChecked()).toBe(true);
  });

  it('an admin changes a company default; a staff member sees it as the company default', async () => {
    const mill = await apiCompany(suite, 'Defaults Mill', ['staff']);
    const admin = await pageAs(suite, mill.members.owner, '/settings', LAPTOP);
    await admin.getByRole('link', { name: 'Company defaults' }).click();
    await admin.getByRole('heading', { name: 'Notification defaults' }).waitFor();
    // Webhooks are chosen per endpoint now: no column here, a way to their own page instead.
    await admin.getByRole('link', { name: 'Settings → Webhooks' }).waitFor();
    expect(await admin.getByRole('columnheader', { name: 'Webhook' }).count()).toBe(0);
    const delivered = admin.getByTestId('kind-order.delivered');
    const emailDelivered = admin.getByRole('switch', { name: 'Email: A buyer confirms delivery' });
    expect(await emailDelivered.isChecked()).toBe(false);
    await flip(admin, emailDelivered);
    await admin.getByText('Email on for “A buyer confirms delivery”.').waitFor();
    await delivered.getByText('custom').waitFor();

    const staff = await pageAs(suite, member(mill.members.staff), '/settings/notifications');
    const staffRow = staff.getByTestId('kind-order.delivered');
    await staffRow.getByText('company default').waitFor();
    expect(await staff.getByRole('switch', { name: 'Email: A buyer confirms delivery' }).isChecked()).toBe(true);

    // Reset per cell: back to Tradeloom's default, no longer custom.
    await admin.getByRole('button', { name: 'Reset: Email: A buyer confirms delivery' }).click();
    await admin.getByText('Email back to the default for “A buyer confirms delivery”.').waitFor();
    expect(await delivered.getByText('custom').count()).toBe(0);
    expect(await emailDelivered.isChecked()).toBe(false);
  });

  it('the delivery log lists an email with its status, and a given-up one is retried', async () => {
    const supplier = await apiCompany(suite, 'Log Supplier');
    const buyer = await apiCompany(suite, 'Log Buyer');
    // A link request notifies the supplier's owner by email (on by default for this kind).
    await buyer.members.owner.call('partners.requestLink', { supplierId: supplier.id });
    const sentRow = () =>
      suite.db
        .selectFrom('notification_deliveries')
        .select(['id', 'status', 'to_address'])
        .where('company_id', '=', supplier.id)
        .where('event_type', '=', 'partner.link_requested')
        .executeTakeFirst();
    await expect.poll(async () => (await sentRow())?.status, { timeout: 30_000 }).toBe('sent');
    const delivery = await sentRow();
    expect(delivery?.to_address).toBe(supplier.members.owner.email);

    const page = await pageAs(suite, supplier.members.owner, '/settings/notification-log', LAPTOP);
    const row = page.getByTestId('delivery').filter({ hasText: 'A company asks to link with you' });
    await row.getByText(supplier.members.owner.email).waitFor();
    await row.getByText('Sent', { exact: true }).waitFor();
    await row.getByText('Email', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: 'Retry' }).count()).toBe(0);

    // The mail server refused it five times: the log says so in words and offers a retry.
    const deliveryId = delivery?.id as number;
    await suite.db
      .updateTable('notification_deliveries')
      .set({ status: 'dead', attempts: 5, last_error: '550 mailbox unavailable', sent_at: null })
      .where('id', '=', deliveryId)
      .execute();
    await suite.db
      .updateTable('jobs')
      .set({ status: 'dead', attempts: 5, last_error: '550 mailbox unavailable' })
      .where(sql<string>`payload ->> 'deliveryId'`, '=', String(deliveryId))
      .execute();
    await selectInput(page, 'Status').click();
    await page.getByRole('option', { name: 'Gave up' }).click();
    await row.getByText('550 mailbox unavailable').waitFor();
    await row.getByText('Gave up').waitFor();
    await row.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Queued to be sent again.').waitFor();
    await expect.poll(async () => (await sentRow())?.status, { timeout: 30_000 }).toBe('sent');
    // The filter still asks for given-up deliveries: none is left.
    await page.getByText('Nothing sent yet matches.').waitFor();
  });

  it('an operator edits a template, watches the preview follow, and is refused an unknown placeholder', async () => {
    const desk = await apiCompany(suite, 'Templates Desk');
    const operator = desk.members.owner;
    await suite.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', operator.id).execute();
    const page = await pageAs(suite, operator, '/', LAPTOP);
    // The operators' list is the longest navigation: its last link must still be reachable at 720 px.
    await page.getByRole('link', { name: 'Notification templates' }).click();
    await page.getByRole('heading', { name: 'Notification templates' }).waitFor();
    await page.getByRole('textbox', { name: 'Search', exact: true }).fill('ships your order');
    await selectInput(page, 'Channel').click();
    await page.getByRole('option', { name: 'Email' }).click();
    await page.getByRole('link', { name: 'A supplier ships your order' }).click();

    const preview = page.getByTestId('template-preview');
    const subject = page.getByLabel('Subject');
    expect(await subject.inputValue()).toBe('{title}');
    expect(await preview.locator('iframe').getAttribute('sandbox')).toBe('');
    await subject.fill('Shipped — {document}');
    await preview
      .getByTestId('preview-subject')
      .getByText(/^Shipped — \S/)
      .waitFor();
    expect(await preview.getByTestId('preview-subject').textContent()).not.toContain('{');

    const body = page.getByLabel('Body');
    await body.fill('Hello {recipient}, your {price} is on its way: {link}');
    // Said under the body as soon as the preview sees it, and again when saving is tried.
    await page.getByText('Unknown placeholder {price}').waitFor();
    await preview.getByText('The preview returns once the subject and body use only the fields listed.').waitFor();
    const refused = page.waitForResponse((response) => response.url().includes('notifications.templates.save'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await refused;
    expect(await page.getByText('Unknown placeholder {price}').count()).toBe(1);
    const unchanged = await operator.call<{ rows: { event: string; channel: string; custom: boolean }[] }>(
      'notifications.templates.list',
      undefined,
      'query',
    );
    expect(unchanged.rows.find((row) => row.event === 'order.shipped' && row.channel === 'email')?.custom).toBe(false);

    await body.fill('Hello {recipient}, {document} is on its way: {link}');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Template saved.').waitFor();
    await page.getByRole('button', { name: 'Reset to built-in' }).waitFor();
    const saved = await operator.call<{ rows: { event: string; channel: string; subject: string; body: string; custom: boolean }[] }>(
      'notifications.templates.list',
      undefined,
      'query',
    );
    expect(saved.rows.find((row) => row.event === 'order.shipped' && row.channel === 'email')).toMatchObject({
      subject: 'Shipped — {document}',
      body: 'Hello {recipient}, {document} is on its way: {link}',
      custom: true,
    });

    await page.getByRole('button', { name: 'Reset to built-in' }).click();
    await page.getByText('Back to the built-in wording.').waitFor();
    expect(await subject.inputValue()).toBe('{title}');
  });

  it('a viewer reads its own settings but is offered neither the defaults nor the log', async () => {
    const mill = await apiCompany(suite, 'Viewer Mill', ['viewer']);
    const page = await pageAs(suite, member(mill.members.viewer), '/settings', PHONE);
    await page.getByRole('link', { name: 'Your notification settings' }).waitFor();
    expect(await page.getByRole('link', { name: /Company defaults|Delivery log/ }).count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Notifications' }).waitFor();
    expect(await nav.getByRole('link', { name: /Notification defaults|Notification log/ }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    await page.getByRole('switch', { name: 'In the app: A supplier ships your order' }).waitFor();

    // A deep link says who may use the log instead of failing.
    await page.goto(`${suite.url}/settings/notification-log`);
    await page.getByTestId('role-refusal').waitFor();
    expect(await page.getByRole('heading', { name: 'Notification log' }).count()).toBe(0);
  });

  it('the bell counts a new notification live, opens its document, and links to the settings', async () => {
    const mill = await apiCompany(suite, 'Bell Mill');
    const trader = await apiCompany(suite, 'Bell Trader');
    const page = await pageAs(suite, mill.members.owner, '/', PHONE);
    await page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor();
    // Arrives over the live stream while the page is open: no reload.
    await trader.members.owner.call('partners.requestLink', { supplierId: mill.id });
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    await page.getByRole('button', { name: new RegExp(trader.name) }).click();
    await page.waitForURL(/\/partners/);
    await page.getByRole('button', { name: 'Notifications, 0 unread' }).click();
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  });
});

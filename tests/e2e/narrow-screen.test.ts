import { DEMO_PASSWORD } from '@tradeloom/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite } from './browser.ts';

// The demo data gives every screen something to show: long order numbers, full tables, a draft.
const suite = browserSuite({ beforeAll, afterAll }, { seedDemo: true });

const PHONE = { width: 390, height: 844 };

/** Opens a screen and waits until it has drawn its content (heading shown, no loader left). */
async function widthOf(page: Page, screen: string): Promise<number> {
  await page.goto(`${suite.url}${screen}`);
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  await page.getByLabel('Loading').first().waitFor({ state: 'detached' });
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Every screen that is wider than the phone, with its width. */
async function widerScreens(page: Page, screens: string[]): Promise<Record<string, number>> {
  const wider: Record<string, number> = {};
  for (const screen of screens) {
    const width = await widthOf(page, screen);
    if (width > PHONE.width) wider[screen] = width;
  }
  return wider;
}

async function phoneSignedInAs(email: string): Promise<Page> {
  const page = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
  await page.goto(`${suite.url}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ state: 'attached' });
  return page;
}

async function companyId(name: string): Promise<string> {
  const row = await suite.db.selectFrom('companies').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

/** One of the company's demo work orders (the work-order page). */
async function workOrderOf(company: string): Promise<string> {
  const row = await suite.db
    .selectFrom('work_orders')
    .select('id')
    .where('company_id', '=', await companyId(company))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A placed order between the two demo companies (its page shows the order terms panel). */
async function placedOrder(): Promise<string> {
  const row = await suite.db
    .selectFrom('orders')
    .select('id')
    .where('buyer_company_id', '=', await companyId('Coimbatore Spinning Mills'))
    .where('supplier_company_id', '=', await companyId('Saurashtra Cotton Traders'))
    .where('status', '!=', 'draft')
    .executeTakeFirstOrThrow();
  return row.id;
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('a phone-wide screen (390 px)', () => {
  it('the signed-out screens fit', async () => {
    const page = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    expect(await widerScreens(page, ['/login', '/register', '/forgot-password'])).toEqual({});
  });

  it('every company screen fits for an owner: tables scroll inside their box', async () => {
    const buyer = await companyId('Coimbatore Spinning Mills');
    const supplier = await companyId('Saurashtra Cotton Traders');
    const orders = await suite.db
      .selectFrom('orders')
      .select(['id', 'status'])
      .where('buyer_company_id', '=', buyer)
      .where('supplier_company_id', '=', supplier)
      .execute();
    const placed = orders.find((order) => order.status !== 'draft');
    const draft = orders.find((order) => order.status === 'draft');
    if (!placed || !draft) throw new Error('the demo data has no placed and draft order from Coimbatore to Saurashtra');

    const page = await phoneSignedInAs('owner@kovaispin.example');
    const screens = [
      '/',
      '/orders',
      `/orders/${placed.id}`,
      '/orders/new?side=purchase',
      `/orders/${draft.id}/edit`,
      '/catalog',
      '/partners',
      `/partners/${supplier}/catalog`,
      '/production',
      '/desk',
      '/desk?tab=mine',
      '/desk/new',
      '/lots',
      '/lots/new',
      '/team',
      '/company',
      '/settings',
      '/api-keys',
      '/developers/api',
      '/audit',
      '/account',
      '/dev-mailbox',
    ];
    expect(await widerScreens(page, screens)).toEqual({});
  }, 240_000);

  it('the navigation folds behind a burger and opens on a tap', async () => {
    const page = await phoneSignedInAs('viewer@saurashtra.example');
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    // Folded, the navigation sits off the left edge of the screen.
    const folded = await navigation.boundingBox();
    expect(folded && folded.x + folded.width).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    const orders = navigation.getByRole('link', { name: 'Orders' });
    await orders.click();
    await page.getByRole('heading', { name: 'Orders', level: 2 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it("a viewer's screens fit", async () => {
    const page = await phoneSignedInAs('viewer@saurashtra.example');
    expect(await widerScreens(page, ['/', '/orders', '/catalog', '/partners', '/company', '/account'])).toEqual({});
  }, 120_000);

  it("the operator's screens fit", async () => {
    const page = await phoneSignedInAs('ops@tradeloom.example');
    expect(await widerScreens(page, ['/', '/admin/review', '/admin/jobs', '/admin/notification-templates', '/account'])).toEqual({});
  });

  it('the newest screens fit for an owner: reports, notifications, a work order, order terms, picking from a catalog, search', async () => {
    const page = await phoneSignedInAs('owner@kovaispin.example');
    const order = await placedOrder();
    const workOrder = await workOrderOf('Coimbatore Spinning Mills');
    expect(
      await widerScreens(page, [
        '/reports',
        '/notifications',
        '/settings/notifications',
        '/settings/notification-defaults',
        '/settings/notification-log',
        `/production/${workOrder}`,
      ]),
    ).toEqual({});

    // The order terms panel, drawn on the order's page; the terms fields on the new-order form.
    await widthOf(page, `/orders/${order}`);
    await page.getByRole('heading', { name: 'Terms', level: 5 }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await widthOf(page, '/orders/new?side=purchase');
    await page.getByText('Payment terms').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // Picking a product to order shows its quantity box in the row: the table scrolls, the page does not.
    const supplier = await companyId('Saurashtra Cotton Traders');
    await widthOf(page, `/partners/${supplier}/catalog`);
    await page
      .getByRole('checkbox', { name: /^Order / })
      .first()
      .check();
    await page
      .getByRole('textbox', { name: /^Quantity of / })
      .first()
      .waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // On a phone the header offers search as an icon; Ctrl-K opens the same dialog, results included.
    await widthOf(page, '/');
    const searchIcon = page.getByRole('button', { name: 'Search', exact: true });
    expect(await searchIcon.isVisible()).toBe(true);
    await page.keyboard.press('Control+k');
    const box = page.getByRole('textbox', { name: 'Search orders, partners, products and work orders' });
    await box.fill('cotton');
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    await searchIcon.click();
    await box.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
  }, 240_000);

  it('the newest screens fit for a viewer', async () => {
    // The supplier's viewer: the placed order's page (with its terms) from the other side.
    const page = await phoneSignedInAs('viewer@saurashtra.example');
    expect(await widerScreens(page, ['/reports', '/notifications', '/production', `/orders/${await placedOrder()}`])).toEqual({});
  }, 120_000);

  it('the sourcing screens fit on the demo tenders, for the buyer and for a supplier', async () => {
    const tenders = await suite.db.selectFrom('tenders').select(['id', 'status']).execute();
    const open = tenders.find((tender) => tender.status === 'open')?.id;
    const awarded = tenders.find((tender) => tender.status === 'awarded')?.id;
    if (!open || !awarded) throw new Error('the demo data has no open and awarded tender');
    const mill = await phoneSignedInAs('owner@kovaispin.example');
    const buyerScreens = ['/tenders', '/tenders/new', `/tenders/${open}`, `/tenders/${awarded}`, `/tenders/${awarded}/compare`];
    expect(await widerScreens(mill, buyerScreens)).toEqual({});
    // The trader's staff: its inbox and the open request with the quote it submitted.
    const trader = await phoneSignedInAs('staff@saurashtra.example');
    expect(await widerScreens(trader, ['/quote-requests', `/quote-requests/${open}`, `/quote-requests/${awarded}`])).toEqual({});
  }, 240_000);

  it('the trade desk fits on the demo deal: offers with matches, both negotiations, lots and the contract, for each side', async () => {
    const contract = await suite.db.selectFrom('contracts').select(['id', 'negotiation_id', 'offer_id']).executeTakeFirstOrThrow();
    const running = await suite.db
      .selectFrom('negotiations')
      .select(['id', 'offer_id'])
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const mill = await companyId('Coimbatore Spinning Mills');
    const wanted = await suite.db
      .selectFrom('trade_offers')
      .select('id')
      .where('company_id', '=', mill)
      .where('variety_code', '=', 'shankar-6')
      .executeTakeFirstOrThrow();
    const lot = await suite.db.selectFrom('lots').select('id').where('status', '=', 'offered').executeTakeFirstOrThrow();
    const screens = [
      `/desk/offers/${wanted.id}`,
      `/desk/offers/${running.offer_id}`,
      `/negotiations/${running.id}`,
      `/negotiations/${contract.negotiation_id}`,
      '/contracts',
      `/contracts/${contract.id}`,
    ];
    const buyer = await phoneSignedInAs('owner@kovaispin.example');
    expect(await widerScreens(buyer, screens)).toEqual({});
    // The seller: its own offer with the negotiations on it, its lot, and the same contract as a sale.
    const seller = await phoneSignedInAs('staff@saurashtra.example');
    const sellerScreens = [
      `/desk/offers/${contract.offer_id}`,
      `/negotiations/${contract.negotiation_id}`,
      `/lots/${lot.id}`,
      `/contracts/${contract.id}`,
    ];
    expect(await widerScreens(seller, ['/desk', '/lots', '/contracts', ...sellerScreens])).toEqual({});
  }, 240_000);

  it('conversations, complaints and notification settings fit, for the buyer and for the supplier', async () => {
    // The demo's order conversation and the mill's open quality complaint against the trader.
    const mill = await companyId('Coimbatore Spinning Mills');
    const conversation = await suite.db
      .selectFrom('conversations')
      .select('id')
      .where('about_type', '=', 'order')
      .where('started_by_company_id', '=', mill)
      .executeTakeFirstOrThrow();
    const complaint = await suite.db
      .selectFrom('complaints')
      .select('id')
      .where('buyer_company_id', '=', mill)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const screens = ['/messages', `/messages/${conversation.id}`, '/complaints', `/complaints/${complaint.id}`, '/settings/notifications'];
    const buyer = await phoneSignedInAs('manager@kovaispin.example');
    expect(await widerScreens(buyer, screens)).toEqual({});
    const seller = await phoneSignedInAs('staff@saurashtra.example');
    expect(await widerScreens(seller, screens)).toEqual({});
  }, 240_000);

  it("the operators' console fits", async () => {
    const page = await phoneSignedInAs('ops@tradeloom.example');
    const company = await companyId('Coimbatore Spinning Mills');
    const screens = ['/admin/companies', `/admin/companies/${company}`, '/admin/users', '/admin/health', '/admin/security', '/account'];
    expect(await widerScreens(page, screens)).toEqual({});
  }, 120_000);
});

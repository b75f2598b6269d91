import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, type ApiUser, apiCompany, apiUser, pageAs } from './arrange.ts';
import { browserSuite, E2E_PASSWORD } from './browser.ts';

// Screens follow the role: a viewer is offered nothing it cannot do, a deep link to a form says who
// may use it, the overview counts only what this person can act on, and a platform operator lands
// on the review queue.
const suite = browserSuite({ beforeAll, afterAll });

/** Buttons and links on the page whose name matches: the actions a person is offered. */
const offered = (page: Page, name: RegExp) =>
  Promise.all([page.getByRole('button', { name }).count(), page.getByRole('link', { name }).count()]).then(([b, l]) => b + l);

let mill: ApiCompany & { members: { viewer: ApiUser; manager: ApiUser } };
let order: { id: string };
let workOrderNumber: string;
let requester: ApiCompany;

beforeAll(async () => {
  mill = (await apiCompany(suite, 'Roles Mill', ['viewer', 'manager'])) as typeof mill;
  const owner = mill.members.owner;
  await owner.call('catalog.products.create', { sku: 'R-1', name: 'Roles yarn', unit: 'kg', price: '100', currency: 'INR' });
  const wo = await owner.call<{ id: string; number: string; version: number }>('production.workOrders.create', {
    description: 'Roles lot',
    quantity: '10',
    unit: 'kg',
    operations: [{ name: 'Spinning' }],
  });
  await owner.call('production.workOrders.update', { workOrderId: wo.id, version: wo.version, action: 'release' });
  workOrderNumber = wo.number;

  // A linked buyer whose order waits for the mill's decision, and a buyer whose link request waits.
  const buyer = await apiCompany(suite, 'Roles Buyer');
  const link = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: mill.id });
  await mill.members.manager.call('partners.decide', { linkId: link.id, decision: 'accept' });
  const draft = await buyer.members.owner.call<{ id: string; version: number }>('orders.create', {
    supplierId: mill.id,
    lines: [{ description: 'Cotton', quantity: '5', unit: 'kg', unitPrice: '100', taxRate: '5' }],
  });
  await buyer.members.owner.call('orders.transition', { orderId: draft.id, action: 'submit', version: draft.version });
  order = draft;
  requester = await apiCompany(suite, 'Roles Requester');
  await requester.members.owner.call('partners.requestLink', { supplierId: mill.id });
}, 300_000);

describe('a viewer is offered no action', () => {
  it('orders: no New order, no Accept or Reject, no Edit', async () => {
    const page = await pageAs(suite, mill.members.viewer, '/orders?side=sales');
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page
      .getByText(/Roles Buyer/)
      .first()
      .waitFor();
    expect(await offered(page, /New (sales|purchase) order/)).toBe(0);
    await page.goto(`${suite.url}/orders/${order.id}`);
    await page.getByRole('heading', { name: /Sales order/ }).waitFor();
    expect(await offered(page, /^(Accept|Reject|Edit draft|Cancel order)$/)).toBe(0);

    // The same order offers the manager its decision: the screen follows the role, not the order.
    const manager = await pageAs(suite, mill.members.manager, `/orders/${order.id}`);
    await manager.getByRole('button', { name: 'Accept' }).waitFor();
    expect(await offered(manager, /^Reject$/)).toBe(1);
  });

  it('a deep link to an order form says the role cannot, instead of drawing the form', async () => {
    const page = await pageAs(suite, mill.members.viewer, '/orders/new?side=sales');
    const refusal = page.getByTestId('role-refusal');
    await refusal.getByText("Your role (Viewer) can't create or change orders — ask your admin.").waitFor();
    expect(await offered(page, /Save draft/)).toBe(0);
    await page.goto(`${suite.url}/orders/${order.id}/edit`);
    await refusal.getByText("Your role (Viewer) can't create or change orders — ask your admin.").waitFor();
    expect(await page.getByLabel('Quantity of line 1').count()).toBe(0);
  });

  it('catalog: no Add product, Import CSV or Edit', async () => {
    const page = await pageAs(suite, mill.members.viewer, '/catalog');
    await page.getByTestId('product-R-1').waitFor();
    expect(await offered(page, /^(Add product|Import CSV|Edit)$/)).toBe(0);
  });

  it('partners: no Accept, Deny or Block on a waiting request, and no adding a partner', async () => {
    const page = await pageAs(suite, mill.members.viewer, '/partners');
    await page
      .getByText(/Roles Buyer/)
      .first()
      .waitFor();
    expect(await offered(page, /Add a company not on Tradeloom|^(Block|Unlink)$/)).toBe(0);
    await page.getByRole('tab', { name: 'Requests to us' }).click();
    await page.getByText(requester.name).waitFor();
    expect(await offered(page, /^(Accept|Deny|Block)$/)).toBe(0);
  });

  it('production: no New work order and no status changes on a card', async () => {
    const page = await pageAs(suite, mill.members.viewer, '/production');
    await page.getByTestId(`wo-${workOrderNumber}`).waitFor();
    expect(await offered(page, /^(New work order|Start|Release|Complete|Cancel|Report progress)$/)).toBe(0);
  });

  it('API keys: the page says the role cannot, with no Create key', async () => {
    const page = await pageAs(suite, mill.members.viewer, '/api-keys');
    await page.getByText("Your role (Viewer) can't create or revoke API keys — ask your admin.").waitFor();
    expect(await offered(page, /Create key/)).toBe(0);
  });

  it('team: no Invite member', async () => {
    const page = await pageAs(suite, mill.members.viewer, '/team');
    await page.getByText('Roles Mill manager').first().waitFor();
    expect(await offered(page, /Invite member|Remove|Change role/)).toBe(0);
  });
});

describe('the overview waits only on what this person can act on', () => {
  it('shows a manager the order to decide and the partner request; shows a viewer nothing waiting', async () => {
    const manager = await pageAs(suite, mill.members.manager, '/');
    const waiting = manager.getByTestId('waiting-for-you');
    const stat = (label: string) => waiting.locator('a', { hasText: label });
    await stat('Sales orders to accept or reject').getByText('1', { exact: true }).waitFor();
    await stat('Partner requests to decide').getByText('1', { exact: true }).waitFor();

    const viewer = await pageAs(suite, mill.members.viewer, '/');
    await viewer.getByRole('heading', { name: mill.name }).waitFor();
    await viewer.getByText('Getting started').waitFor();
    expect(await viewer.getByTestId('waiting-for-you').count()).toBe(0);
  });
});

describe('a platform operator', () => {
  it('lands on the review queue after signing in, sees it in the navigation, and is not asked to create a company', async () => {
    const operator = await apiUser(suite, 'Roles operator');
    await suite.db.updateTable('users').set({ is_platform_admin: true }).where('email', '=', operator.email).execute();
    const page = await (await suite.browser.newContext()).newPage();
    await page.goto(`${suite.url}/login`);
    await page.getByRole('textbox', { name: 'Email' }).fill(operator.email);
    await page.locator('input[autocomplete="current-password"]').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/review$/);
    await page.getByRole('heading', { name: 'Verification review' }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Verification review' }).waitFor();
    expect(await offered(page, /Create a company/)).toBe(0);

    await page.goto(`${suite.url}/`);
    await page.waitForURL(/\/admin\/review$/);
  });
});

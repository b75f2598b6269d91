import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF } from '../harness/files.ts';
import { type ApiCompany, type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The complaint screens: a weaver files a complaint on a yarn order from the order's page, the
// mill assigns it to a sales rep and settles it with a credit note, and each side keeps its own
// internal notes. (The SLA escalating by the clock is the seed helper's browser test.)
const suite = browserSuite({ beforeAll, afterAll });

const PHONE = { width: 390, height: 844 };

let mill: ApiCompany & { members: { staff: ApiUser; viewer: ApiUser } };
let weaver: ApiCompany & { members: { viewer: ApiUser } };
let order: { id: string; number: string };

/** A complaint the weaver files over the API, for a test about what happens after filing. */
async function filed(description: string, amountClaimed?: string) {
  return weaver.members.owner.call<{ id: string; number: string }>('support.complaints.file', {
    about: { type: 'order', id: order.id },
    category: 'quantity_short',
    description,
    amountClaimed,
  });
}

/** Buttons on the page whose name matches: the moves a person is offered. */
const offered = (page: Page, name: RegExp) => page.getByRole('button', { name }).count();

/** Opens a complaint's page and waits until it has drawn its timeline. */
async function openComplaint(user: ApiUser, complaintId: string, viewport?: typeof PHONE) {
  const page = await pageAs(suite, user, `/complaints/${complaintId}`, viewport);
  await page.getByTestId('complaint-timeline').waitFor();
  return page;
}

beforeAll(async () => {
  mill = (await apiCompany(suite, 'Complaint Mill', ['staff', 'viewer'])) as typeof mill;
  weaver = (await apiCompany(suite, 'Complaint Weaver', ['viewer'])) as typeof weaver;
  const link = await weaver.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: mill.id });
  await mill.members.owner.call('partners.decide', { linkId: link.id, decision: 'accept' });
  const draft = await weaver.members.owner.call<{ id: string; version: number }>('orders.create', {
    supplierId: mill.id,
    lines: [{ description: '40s combed yarn', quantity: '500', unit: 'kg', unitPrice: '280', taxRate: '5' }],
  });
  await weaver.members.owner.call('orders.transition', { orderId: draft.id, action: 'submit', version: draft.version });
  const placed = await weaver.members.owner.call<{ number: string }>('orders.get', { orderId: draft.id }, 'query');
  order = { id: draft.id, number: placed.number };
}, 300_000);

describe('complaints', () => {
  it('the buyer files a complaint from the order page, with evidence; the supplier sees it with the amount in lakh', async () => {
    const buyer = await pageAs(suite, weaver.members.owner, `/orders/${order.id}`);
    await buyer.getByRole('button', { name: 'File a complaint' }).click();
    const dialog = buyer.getByRole('dialog');
    // Nothing filled in: each required field says so under itself, in words.
    await dialog.getByRole('button', { name: 'File complaint' }).click();
    await dialog.getByText('Is required').first().waitFor();
    expect(await dialog.getByText('Is required').count()).toBe(2);

    await dialog.getByPlaceholder('What went wrong').click();
    await buyer.getByRole('option', { name: 'Quality' }).click();
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Yarn count varies between 38s and 42s across cones.');
    await dialog.getByRole('textbox', { name: 'Amount claimed (optional)' }).fill('125000');
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'count-test.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByRole('button', { name: 'Attach', exact: true }).click();
    await dialog.getByTestId('file-count-test.pdf').waitFor();
    await dialog.getByRole('button', { name: 'File complaint' }).click();

    await buyer.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    const heading = (await buyer.getByRole('heading', { name: /^Complaint CMP/ }).textContent()) ?? '';
    const number = heading.replace('Complaint ', '');
    expect(await buyer.getByTestId('complaint-status').textContent()).toBe('Open');
    expect(await buyer.getByTestId('amount-claimed').textContent()).toBe('₹1,25,000.00');
    await buyer.getByRole('link', { name: 'count-test.pdf' }).waitFor();
    await buyer.getByRole('link', { name: order.number }).waitFor();

    const supplier = await pageAs(suite, mill.members.owner, '/complaints?side=received');
    const row = supplier.getByTestId(`complaint-${number}`);
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe(order.number);
    expect(await row.locator('td').nth(2).textContent()).toBe(weaver.name);
    expect(await row.getByTestId('complaint-sla').textContent()).toBe('On time');
    expect(await row.locator('td').nth(7).textContent()).toBe('₹1,25,000.00');
    await buyer.context().close();
    await supplier.context().close();
  });

  it('the supplier assigns it to a sales rep and resolves it with a credit note of ₹1,25,000; the buyer sees the resolution', async () => {
    const complaint = await filed('Short by 20 kg on the second lot.', '125000');
    const supplier = await openComplaint(mill.members.owner, complaint.id);
    await supplier.getByRole('button', { name: 'Assign' }).click();
    await supplier.getByRole('dialog').getByPlaceholder('Pick a member').click();
    await supplier.getByRole('option', { name: /^Complaint Mill staff/ }).click();
    await supplier.getByRole('dialog').getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => supplier.getByTestId('complaint-status').textContent(), { timeout: 15_000 }).toBe('In review');
    expect(await supplier.getByTestId('complaint-assignee').textContent()).toBe('Complaint Mill staff');

    await supplier.getByRole('button', { name: 'Resolve' }).click();
    const dialog = supplier.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Credit amount/ }).fill('125000');
    await dialog.getByRole('textbox', { name: 'Note to the buyer' }).fill('Credit note CN-77 against the next invoice.');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => supplier.getByTestId('complaint-status').textContent(), { timeout: 15_000 }).toBe('Resolved');
    expect(await supplier.getByTestId('complaint-resolution').getByText('Credit note: ₹1,25,000.00').count()).toBe(1);
    // Closed: nothing left for the supplier to do.
    expect(await offered(supplier, /^(Assign|Resolve|Reject|Escalate)$/)).toBe(0);

    const buyer = await openComplaint(weaver.members.owner, complaint.id);
    expect(await buyer.getByTestId('complaint-status').textContent()).toBe('Resolved');
    await buyer.getByTestId('complaint-resolution').getByText('Credit note: ₹1,25,000.00').waitFor();
    await buyer.getByText('Credit note CN-77 against the next invoice.').first().waitFor();
    expect(await offered(buyer, /^Reopen$/)).toBe(1);
    await supplier.context().close();
    await buyer.context().close();
  });

  it("each side's internal note stays with its own company; shared notes reach both", async () => {
    const complaint = await filed('Three cones arrived wet.');
    const buyer = await openComplaint(weaver.members.owner, complaint.id);
    await buyer.getByRole('textbox', { name: 'Add a note' }).fill('Weaver only: hold their next payment.');
    await buyer.getByRole('switch', { name: 'Internal (only your company sees it)' }).check();
    await buyer.getByRole('button', { name: 'Add internal note' }).click();
    const buyerInternal = buyer.getByTestId('internal-entry');
    await buyerInternal.getByText('Weaver only: hold their next payment.').waitFor();
    await buyerInternal.getByText('Only your company sees this').waitFor();

    const supplier = await openComplaint(mill.members.owner, complaint.id);
    await supplier.getByRole('textbox', { name: 'Add a note' }).fill('Mill only: the transporter left them in rain.');
    await supplier.getByRole('switch', { name: 'Internal (only your company sees it)' }).check();
    await supplier.getByRole('button', { name: 'Add internal note' }).click();
    await supplier.getByTestId('internal-entry').getByText('Mill only: the transporter left them in rain.').waitFor();
    // The switch stays on after an internal note (the safer way to be wrong): this one is for the buyer.
    await supplier.getByRole('switch', { name: 'Internal (only your company sees it)' }).uncheck();
    await supplier.getByRole('textbox', { name: 'Add a note' }).fill('We will send three replacement cones.');
    await supplier.getByRole('button', { name: 'Add note' }).click();
    await supplier.getByTestId('shared-entry').getByText('We will send three replacement cones.').waitFor();
    expect(await supplier.getByText('Weaver only: hold their next payment.').count()).toBe(0);

    await buyer.reload();
    await buyer.getByTestId('shared-entry').getByText('We will send three replacement cones.').waitFor();
    expect(await buyer.getByText('Mill only: the transporter left them in rain.').count()).toBe(0);
    expect(await buyer.getByTestId('internal-entry').count()).toBe(1);
    await buyer.context().close();
    await supplier.context().close();
  });

  it('a viewer of either side sees the complaint but no action buttons and no note box', async () => {
    const complaint = await filed('Wrong shade on 10 cones.');
    // The same complaint offers the supplier's owner its moves: the screen follows the role.
    const owner = await openComplaint(mill.members.owner, complaint.id);
    expect(await offered(owner, /^(Assign|Resolve|Reject|Escalate)$/)).toBe(4);
    for (const viewer of [mill.members.viewer, weaver.members.viewer]) {
      const page = await openComplaint(viewer, complaint.id);
      await page.getByText('Wrong shade on 10 cones.').first().waitFor();
      expect(await offered(page, /^(Assign|Resolve|Reject|Reopen|Escalate|Add note|Add internal note)$/)).toBe(0);
      expect(await page.getByRole('textbox', { name: 'Add a note' }).count()).toBe(0);
      await page.context().close();
    }
    await owner.context().close();
  });

  it('only the buying side, with a role that may write, is offered "File a complaint" on the order', async () => {
    const buyerOwner = await pageAs(suite, weaver.members.owner, `/orders/${order.id}`);
    await buyerOwner.getByRole('heading', { name: /^Purchase order/ }).waitFor();
    expect(await offered(buyerOwner, /^File a complaint$/)).toBe(1);
    const buyerViewer = await pageAs(suite, weaver.members.viewer, `/orders/${order.id}`);
    await buyerViewer.getByRole('heading', { name: /^Purchase order/ }).waitFor();
    expect(await offered(buyerViewer, /^File a complaint$/)).toBe(0);
    const supplier = await pageAs(suite, mill.members.owner, `/orders/${order.id}`);
    await supplier.getByRole('heading', { name: /^Sales order/ }).waitFor();
    expect(await offered(supplier, /^File a complaint$/)).toBe(0);
    for (const page of [buyerOwner, buyerViewer, supplier]) await page.context().close();
  });

  it('a move on a complaint someone else changed meanwhile says so in words and reloads', async () => {
    const complaint = await filed('Cone weights differ from the packing list.');
    const first = await openComplaint(mill.members.owner, complaint.id);
    // The second tab hears no live updates (its stream is down), so it keeps the version it read.
    const context = await suite.browser.newContext();
    await context.addCookies([{ name: 'tl_session', value: mill.members.owner.token, url: suite.url }]);
    await context.route('**/trpc/live.updates**', (route) => route.abort());
    const second = await context.newPage();
    await second.goto(`${suite.url}/complaints/${complaint.id}`);
    await second.getByTestId('complaint-timeline').waitFor();
    await first.getByRole('button', { name: 'Assign' }).click();
    await first.getByRole('dialog').getByPlaceholder('Pick a member').click();
    await first.getByRole('option', { name: /^Complaint Mill staff/ }).click();
    await first.getByRole('dialog').getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => first.getByTestId('complaint-status').textContent(), { timeout: 15_000 }).toBe('In review');

    // The second tab still shows the complaint as it was: its rejection names an old version.
    expect(await second.getByTestId('complaint-status').textContent()).toBe('Open');
    await second.getByRole('button', { name: 'Reject' }).click();
    await second.getByRole('dialog').getByRole('textbox', { name: 'Reason' }).fill('Weights are within tolerance.');
    await second.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
    const stale = second.getByTestId('complaint-stale');
    await stale.getByText('Someone changed this complaint after you opened it. Reload to see what changed, then try again.').waitFor();
    await stale.getByRole('button', { name: 'Reload' }).click();
    await stale.waitFor({ state: 'detached' });
    expect(await second.getByTestId('complaint-status').textContent()).toBe('In review');
    expect(await second.getByTestId('complaint-assignee').textContent()).toBe('Complaint Mill staff');
    await first.context().close();
    await second.context().close();
  });

  it('a breached complaint shows its badge and counts beside Complaints in the supplier navigation', async () => {
    const complaint = await filed('No answer on the missing bags.');
    // The clock is the seed helper's test: here the deadline is simply moved into the past.
    await suite.db
      .updateTable('complaints')
      .set({ first_response_due_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', complaint.id)
      .execute();
    const supplier = await pageAs(suite, mill.members.owner, '/complaints?side=received&sla=breached');
    const row = supplier.getByTestId(`complaint-${complaint.number}`);
    await row.waitFor();
    expect(await row.getByTestId('complaint-sla').textContent()).toBe('Breached');
    expect(await supplier.getByTestId('complaints-nav-count').textContent()).toMatch(/^[1-9]\d*$/);
    await supplier.context().close();
  });

  it('complaint response times: an admin edits them with errors beside the hours; a staff member only reads them', async () => {
    const owner = await pageAs(suite, mill.members.owner, '/settings/complaints');
    const quality = owner.getByTestId('sla-quality');
    await quality.getByRole('textbox', { name: 'First response hours for Quality' }).fill('12');
    await quality.getByRole('textbox', { name: 'Resolution hours for Quality' }).fill('6');
    await owner.getByRole('button', { name: 'Save response times' }).click();
    await quality.getByText('Must be at least the first response time').waitFor();
    await quality.getByRole('textbox', { name: 'Resolution hours for Quality' }).fill('48');
    await owner.getByRole('button', { name: 'Save response times' }).click();
    await quality.getByText('Set by your company').waitFor();

    const staff = await pageAs(suite, mill.members.staff, '/settings/complaints');
    const row = staff.getByTestId('sla-quality');
    await row.getByText('Set by your company').waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['Quality', '12', '48', 'Set by your company']);
    expect(await staff.getByRole('textbox').count()).toBe(0);
    expect(await offered(staff, /^Save response times$/)).toBe(0);
    await owner.context().close();
    await staff.context().close();
  });

  it('the buyer of a trade desk contract files a complaint from the contract page; the seller is not offered it', async () => {
    const seller = mill.members.owner;
    const offer = await seller.call<{ id: string }>('tradedesk.offers.create', {
      side: 'sell',
      commodity: 'cotton-lint',
      variety: 'shankar-6',
      quantity: '100',
      unit: 'bale',
      price: '56500',
      currency: 'INR',
      priceUnit: 'candy',
      validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      visibility: 'desk',
    });
    const opened = await weaver.members.owner.call<{ id: string; version: number }>('tradedesk.negotiations.open', {
      offerId: offer.id,
      terms: { priceUnit: 'candy', currency: 'INR', unit: 'bale', price: '56000', quantity: '100' },
    });
    const { contractId } = await seller.call<{ contractId: string }>('tradedesk.negotiations.accept', {
      negotiationId: opened.id,
      version: opened.version,
    });

    const sellerPage = await pageAs(suite, seller, `/contracts/${contractId}`);
    await sellerPage.getByTestId('contract-number').waitFor();
    expect(await offered(sellerPage, /^File a complaint$/)).toBe(0);

    const buyer = await pageAs(suite, weaver.members.owner, `/contracts/${contractId}`);
    const contractNumber = (await buyer.getByTestId('contract-number').textContent()) ?? '';
    await buyer.getByRole('button', { name: 'File a complaint' }).click();
    const dialog = buyer.getByRole('dialog');
    await dialog.getByPlaceholder('What went wrong').click();
    await buyer.getByRole('option', { name: 'Late delivery' }).click();
    await dialog.getByRole('textbox', { name: 'Description' }).fill('The first 50 bales came 9 days late.');
    await dialog.getByRole('button', { name: 'File complaint' }).click();
    await buyer.getByRole('heading', { name: /^Complaint CMP/ }).waitFor();
    await buyer.getByRole('link', { name: contractNumber }).waitFor();
    expect(await buyer.getByTestId('amount-claimed').textContent()).toBe('None');
    await sellerPage.context().close();
    await buyer.context().close();
  });

  it('the list and a complaint fit a 390 px phone', async () => {
    const complaint = await filed('Cones crushed in transit.', '2500');
    const list = await pageAs(suite, mill.members.owner, '/complaints?side=received', PHONE);
    await list.getByTestId(`complaint-${complaint.number}`).waitFor();
    expect(await list.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const detail = await openComplaint(mill.members.owner, complaint.id, PHONE);
    await detail.getByRole('button', { name: 'Resolve' }).waitFor();
    expect(await detail.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await list.context().close();
    await detail.context().close();
  });
});

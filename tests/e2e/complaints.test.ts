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

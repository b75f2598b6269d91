import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF } from '../harness/files.ts';
import { type ApiCompany, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// Conversations in the browser: two companies talk on an order's page and see each other's
// messages, edits and deletes arrive without a reload; hostile text stays text; a viewer reads
// but cannot write; a phone-wide screen does not scroll sideways.
const suite = browserSuite({ beforeAll, afterAll });

const PHONE = { width: 390, height: 844 };

interface Trade {
  buyer: ApiCompany;
  supplier: ApiCompany;
  orderId: string;
}

/** A buyer and a supplier, linked, with a purchase order placed (submitted) between them. */
async function tradeWithOrder(label: string, supplierRoles: 'viewer'[] = []): Promise<Trade> {
  const buyer = await apiCompany(suite, `${label} Buyer`);
  const supplier = await apiCompany(suite, `${label} Mill`, supplierRoles);
  const link = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
  await supplier.members.owner.call('partners.decide', { linkId: link.id, decision: 'accept' });
  const order = await buyer.members.owner.call<{ id: string; version: number }>('orders.create', {
    supplierId: supplier.id,
    lines: [{ description: 'Combed cotton yarn 40s', quantity: '500', unit: 'kg', unitPrice: '310', taxRate: '5' }],
  });
  await buyer.members.owner.call('orders.transition', { orderId: order.id, action: 'submit', version: order.version });
  return { buyer, supplier, orderId: order.id };
}

/** A conversation about the order, started by the buyer over the API with these messages. */
async function conversationOnOrder(trade: Trade, ...bodies: string[]): Promise<{ id: string; messageIds: number[] }> {
  const [first = 'Hello', ...rest] = bodies;
  const started = await trade.buyer.members.owner.call<{ id: string; messageId: number }>('messaging.conversations.start', {
    partnerCompanyId: trade.supplier.id,
    about: { type: 'order', id: trade.orderId },
    body: first,
  });
  const messageIds = [started.messageId];
  for (const body of rest) {
    const sent = await trade.buyer.members.owner.call<{ id: number }>('messaging.messages.send', { conversationId: started.id, body });
    messageIds.push(sent.id);
  }
  return { id: started.id, messageIds };
}

/** A buyer's open tender inviting both suppliers (each linked first). */
async function openTender(buyer: ApiCompany, suppliers: ApiCompany[]): Promise<string> {
  const owner = buyer.members.owner;
  for (const supplier of suppliers) {
    const request = await owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
    await supplier.members.owner.call('partners.decide', { linkId: request.id, decision: 'accept' });
  }
  const tender = await owner.call<{ id: string }>('sourcing.tenders.create', {
    title: 'Shankar-6 cotton, December',
    currency: 'INR',
    closesAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
    deliveryPlace: 'Coimbatore',
    items: [{ description: 'Shankar-6 raw cotton bales', quantity: '1000', unit: 'kg' }],
    idempotencyKey: randomUUID(),
  });
  await owner.call('sourcing.tenders.invite', { tenderId: tender.id, supplierIds: suppliers.map((supplier) => supplier.id) });
  await owner.call('sourcing.tenders.publish', { tenderId: tender.id });
  return tender.id;
}

/** The buyer owner's name as messages show it. */
async function senderName(trade: Trade): Promise<string> {
  const me = await trade.buyer.members.owner.call<{ user: { name: string } }>('auth.me', undefined, 'query');
  return me.user.name;
}

const messagesNavBadge = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' }).getByTestId('messages-unread');
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('conversations in the browser', () => {
  it('buyer and supplier chat on an order: the other side sees each message arrive live, and the unread badge counts then clears', async () => {
    const trade = await tradeWithOrder('LiveChat');
    const buyerPage = await pageAs(suite, trade.buyer.members.owner, `/orders/${trade.orderId}`);
    const supplierPage = await pageAs(suite, trade.supplier.members.owner, '/messages');
    await supplierPage.getByText('No conversations yet.', { exact: false }).waitFor();
    expect(await messagesNavBadge(supplierPage).count()).toBe(0);

    // The buyer starts the conversation from the order's panel; Enter sends.
    const panel = buyerPage.getByTestId('document-conversation');
    await panel.getByTestId('start-conversation').waitFor();
    await panel.getByLabel(`Message to ${trade.supplier.name}`).fill('Can you ship the yarn by Friday?');
    await panel.getByLabel(`Message to ${trade.supplier.name}`).press('Enter');
    await panel.getByTestId('message-body').filter({ hasText: 'Can you ship the yarn by Friday?' }).waitFor();

    // The supplier, without reloading: the inbox lists it and the navigation counts it.
    await messagesNavBadge(supplierPage).filter({ hasText: /^1$/ }).waitFor();
    const card = supplierPage.locator('[data-testid^="conversation-"]').first();
    await card.getByText('Can you ship the yarn by Friday?', { exact: false }).waitFor();
    expect(await card.getByTestId('unread-badge').textContent()).toBe('1');

    // Opening it reads it: the badge clears.
    await card.click();
    await supplierPage.getByTestId('message-body').filter({ hasText: 'Can you ship the yarn by Friday?' }).waitFor();
    await messagesNavBadge(supplierPage).waitFor({ state: 'detached' });

    // The supplier replies (Shift+Enter is a new line); the buyer's order page shows it without a reload.
    const box = supplierPage.getByLabel('Message', { exact: true });
    await box.fill('Yes, two trucks.');
    await box.press('Shift+Enter');
    await box.pressSequentially('LR numbers to follow.');
    expect(await box.inputValue()).toBe('Yes, two trucks.\nLR numbers to follow.');
    await box.press('Enter');
    await supplierPage.getByTestId('message-body').filter({ hasText: 'LR numbers to follow.' }).waitFor();
    expect(await box.inputValue()).toBe('');

    const reply = panel.getByTestId('message-body').filter({ hasText: 'Yes, two trucks.' });
    await reply.waitFor();
    expect(await reply.textContent()).toBe('Yes, two trucks.\nLR numbers to follow.');
    // The buyer has it on screen, so it does not count as unread for the buyer.
    expect(await messagesNavBadge(buyerPage).count()).toBe(0);
  });

  it('a reply quotes the original and carries a file the other side can download; a search hit opens the thread at that message', async () => {
    const trade = await tradeWithOrder('Attach');
    const conversation = await conversationOnOrder(trade, 'Send the lab report for lot 7 please');
    const [askedId] = conversation.messageIds as [number];
    const supplierPage = await pageAs(suite, trade.supplier.members.owner, `/messages/${conversation.id}`);
    await supplierPage.getByTestId(`message-${askedId}`).getByRole('button', { name: 'Reply' }).click();
    await supplierPage.getByTestId('composer-reply').getByText('Send the lab report for lot 7 please').waitFor();
    await supplierPage
      .getByTestId('composer')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'lab-report-lot7.pdf', mimeType: 'application/pdf', buffer: PDF });
    await supplierPage.getByTestId('pending-file-lab-report-lot7.pdf').waitFor();
    await supplierPage.getByLabel('Message', { exact: true }).fill('Micronaire 4.1, staple 29.5 mm');
    await supplierPage.getByRole('button', { name: 'Send' }).click();
    await supplierPage.getByTestId('message-body').filter({ hasText: 'Micronaire 4.1' }).waitFor();
    expect(await supplierPage.getByTestId('composer-reply').count()).toBe(0);

    const buyerPage = await pageAs(suite, trade.buyer.members.owner, `/orders/${trade.orderId}`);
    const reply = buyerPage.getByTestId('document-conversation').locator('[data-testid^="message-"][data-mine="false"]');
    await reply.getByTestId('message-body').filter({ hasText: 'Micronaire 4.1, staple 29.5 mm' }).waitFor();
    expect(await reply.getByTestId('reply-quote').textContent()).toBe(`${await senderName(trade)}: Send the lab report for lot 7 please`);
    const file = reply.getByRole('link', { name: /^lab-report-lot7\.pdf/ });
    const href = await file.getAttribute('href');
    expect(href).toMatch(/^\/files\/[0-9a-f-]{36}$/);
    const download = await buyerPage.request.get(`${suite.url}${href}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

    // Search from the inbox: the hit opens the thread with that message outlined.
    await buyerPage.goto(`${suite.url}/messages`);
    await buyerPage.getByLabel('Search messages').fill('micronaire');
    const hit = buyerPage.getByTestId('search-results').getByRole('link').first();
    await hit.click();
    await buyerPage.waitForURL(/\/messages\/[0-9a-f-]{36}#message-\d+$/);
    const target = Number(/#message-(\d+)$/.exec(buyerPage.url())?.[1]);
    const outlined = buyerPage.getByTestId(`message-${target}`);
    await outlined.getByTestId('message-body').filter({ hasText: 'Micronaire 4.1' }).waitFor();
    expect(await outlined.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
  });

  it('a body with script, an image with onerror and markup shows as literal text and runs nothing; a web address is a safe link', async () => {
    const trade = await tradeWithOrder('Hostile');
    const hostile = [
      '<script>window.__pwned = "script"</script>',
      '<img src=x onerror="window.__pwned = \'img\'">',
      '<b>bold?</b> <a href="javascript:window.__pwned=\'link\'">click</a>',
    ].join('\n');
    const conversation = await conversationOnOrder(trade, hostile, 'Specs at https://mill.example/specs?lot=7 today.');
    const page = await pageAs(suite, trade.supplier.members.owner, `/messages/${conversation.id}`);
    const bodies = page.getByTestId('message-body');
    await bodies.nth(1).waitFor();

    expect(await bodies.nth(0).textContent()).toBe(hostile);
    const list = page.getByTestId('message-list');
    expect(await list.locator('img, script, b').count()).toBe(0);
    expect(await list.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();

    const link = bodies.nth(1).getByRole('link', { name: 'https://mill.example/specs?lot=7' });
    expect(await link.getAttribute('href')).toBe('https://mill.example/specs?lot=7');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await bodies.nth(1).textContent()).toBe('Specs at https://mill.example/specs?lot=7 today.');
  });

  it("the buyer's edit and delete show in the supplier's open thread, the edit with its history", async () => {
    const trade = await tradeWithOrder('EditDelete');
    const conversation = await conversationOnOrder(trade, 'Price is 310 per kg', 'Wrong thread, ignore');
    const [firstId, secondId] = conversation.messageIds as [number, number];
    const supplierPage = await pageAs(suite, trade.supplier.members.owner, `/messages/${conversation.id}`);
    await supplierPage.getByTestId(`message-${secondId}`).waitFor();
    // Not the supplier's messages: nothing to edit or delete.
    expect(await supplierPage.getByTestId(`message-${firstId}`).getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await supplierPage.getByTestId(`message-${firstId}`).getByRole('button', { name: 'Delete' }).count()).toBe(0);

    const buyerPage = await pageAs(suite, trade.buyer.members.owner, `/messages/${conversation.id}`);
    const mine = buyerPage.getByTestId(`message-${firstId}`);
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByLabel('Edit the message').fill('Price is 305 per kg');
    await mine.getByRole('button', { name: 'Save' }).click();
    await mine.getByText('Price is 305 per kg').waitFor();

    buyerPage.once('dialog', (dialog) => void dialog.accept());
    await buyerPage.getByTestId(`message-${secondId}`).getByRole('button', { name: 'Delete' }).click();
    await buyerPage.getByTestId(`message-${secondId}`).getByTestId('message-deleted').waitFor();

    // The supplier's page, never reloaded.
    const edited = supplierPage.getByTestId(`message-${firstId}`);
    await edited.getByTestId('message-body').filter({ hasText: 'Price is 305 per kg' }).waitFor();
    await supplierPage.getByTestId(`message-${secondId}`).getByText('Message deleted').waitFor();
    expect(await supplierPage.getByTestId(`message-${secondId}`).getByTestId('message-body').count()).toBe(0);

    await edited.getByRole('button', { name: /edited/i }).click();
    const history = supplierPage.getByTestId('message-history');
    await history.getByText('Price is 310 per kg').waitFor();
    expect(await history.getByTestId('message-body').allTextContents()).toEqual(['Price is 305 per kg', 'Price is 310 per kg']);
  });

  it("a tender's buyer talks with each supplier apart: picks whom to write to, and no supplier sees another's conversation", async () => {
    const buyer = await apiCompany(suite, 'Tender Buyer');
    const first = await apiCompany(suite, 'First Gin');
    const second = await apiCompany(suite, 'Second Gin');
    const tenderId = await openTender(buyer, [first, second]);

    // The first supplier asks on its quote request page.
    const firstPage = await pageAs(suite, first.members.owner, `/quote-requests/${tenderId}`);
    const firstPanel = firstPage.getByTestId('document-conversation');
    await firstPanel.getByLabel(`Message to ${buyer.name}`).fill('Is trash content up to 3% acceptable?');
    await firstPanel.getByRole('button', { name: 'Start conversation' }).click();
    await firstPanel.getByTestId('message-body').filter({ hasText: 'Is trash content up to 3% acceptable?' }).waitFor();

    // The buyer's tender page: the first supplier's conversation, and the second to start.
    const buyerPage = await pageAs(suite, buyer.members.owner, `/tenders/${tenderId}`);
    const panel = buyerPage.getByTestId('document-conversation');
    await panel.getByTestId('message-body').filter({ hasText: 'Is trash content up to 3% acceptable?' }).waitFor();
    const pick = panel.getByLabel('Conversation with').and(buyerPage.locator('input'));
    await pick.click();
    await buyerPage.getByRole('option', { name: `${second.name} (new)` }).click();
    await panel.getByLabel(`Message to ${second.name}`).fill('Please quote for delivery in Coimbatore.');
    await panel.getByRole('button', { name: 'Start conversation' }).click();
    await panel.getByTestId('message-body').filter({ hasText: 'Please quote for delivery in Coimbatore.' }).waitFor();
    expect(await pick.inputValue()).toBe(second.name);

    // Each supplier sees its own conversation only.
    const secondPage = await pageAs(suite, second.members.owner, `/quote-requests/${tenderId}`);
    const secondPanel = secondPage.getByTestId('document-conversation');
    await secondPanel.getByTestId('message-body').filter({ hasText: 'Please quote for delivery in Coimbatore.' }).waitFor();
    expect(await secondPanel.getByTestId('message-body').allTextContents()).toEqual(['Please quote for delivery in Coimbatore.']);
    await firstPage.reload();
    await firstPanel.getByTestId('message-body').first().waitFor();
    expect(await firstPanel.getByTestId('message-body').allTextContents()).toEqual(['Is trash content up to 3% acceptable?']);
  });

  it("a partner's Message button starts a general conversation; a too-long message is refused under the box; once unlinked the box gives way to the reason", async () => {
    const buyer = await apiCompany(suite, 'General Buyer');
    const supplier = await apiCompany(suite, 'General Mill');
    const link = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
    await supplier.members.owner.call('partners.decide', { linkId: link.id, decision: 'accept' });

    const page = await pageAs(suite, buyer.members.owner, '/partners');
    await page.getByTestId(`link-${supplier.name}`).getByRole('button', { name: 'Message' }).click();
    const dialog = page.getByRole('dialog', { name: `Message ${supplier.name}` });
    await dialog.getByLabel('Your message').fill('Do you have 40s combed yarn in stock?');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
    await page.getByTestId('message-body').filter({ hasText: 'Do you have 40s combed yarn in stock?' }).waitFor();
    await page.getByRole('heading', { name: `Conversation with ${supplier.name}` }).waitFor();

    const box = page.getByLabel('Message', { exact: true });
    await box.fill('x'.repeat(4001));
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await page.getByTestId('composer-error').textContent()).toBe('Message must be at most 4000 characters.');
    expect(await page.getByTestId('message-body').count()).toBe(1);
    // What was typed stays, to shorten.
    expect((await box.inputValue()).length).toBe(4001);

    await buyer.members.owner.call('partners.unlink', { linkId: link.id });
    await page.reload();
    await page.getByTestId('message-body').filter({ hasText: 'Do you have 40s combed yarn in stock?' }).waitFor();
    expect(await page.getByTestId('composer-disabled').textContent()).toBe(
      'The partner link has ended, so this conversation takes no new messages. You can still read it, and link again to continue.',
    );
    expect(await page.getByTestId('composer').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Reply|Edit|Delete|Send)$/ }).count()).toBe(0);
  });

  it("the trade desk's offer, negotiation and contract pages each hold their own conversation between the two traders", async () => {
    const trader = await apiCompany(suite, 'Desk Trader');
    const mill = await apiCompany(suite, 'Desk Mill');
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const offer = await trader.members.owner.call<{ id: string }>('tradedesk.offers.create', {
      side: 'sell',
      commodity: 'cotton-lint',
      variety: 'shankar-6',
      quantity: '500',
      unit: 'bale',
      price: '56500',
      currency: 'INR',
      priceUnit: 'candy',
      validUntil: inDays(7),
      visibility: 'desk',
    });
    const negotiation = await mill.members.owner.call<{ id: string; version: number }>('tradedesk.negotiations.open', {
      offerId: offer.id,
      terms: { priceUnit: 'candy', currency: 'INR', unit: 'bale', price: '56000', quantity: '100' },
    });

    /** Starts the conversation in the page's panel and waits for the message to show there. */
    const startIn = async (page: Page, partner: string, body: string) => {
      const panel = page.getByTestId('document-conversation');
      await panel.getByLabel(`Message to ${partner}`).fill(body);
      await panel.getByRole('button', { name: 'Start conversation' }).click();
      await panel.getByTestId('message-body').filter({ hasText: body }).waitFor();
    };
    const millPage = await pageAs(suite, mill.members.owner, `/desk/offers/${offer.id}`);
    await startIn(millPage, trader.name, 'Is this season’s crop?');
    await millPage.goto(`${suite.url}/negotiations/${negotiation.id}`);
    await startIn(millPage, trader.name, 'Can you meet 56,000?');

    const { contractId } = await trader.members.owner.call<{ contractId: string }>('tradedesk.negotiations.accept', {
      negotiationId: negotiation.id,
      version: negotiation.version,
    });
    const traderPage = await pageAs(suite, trader.members.owner, `/contracts/${contractId}`);
    await startIn(traderPage, mill.name, 'Contract signed; first truck on the 10th.');

    // Each page shows its own conversation only.
    const bodiesOn = async (page: Page, path: string) => {
      await page.goto(`${suite.url}${path}`);
      const bodies = page.getByTestId('document-conversation').getByTestId('message-body');
      await bodies.first().waitFor();
      return bodies.allTextContents();
    };
    expect(await bodiesOn(traderPage, `/desk/offers/${offer.id}`)).toEqual(['Is this season’s crop?']);
    expect(await bodiesOn(traderPage, `/negotiations/${negotiation.id}`)).toEqual(['Can you meet 56,000?']);
    expect(await bodiesOn(millPage, `/contracts/${contractId}`)).toEqual(['Contract signed; first truck on the 10th.']);

    // The mill's inbox: three conversations, the contract's under the mill's own purchase number.
    await millPage.goto(`${suite.url}/messages`);
    const cards = millPage.locator('[data-testid^="conversation-"]');
    await cards.nth(2).waitFor();
    expect(await cards.count()).toBe(3);
    expect(await cards.first().getByText(/^PC-/).count()).toBe(1);
  });

  it('adds another partner to a general conversation: it then sees the whole conversation in its inbox', async () => {
    const buyer = await apiCompany(suite, 'Adding Buyer');
    const mill = await apiCompany(suite, 'Adding Mill');
    const transporter = await apiCompany(suite, 'Adding Freight');
    for (const partner of [mill, transporter]) {
      const request = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: partner.id });
      await partner.members.owner.call('partners.decide', { linkId: request.id, decision: 'accept' });
    }
    const started = await buyer.members.owner.call<{ id: string }>('messaging.conversations.start', {
      partnerCompanyId: mill.id,
      body: 'Trucks for Friday: who arranges them?',
    });

    const page = await pageAs(suite, buyer.members.owner, `/messages/${started.id}`);
    await page.getByTestId('message-body').first().waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Add a company' }).click();
    await page.getByRole('menuitem', { name: transporter.name }).click();
    await page.getByText(`${transporter.name} can now read and write in this conversation.`).waitFor();
    // Both partners are in it now: nobody is left to add, and the header names both.
    await page.getByRole('button', { name: 'Add a company' }).waitFor({ state: 'detached' });
    await page
      .getByText(`With ${mill.name}, ${transporter.name}`, { exact: true })
      .or(page.getByText(`With ${transporter.name}, ${mill.name}`, { exact: true }))
      .waitFor();

    const freightPage = await pageAs(suite, transporter.members.owner, '/messages');
    await freightPage
      .locator('[data-testid^="conversation-"]')
      .getByText('Trucks for Friday: who arranges them?', { exact: false })
      .click();
    await freightPage.getByTestId('message-body').filter({ hasText: 'Trucks for Friday: who arranges them?' }).waitFor();
  });

  it('a viewer reads the conversation but has no composer and no buttons to write', async () => {
    const trade = await tradeWithOrder('Viewer', ['viewer']);
    const viewer = trade.supplier.members.viewer;
    if (!viewer) throw new Error('no viewer arranged');
    const conversation = await conversationOnOrder(trade, 'Dispatch plan attached soon');
    const page = await pageAs(suite, viewer, `/messages/${conversation.id}`);
    await page.getByTestId('message-body').filter({ hasText: 'Dispatch plan attached soon' }).waitFor();
    await page.getByTestId('read-only-note').waitFor();
    expect(await page.getByTestId('composer').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Reply|Edit|Delete|Send|Add a company)$/ }).count()).toBe(0);

    // On the order's page too: the thread, no composer.
    await page.goto(`${suite.url}/orders/${trade.orderId}`);
    const panel = page.getByTestId('document-conversation');
    await panel.getByTestId('message-body').filter({ hasText: 'Dispatch plan attached soon' }).waitFor();
    expect(await panel.getByTestId('composer').count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^(Reply|Send|Start conversation)$/ }).count()).toBe(0);
  });

  it('works 390 px wide: the inbox, a thread with a long unbroken line and the order panel do not scroll sideways', async () => {
    const trade = await tradeWithOrder('Phone');
    const conversation = await conversationOnOrder(
      trade,
      `Batch ${'X'.repeat(300)}`,
      'Lot details at https://mill.example/a/very/long/path/that/goes/on/and/on/and/on/without/a/break/lot-000123',
    );
    const page = await pageAs(suite, trade.supplier.members.owner, '/messages', PHONE);
    await page.locator('[data-testid^="conversation-"]').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.goto(`${suite.url}/messages/${conversation.id}`);
    await page.getByTestId('message-body').nth(1).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const send = page.getByRole('button', { name: 'Send' });
    const box = await send.boundingBox();
    expect(box !== null && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);

    await page.goto(`${suite.url}/orders/${trade.orderId}`);
    const panel = page.getByTestId('document-conversation');
    await panel.getByTestId('message-body').nth(1).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    // The panel folds away and opens again.
    await panel.getByRole('button', { name: 'Hide' }).click();
    await panel.getByTestId('message-list').waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Show' }).click();
    await panel.getByTestId('message-list').waitFor();
  });
});

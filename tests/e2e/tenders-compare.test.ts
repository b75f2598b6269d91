import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The buyer's comparison of a closed tender: two suppliers' quotes side by side, the lowest landed
// offer marked in words, then a split award (item 1 to one supplier, item 2 to the other, with the
// reason the screen asks for) that lands on the two purchase orders it created.
const suite = browserSuite({ beforeAll, afterAll });

let buyer: ApiCompany & { members: { viewer: ApiUser; staff: ApiUser } };
let coimbatore: ApiCompany;
let erode: ApiCompany;
let tenderId: string;

interface TenderItem {
  id: string;
  lineNo: number;
}

beforeAll(async () => {
  buyer = (await apiCompany(suite, 'Tiruppur Knits', ['viewer', 'staff'])) as typeof buyer;
  coimbatore = await apiCompany(suite, 'Coimbatore Spinning');
  erode = await apiCompany(suite, 'Erode Cotton');
  for (const supplier of [coimbatore, erode]) {
    const link = await buyer.members.owner.call<{ id: string }>('partners.requestLink', { supplierId: supplier.id });
    await supplier.members.owner.call('partners.decide', { linkId: link.id, decision: 'accept' });
  }
  const buyerCalls = buyer.members.owner;
  const created = await buyerCalls.call<{ id: string }>('sourcing.tenders.create', {
    title: 'Cotton for the winter season',
    currency: 'INR',
    closesAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
    items: [
      { description: 'Shankar-6 cotton', quantity: '500', unit: 'kg' },
      { description: 'Combed yarn 40s', quantity: '200', unit: 'kg' },
    ],
  });
  tenderId = created.id;
  await buyerCalls.call('sourcing.tenders.invite', { tenderId, supplierIds: [coimbatore.id, erode.id] });
  await buyerCalls.call('sourcing.tenders.publish', { tenderId });
  const tender = await buyerCalls.call<{ items: TenderItem[] }>('sourcing.tenders.get', { tenderId }, 'query');
  const [cotton, yarn] = [...tender.items].sort((a, b) => a.lineNo - b.lineNo);
  if (!cotton || !yarn) throw new Error('the tender has no items');
  // Coimbatore is the lowest on both items; Erode's yarn is dearer but it delivers sooner.
  await coimbatore.members.owner.call('sourcing.quotes.submit', {
    tenderId,
    leadTimeDays: 30,
    lines: [
      { itemId: cotton.id, unitPrice: '160', taxRate: '5' },
      { itemId: yarn.id, unitPrice: '290', taxRate: '5' },
    ],
  });
  await erode.members.owner.call('sourcing.quotes.submit', {
    tenderId,
    leadTimeDays: 10,
    lines: [
      { itemId: cotton.id, unitPrice: '172', taxRate: '5' },
      { itemId: yarn.id, unitPrice: '298', freightPerUnit: '2', taxRate: '5' },
    ],
  });
  // Both invitees have quoted, so the buyer may close before the deadline.
  await buyerCalls.call('sourcing.tenders.close', { tenderId });
}, 300_000);

describe('a tender quoted in another currency and unit', () => {
  it('is sealed until closing, then asks for the rate and unit factor in words and compares once they are saved', {
    timeout: 180_000,
  }, async () => {
    const owner = buyer.members.owner;
    const { id } = await owner.call<{ id: string }>('sourcing.tenders.create', {
      title: 'Export cotton',
      currency: 'INR',
      closesAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      items: [{ description: 'MCU-5 cotton', quantity: '1000', unit: 'kg' }],
    });
    await owner.call('sourcing.tenders.invite', { tenderId: id, supplierIds: [coimbatore.id, erode.id] });
    await owner.call('sourcing.tenders.publish', { tenderId: id });
    const tender = await owner.call<{ items: TenderItem[] }>('sourcing.tenders.get', { tenderId: id }, 'query');
    const itemId = tender.items[0]?.id;
    await coimbatore.members.owner.call('sourcing.quotes.submit', { tenderId: id, lines: [{ itemId, unitPrice: '160', taxRate: '5' }] });

    // Open: the page says until when the quotes are sealed and shows no figure.
    const page = await pageAs(suite, owner, `/tenders/${id}/compare`);
    const sealed = page.getByTestId('sealed-notice');
    await sealed.waitFor();
    expect(await sealed.textContent()).toContain('Quotes stay sealed until');
    expect(await page.getByTestId('comparison-matrix').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('₹');

    await erode.members.owner.call('sourcing.quotes.submit', {
      tenderId: id,
      currency: 'USD',
      lines: [{ itemId, unitPrice: '185', unit: 'qtl', taxRate: '5' }],
    });
    await owner.call('sourcing.tenders.close', { tenderId: id });
    await page.reload();
    const notice = page.getByTestId('missing-conversions');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`${erode.name} quoted in USD: enter the USD → INR rate to compare.`);
    expect(await page.getByTestId(`cell-1-${erode.name}`).textContent()).toContain('Not comparable yet');

    await page.getByLabel('1 USD in INR').fill('84');
    await page.getByLabel('1 qtl in kg').fill('100');
    await page.getByRole('button', { name: 'Save rates' }).click();
    // $185 a quintal × 84 ÷ 100 = ₹155.40 a kg, + 5% GST: now below Coimbatore's ₹168.
    await expect.poll(() => page.getByTestId(`cell-1-${erode.name}`).textContent(), { timeout: 20_000 }).toContain('Lowest');
    expect(await page.getByTestId(`cell-1-${erode.name}`).textContent()).toContain('Quoted $185.00 / qtl');
    expect(await page.getByTestId('missing-conversions').count()).toBe(0);
    await page.close();

    // Staff may award, but not orders above the approval threshold: the screen says who can.
    await owner.call('orders.setApprovalThreshold', { threshold: '100000' });
    const staff = await pageAs(suite, buyer.members.staff, `/tenders/${id}/compare`);
    await staff.getByRole('button', { name: 'Review award' }).click();
    await staff.getByTestId('award-review').waitFor();
    await staff.getByRole('button', { name: 'Award and create the order' }).click();
    await expect
      .poll(() => staff.getByTestId('award-review').textContent(), { timeout: 20_000 })
      .toContain("Orders above ₹1,00,000.00 need a manager's approval: ask a manager to award.");
    await owner.call('orders.setApprovalThreshold', { threshold: null });
    await staff.close();
  });
});

describe('comparing quotes and awarding a tender', () => {
  it('a viewer sees the matrix with the lowest marked, and no award', { timeout: 120_000 }, async () => {
    const page = await pageAs(suite, buyer.members.viewer, `/tenders/${tenderId}/compare`);
    await page.getByTestId('comparison-matrix').waitFor();
    const cell = (line: number, supplier: ApiCompany) => page.getByTestId(`cell-${line}-${supplier.name}`);
    await expect.poll(() => cell(1, coimbatore).textContent()).toContain('Lowest');
    expect(await cell(1, erode).textContent()).not.toContain('Lowest');
    // 160 + 5% GST, in rupees grouped the Indian way.
    expect(await cell(1, coimbatore).textContent()).toContain('₹168');
    expect(await cell(1, coimbatore).textContent()).toContain('₹84,000.00');
    expect(await page.getByRole('button', { name: 'Review award' }).count()).toBe(0);
    await page.close();
  });

  it('at 390 px the matrix scrolls inside its box, not the page', { timeout: 120_000 }, async () => {
    const page = await pageAs(suite, buyer.members.owner, `/tenders/${tenderId}/compare`, { width: 390, height: 844 });
    await page.getByTestId('comparison-matrix').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('splits the award, item 1 to Coimbatore and item 2 to Erode with a reason, and lands on the orders', {
    timeout: 180_000,
  }, async () => {
    const page = await pageAs(suite, buyer.members.owner, `/tenders/${tenderId}/compare`);
    await page.getByTestId('award-form').waitFor();
    // Item 2 goes to Erode instead of the lowest: the screen then asks why.
    await page.getByLabel('Supplier 1 of item 2', { exact: true }).click();
    await page.getByRole('option', { name: new RegExp(`^${erode.name}`) }).click();
    await page.getByRole('button', { name: 'Review award' }).click();
    const reason = page.getByRole('textbox', { name: /Why not the lowest for item 2/ });
    await reason.waitFor();
    await expect.poll(() => page.getByTestId('award-item-2').textContent()).toContain('Say why');
    await reason.fill('Erode delivers in 10 days, before the looms run out');
    await page.getByRole('button', { name: 'Review award' }).click();

    const review = page.getByTestId('award-review');
    await review.waitFor();
    expect(await review.textContent()).toContain('2 orders will be created');
    // 500 kg × ₹168 and 200 kg × (298 + 2) × 1.05.
    expect(await page.getByTestId(`order-preview-total-${coimbatore.name}`).textContent()).toBe('₹84,000.00');
    expect(await page.getByTestId(`order-preview-total-${erode.name}`).textContent()).toBe('₹63,000.00');
    await page.getByRole('button', { name: 'Award and create 2 orders' }).click();

    const orders = page.getByTestId('awarded-orders');
    await orders.waitFor({ timeout: 30_000 });
    expect(await orders.textContent()).toContain(coimbatore.name);
    expect(await orders.textContent()).toContain(erode.name);
    await expect.poll(() => page.getByTestId(`cell-2-${erode.name}`).textContent()).toContain('Awarded 200 kg');
    expect(await page.getByRole('button', { name: 'Review award' }).count()).toBe(0);

    await orders.getByRole('link').filter({ hasText: /^PO-/ }).first().click();
    await page.getByRole('heading', { name: /^Purchase order PO-/ }).waitFor();
    expect(page.url()).toMatch(/\/orders\/[0-9a-f-]{36}$/);
    await page.close();
  });
});

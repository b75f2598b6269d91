import { ManualClock } from '@tradeloom/server';
import { verifyWebhook } from '@tradeloom/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedWebhook, startWebhookReceiver } from '../harness/webhook-receiver.ts';
import { type ApiUser, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The webhook screens against the real delivery engine and a real receiver on 127.0.0.1. The
// clock is real time plus what the test adds: a delivery that keeps failing is retried over about
// a day before it is given up, and the test moves the clock to each retry instead of waiting.

const clock = new ManualClock();
const suite = browserSuite({ beforeAll, afterAll }, { clock, webhooks: { allowHosts: ['127.0.0.1'], allowHttp: true, timeoutMs: 5_000 } });
const SLOW = 240_000;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

/** A receiver that answers `status` (500 until the test says otherwise) and keeps every request. */
async function startReceiver() {
  let status = 500;
  const receiver = await startWebhookReceiver(() => ({
    status,
    body: status === 200 ? 'ok, stored' : 'receiver down for maintenance',
  }));
  return {
    url: `${receiver.url}/tradeloom/hooks`,
    received: receiver.received,
    answer: (next: number) => {
      status = next;
    },
    close: receiver.close,
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

const deliveryRow = (deliveryId: string) =>
  suite.db
    .selectFrom('webhook_deliveries')
    .select(['status', 'attempts', 'next_attempt_at'])
    .where('id', '=', deliveryId)
    .executeTakeFirstOrThrow();

/** Moves the clock to the delivery's next attempt and waits until the receiver has heard it; false once it is given up. */
async function runNextRetry(deliveryId: string, receiver: { received: ReceivedWebhook[] }) {
  const heard = receiver.received.length;
  // The receiver hears an attempt before the sender records it: read the schedule once it has.
  await until(async () => (await deliveryRow(deliveryId)).attempts === heard, `attempt ${heard} recorded`);
  const row = await deliveryRow(deliveryId);
  if (row.status !== 'pending' || !row.next_attempt_at) return false;
  const wait = new Date(row.next_attempt_at).getTime() - clock.now().getTime();
  if (wait > 0) clock.advance(wait + 1_000);
  await until(() => receiver.received.length > heard, `attempt ${heard + 1}`);
  return true;
}

describe('webhook screens in a real browser', () => {
  it(
    'an admin adds an endpoint, sees the secret once, sends a test event, sees it fail, replays it and sees it delivered',
    async () => {
      const receiver = await startReceiver();
      try {
        const company = await apiCompany(suite, 'Hooks Mill');
        const page = await pageAs(suite, company.members.owner, '/settings', LAPTOP);
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Webhooks' }).click();
        await page.getByTestId('webhooks-empty').waitFor();
        await page.getByRole('link', { name: 'Add endpoint' }).click();

        // A private address is refused, in words, under the field.
        await page.getByLabel('Endpoint URL').fill('http://10.1.2.3/hooks');
        await page.getByPlaceholder('e.g. order, invoice, awarded').fill('order.sub');
        await page.getByRole('checkbox', { name: 'order.submitted' }).check();
        await page.getByPlaceholder('e.g. order, invoice, awarded').fill('');
        await page.getByRole('checkbox', { name: 'All Tender events' }).check();
        await page.getByRole('button', { name: 'Add endpoint' }).click();
        const urlInput = page.getByLabel('Endpoint URL');
        await until(async () => (await urlInput.getAttribute('aria-invalid')) === 'true', 'the URL refusal');
        await page.getByText(/points to .*10\.1\.2\.3/i).waitFor();

        await urlInput.fill(receiver.url);
        await page.getByLabel('Description').fill('Tally sync');
        await page.getByRole('button', { name: 'Add endpoint' }).click();
        const secret = ((await page.getByTestId('signing-secret-value').textContent()) ?? '').trim();
        expect(secret).toMatch(/^whsec_/);
        await page.getByText('this is the only time Tradeloom shows it', { exact: false }).waitFor();
        await page.getByRole('link', { name: 'Open the endpoint' }).click();
        await page.getByTestId('endpoint-url').getByText(receiver.url).waitFor();
        expect(await page.getByTestId('endpoint-events').textContent()).toContain('order.submitted');
        // Shown once: the endpoint's page never carries it.
        expect(await page.content()).not.toContain(secret);

        await page.getByRole('button', { name: 'Send test event' }).click();
        await until(() => receiver.received.length >= 1, 'the first attempt');
        const log = page.getByTestId('delivery-log');
        const row = log.getByTestId('webhook-delivery').first();
        // The log refreshes on its own (live updates): the 500 shows without reloading.
        await row.getByTestId('last-status-code').getByText('500').waitFor();
        expect(await row.textContent()).toContain('webhook.test');

        const delivery = await suite.db
          .selectFrom('webhook_deliveries')
          .select(['id'])
          .where('company_id', '=', company.id)
          .executeTakeFirstOrThrow();
        // Every retry fails too, until the schedule gives up: a dead letter.
        while (await runNextRetry(delivery.id, receiver)) {}
        await row.getByText('Failed').waitFor();
        const attempts = receiver.received.length;
        expect(attempts).toBeGreaterThan(1);

        await row.getByRole('button', { name: /^Open delivery webhook\.test/ }).click();
        const detail = page.getByTestId('delivery-detail');
        await detail.waitFor();
        expect(await detail.getByTestId('webhook-attempt').count()).toBe(attempts);
        await detail.getByTestId('webhook-attempt').first().getByText('receiver down for maintenance').waitFor();
        const shownBody = await detail.getByTestId('delivery-body').textContent();

        receiver.answer(200);
        await detail.getByRole('button', { name: 'Replay' }).click();
        await until(() => receiver.received.length === attempts + 1, 'the replay');
        await detail.getByText('Delivered').waitFor();
        await detail.getByText('ok, stored').waitFor();
        await row.getByText('Delivered').waitFor();

        // One message throughout: the same webhook-id on every attempt and the replay, the same body,
        // signed so that the secret shown once verifies it.
        const ids = new Set(receiver.received.map((request) => request.headers['webhook-id']));
        expect(ids.size).toBe(1);
        expect(await detail.getByTestId('delivery-message-id').textContent()).toBe([...ids][0]);
        const replayed = receiver.received.at(-1) as ReceivedWebhook;
        expect(replayed.body).toBe(receiver.received[0]?.body);
        expect(replayed.body).toBe(shownBody);
        const sentAt = new Date(Number(replayed.headers['webhook-timestamp']) * 1000);
        const payload = await verifyWebhook(secret, replayed.headers as Record<string, string>, replayed.body, { now: sentAt });
        expect(payload).toMatchObject({ type: 'webhook.test' });
      } finally {
        await receiver.close();
      }
    },
    SLOW,
  );

  it(
    'fits a phone: the list, the form and the endpoint page stay within 390 px',
    async () => {
      const company = await apiCompany(suite, 'Narrow Hooks');
      const owner = company.members.owner;
      await owner.call('webhooks.endpoints.create', {
        url: 'http://127.0.0.1:19999/a-rather-long-path/that/keeps/going/for/a-while/tradeloom-webhooks',
        events: ['order.submitted', 'order.accepted'],
        description: 'ERP on the shop floor',
      });
      const page = await pageAs(suite, owner, '/settings/webhooks', PHONE);
      await page.getByTestId('webhook-endpoint').first().waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.getByRole('link', { name: /a-rather-long-path/ }).click();
      await page.getByTestId('delivery-log').waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.goto(`${suite.url}/settings/webhooks/new`);
      await page.getByRole('checkbox', { name: 'order.submitted' }).waitFor();
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    },
    SLOW,
  );

  it(
    'a manager or viewer sees no Add endpoint: the page says the role cannot',
    async () => {
      const company = await apiCompany(suite, 'Hook Roles', ['manager', 'viewer']);
      for (const role of ['manager', 'viewer'] as const) {
        const page = await pageAs(suite, company.members[role] as ApiUser, '/settings/webhooks', LAPTOP);
        await page.getByTestId('role-refusal').waitFor();
        expect(await page.getByRole('link', { name: 'Add endpoint' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Add endpoint' }).count()).toBe(0);
        expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
        await page.context().close();
      }
    },
    SLOW,
  );
});

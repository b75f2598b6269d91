import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, apiCompany, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// The REST API's reference in the app: reached from the API keys screen, Swagger UI served from our
// own origin under the app's CSP (no CDN, no blocked script), every operation listed, at 390 px.
const suite = browserSuite({ beforeAll, afterAll });
const PHONE = { width: 390, height: 844 };

let company: ApiCompany;
beforeAll(async () => {
  company = await apiCompany(suite, 'Docs Mill');
});

describe('the API docs page', () => {
  it('is linked from the API keys screen and lists the operations of the document', async () => {
    const page = await pageAs(suite, company.members.owner, '/api-keys', PHONE);
    // Console errors of the page and its frame (a CSP refusal is reported there).
    const problems: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(suite.url)) outside.push(request.url());
    });

    await page.getByRole('link', { name: 'REST API' }).click();
    await page.getByRole('heading', { name: 'REST API', level: 2 }).waitFor();
    expect(await page.getByText(`${suite.url}/api/v1`).count()).toBe(1);

    const reference = page.frameLocator('iframe[title="Tradeloom API reference"]');
    await reference.getByText('Tradeloom API').first().waitFor();
    const spec = await (await fetch(`${suite.url}/api/openapi.json`)).json();
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, { summary: string }>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const row = reference.locator(`.opblock-${method}`).filter({ hasText: path }).filter({ hasText: operation.summary });
        expect(await row.count(), `${method.toUpperCase()} ${path}`).toBeGreaterThanOrEqual(1);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(problems.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
    expect(outside).toEqual([]);
  }, 120_000);
});

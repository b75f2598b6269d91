import { existsSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { type Clock, type Config, createServer } from '@tradeloom/server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createTestDb } from '../harness/test-db.ts';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}). Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface AppServerOptions {
  seedDemo?: boolean;
  /** A clock the test moves (ManualClock) for deadlines and schedules; real time by default. */
  clock?: Clock;
  /** Webhook rules, e.g. a local receiver allowed on 127.0.0.1 over plain http; the defaults refuse both. */
  webhooks?: Config['webhooks'];
}

/** The real server (built app, job runner, dev mailbox) on a fresh database and a free port. */
export async function startAppServer(options: AppServerOptions = {}) {
  const port = await freePort();
  const database = await createTestDb();
  const server = await createServer({
    database,
    seedDemo: options.seedDemo ?? false,
    clock: options.clock,
    config: {
      port,
      publicUrl: `http://127.0.0.1:${port}`,
      env: 'development',
      logLevel: 'silent',
      secureCookies: false,
      runJobs: true,
      smtpUrl: undefined,
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    },
  });
  // Quick job polling so mail shows up in the dev mailbox without waiting.
  await server.listen(port);
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    db: database.db,
    async close() {
      await server.close();
      await database.close();
    },
  };
}

/** One app server and one browser for a test file, started before and closed after its tests. */
export function browserSuite(
  hooks: {
    beforeAll: (fn: () => Promise<void>, timeout?: number) => void;
    afterAll: (fn: () => Promise<void>) => void;
  },
  options: AppServerOptions = {},
) {
  const state: { browser?: Browser; app?: Awaited<ReturnType<typeof startAppServer>> } = {};
  hooks.beforeAll(async () => {
    state.app = await startAppServer(options);
    state.browser = await launchBrowser();
  });
  hooks.afterAll(async () => {
    await state.browser?.close();
    await state.app?.close();
  });
  return {
    get browser(): Browser {
      if (!state.browser) throw new Error('browser not started');
      return state.browser;
    },
    get url(): string {
      if (!state.app) throw new Error('app not started');
      return state.app.url;
    },
    /** The server's database, for arranging what no screen offers (a platform operator). */
    get db() {
      if (!state.app) throw new Error('app not started');
      return state.app.db;
    },
  };
}

export const E2E_PASSWORD = 'partner network 2026';

/**
 * Signs up through the register page, which answers "Check your inbox" and signs no one in, then
 * signs in with the new password, as a person would.
 */
export async function signUpAndSignIn(page: Page, baseUrl: string, person: { name: string; email: string; password: string }) {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Work email').fill(person.email);
  await page.locator('input[autocomplete="new-password"]').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Check your inbox').first().waitFor();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(person.email);
  await page.locator('input[autocomplete="current-password"]').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs up and in through the screens and creates a company, ending on its home page. */
export async function companyOwner(page: Page, baseUrl: string, email: string, company: string, supplier: boolean) {
  await signUpAndSignIn(page, baseUrl, { name: `Owner of ${company}`, email, password: E2E_PASSWORD });
  await page.getByLabel('Company name').fill(company);
  if (supplier) await page.getByLabel('We supply').check();
  await page.getByRole('button', { name: 'Create company' }).click();
  await page.getByRole('heading', { name: company }).waitFor();
}

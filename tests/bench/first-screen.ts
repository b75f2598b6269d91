// `pnpm perf:first-screen [--runs N]`: how much JavaScript the first screens download and how long
// the overview takes on a slow phone link. Builds the client when there is no build, starts the
// real app on a free port with the demo data (in-memory PGlite), and drives headless Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, migrateToLatest } from '@tradeloom/db';
import { createServer, DEMO_PASSWORD, loadConfig } from '@tradeloom/server';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    cpu: { type: 'string', default: '4' },
    unthrottled: { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number.parseInt(values.runs, 10) || 3);

// Chrome DevTools' "Slow 4G" figures as the brief names them: 562.5 ms round trip, 1.4 Mbit/s
// down, 675 kbit/s up (bytes per second below), and the CPU slowed 4× as on a mid-range phone
// (`--cpu 1` leaves it alone: on a busy machine the slow-down multiplies the other load too).
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.4 * 1_000_000) / 8, uploadThroughput: (675 * 1_000) / 8 };
const CPU_SLOWDOWN = Math.max(1, Number(values.cpu) || 4);
const PHONE = { width: 390, height: 844 };
const OWNER = 'owner@kovaispin.example';
const TARGET_KB = 200;
const TARGET_MS = 3000;

interface Sample {
  jsBytes: number;
  jsFiles: number;
  ms: number;
}

/** Compressed bytes of every script the page receives, as Chromium counts them on the wire. */
async function countScripts(cdp: CDPSession) {
  const scripts = new Set<string>();
  const totals = { bytes: 0, files: 0 };
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scripts.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    if (!scripts.has(event.requestId)) return;
    totals.bytes += event.encodedDataLength;
    totals.files += 1;
  });
  return totals;
}

/** Opens `url` on a cold cache under Slow-4G and a slowed CPU; resolves once `visible` holds. */
async function measure(context: BrowserContext, url: string, visible: Shown): Promise<Sample> {
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const totals = await countScripts(cdp);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // --unthrottled: the same run at the machine's own speed, to tell the link's share from the server's.
  if (!values.unthrottled) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  // performance.now() counts from the navigation's start: the time a person waits.
  const ms = await (await page.waitForFunction(shownAt, visible, { timeout: 120_000, polling: 50 })).jsonValue();
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  await page.close();
  return { jsBytes: totals.bytes, jsFiles: totals.files, ms: Number(ms) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** The screen has drawn its content: `ready` is on the page and `absent` (a loader) is not. */
interface Shown {
  ready: string;
  absent?: string;
}
const SIGN_IN_VISIBLE: Shown = { ready: 'button[type="submit"]' };
const OVERVIEW_VISIBLE: Shown = { ready: 'main h2', absent: '[aria-label="Loading"]' };

/** Runs in the page (selectors as data: the app's CSP forbids eval): ms since navigation start, once shown. */
function shownAt({ ready, absent }: Shown): number | false {
  const shown = document.querySelector(ready) !== null && (absent === undefined || document.querySelector(absent) === null);
  return shown && performance.now();
}

async function main() {
  if (!existsSync(path.join(repoRoot, 'client/dist/index.html'))) {
    console.log('› no client build; running pnpm build');
    execFileSync('pnpm', ['build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  console.log('› starting the app on demo data');
  const database = await createDb({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const server = await createServer({
    database,
    seedDemo: true,
    config: { ...loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1' }), logLevel: 'silent', runJobs: false, secureCookies: false },
  });
  const port = await server.listen(0);
  const url = `http://127.0.0.1:${port}`;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: PHONE });
    const signIn: Sample[] = [];
    for (let run = 0; run < RUNS; run++) signIn.push(await measure(context, `${url}/login`, SIGN_IN_VISIBLE));

    // Sign in at full speed; the session cookie then opens the overview directly.
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByRole('textbox', { name: 'Email' }).fill(OWNER);
    await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ state: 'attached' });
    await page.close();
    const overview: Sample[] = [];
    for (let run = 0; run < RUNS; run++) overview.push(await measure(context, `${url}/`, OVERVIEW_VISIBLE));

    const rows = [
      { screen: 'sign-in (/login)', samples: signIn },
      { screen: `overview (/) as ${OWNER}`, samples: overview },
    ].map(({ screen, samples }) => {
      const jsBytes = median(samples.map((s) => s.jsBytes));
      const ms = median(samples.map((s) => s.ms));
      return {
        screen,
        js: `${kb(jsBytes)} kB in ${median(samples.map((s) => s.jsFiles))} files`,
        jsOk: jsBytes / 1024 < TARGET_KB,
        time: `${(ms / 1000).toFixed(2)} s (runs: ${samples.map((s) => (s.ms / 1000).toFixed(2)).join(', ')})`,
        timeOk: ms < TARGET_MS,
      };
    });
    const table = [
      `| screen | JavaScript transferred (compressed) | target < ${TARGET_KB} kB | visible ${values.unthrottled ? 'unthrottled' : 'on Slow-4G'}, CPU ÷${CPU_SLOWDOWN} (median) | target < ${TARGET_MS / 1000} s |`,
      '| --- | --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.screen} | ${r.js} | ${r.jsOk ? 'yes' : 'NO'} | ${r.time} | ${r.timeOk ? 'yes' : 'NO'} |`),
    ].join('\n');
    const report = [
      '# First screen on a slow phone link',
      '',
      `\`pnpm perf:first-screen\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)} at the end, ${RUNS} cold-cache runs per screen, viewport ${PHONE.width}×${PHONE.height}.`,
      '',
      table,
      '',
      `Network (CDP Network.emulateNetworkConditions): ${SLOW_4G.latency} ms added latency per request, ${(SLOW_4G.downloadThroughput * 8) / 1000} kbit/s down, ${(SLOW_4G.uploadThroughput * 8) / 1000} kbit/s up; CPU slowed ${CPU_SLOWDOWN}× (Emulation.setCPUThrottlingRate); cache disabled.`,
      'JavaScript is the encoded (brotli) bytes Chromium received for script responses, headers included. Time runs from the start of navigation until the screen shows its content: for sign-in the form, for the overview the company heading with no loader left.',
      "The CPU slow-down multiplies this machine's speed: on a loaded machine the times grow with the load.",
      '',
    ].join('\n');
    console.log(`\n${table}\n`);
    const resultsDir = path.join(repoRoot, 'tests/bench/results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'first-screen.md'), report);
    console.log('› written to tests/bench/results/first-screen.md');
  } finally {
    await browser.close();
    await server.close();
    await database.close();
  }
}

await main();

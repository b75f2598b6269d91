import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';

// A measurement, not a check: run it on purpose with
//   MEASURE_IMPORT=1 pnpm vitest run --project unit tests/catalog/import-latency.measure.test.ts
// It prints how long a 1 MB catalog import takes and how slow /healthz (event loop) and auth.me
// (database) answer while it runs.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

/** Just under the 1 MB input limit: about 9,000 products. */
export function megabyteCsv(): string {
  const lines = ['sku,name,description,unit,price,min_order_quantity'];
  let size = lines[0]?.length ?? 0;
  for (let i = 0; size < 990_000; i++) {
    const line = `SKU-${String(i).padStart(6, '0')},Combed cotton yarn 30s lot ${i},Ring spun; packed in 50 kg bags; lot ${i},kg,${(200 + (i % 100)).toFixed(2)},${i % 10}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

describe.skipIf(!process.env.MEASURE_IMPORT)('catalog import under load (measurement)', () => {
  it('imports 1 MB while other requests are served', { timeout: 120_000 }, async () => {
    const supplier = await createCompany(app, 'Measure');
    const http = await app.startHttp();
    const origin = 'http://tradeloom.test';
    const cookie = `tl_session=${supplier.members.owner.token}`;
    const csv = megabyteCsv();
    // Client and server share this process's event loop, so a request's own timer would stop while
    // the loop is blocked: the figure is the longest wait between two answers (less the 20 ms pause).
    const probes: Record<'healthz' | 'me', number[]> = { healthz: [], me: [] };
    let importing = true;
    const started = performance.now();
    const probe = async (name: 'healthz' | 'me', url: string) => {
      let previous = started;
      while (importing) {
        await fetch(url, { headers: { cookie } });
        const now = performance.now();
        probes[name].push(now - previous);
        previous = now;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const running = fetch(`${http.url}/trpc/catalog.import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify({ csv, dryRun: false }),
    });
    const probing = Promise.all([probe('healthz', `${http.url}/healthz`), probe('me', `${http.url}/trpc/auth.me`)]);
    const response = await running;
    const importMs = performance.now() - started;
    importing = false;
    await probing;
    const body = await response.json();
    await http.close();
    const summary = (values: number[]) =>
      `answers=${values.length} median gap=${percentile(values, 50).toFixed(0)} ms longest gap=${Math.max(...values).toFixed(0)} ms`;
    console.log(
      `[${app.kind}] ${(csv.length / 1e6).toFixed(2)} MB, ${body.result?.data?.creates} products: import ${importMs.toFixed(0)} ms; healthz ${summary(probes.healthz)}; auth.me ${summary(probes.me)}`,
    );
    expect(response.status).toBe(200);
  });
});

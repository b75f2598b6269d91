import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { type AppRouter, createClient, errorReason, TRPCClientError } from '@tradeloom/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let company: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  company = await createCompany(app, 'Sdk');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

describe('Node SDK over HTTP', () => {
  it('reads the company, members and audit log with a scoped key', async () => {
    const { key } = await company.members.admin.caller.apiKeys.create({
      name: 'sdk',
      scopes: ['company:read', 'members:read', 'audit:read'],
    });
    const client = createClient({ url: http.url, apiKey: key });
    const [current, members, audit] = await Promise.all([
      client.companies.current.query(),
      client.companies.members.query(),
      client.audit.list.query({ limit: 3 }),
    ]);
    expect(current.id).toBe(company.id);
    expect(members.map((m) => m.userId)).toContain(company.members.owner.id);
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items[0]?.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
  });

  it('writes within its scopes and is refused outside them', async () => {
    const { key } = await company.members.owner.caller.apiKeys.create({ name: 'books', scopes: ['settings:write'] });
    const client = createClient({ url: http.url, apiKey: key });
    const created = await client.settings.financialYears.create.mutate({ label: 'SDK-1', startsOn: '2050-04-01', endsOn: '2051-03-31' });
    expect(created.id).toMatch(/[0-9a-f-]{36}/);
    const refused = await client.companies.members.query().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect(errorReason(refused)).toBe('PERMISSION_DENIED');
  });

  it('a revoked key gets UNAUTHORIZED on the next call', async () => {
    const { key, id } = await company.members.admin.caller.apiKeys.create({ name: 'temp', scopes: ['company:read'] });
    const client = createClient({ url: http.url, apiKey: key });
    await client.companies.current.query();
    await company.members.admin.caller.apiKeys.revoke({ apiKeyId: id });
    const error = (await client.companies.current.query().catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.httpStatus).toBe(401);
  });

  it('the example script runs against a live server', async () => {
    const { key } = await company.members.admin.caller.apiKeys.create({
      name: 'example',
      scopes: ['company:read', 'members:read', 'audit:read'],
    });
    const script = path.resolve(import.meta.dirname, '../../client/sdk/examples/company-report.ts');
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      env: { ...process.env, TRADELOOM_URL: http.url, TRADELOOM_API_KEY: key },
    });
    expect(stdout).toContain(company.name);
    expect(stdout).toContain('members:');
    expect(stdout).toContain('Latest changes:');
  });

  it('an ERP integration hears a partner’s new order live and reads it', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'SdkLive');
    const { key } = await supplier.members.admin.caller.apiKeys.create({ name: 'ERP', scopes: ['company:read', 'orders:read'] });
    const client = createClient({ url: http.url, apiKey: key });
    const heard: { type: string; entityId: string }[] = [];
    const ready = Promise.withResolvers<void>();
    const subscription = client.live.updates.subscribe(undefined, {
      onData: (change) => (change.type === 'live.ready' ? ready.resolve() : heard.push(change)),
    });
    try {
      await ready.promise;
      const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
      await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
      await expect.poll(() => heard.map((h) => h.type), { timeout: 5000 }).toContain('order.submitted');
      const received = await client.orders.get.query({ orderId: heard.find((h) => h.type === 'order.submitted')?.entityId ?? '' });
      expect([received.side, received.status, received.partner.name]).toEqual(['supplier', 'submitted', buyer.name]);
    } finally {
      subscription.unsubscribe();
    }
  });
});

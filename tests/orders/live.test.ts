import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';
import { type LiveStream, openLiveStream } from '../harness/live.ts';
import { tradingPair, yarnLine } from './order-fixtures.ts';

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
const streams: LiveStream[] = [];
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await http.close();
  await app.close();
});

async function listen(headers: Record<string, string>) {
  const stream = await openLiveStream(http.url, headers);
  streams.push(stream);
  return stream;
}
const asMember = (token: string) => listen({ cookie: `tl_session=${token}` });
const about = (entityId: string, type?: string) => (m: { type: string; entityId: string }) =>
  m.entityId === entityId && (type === undefined || m.type === type);

describe('live updates (server-sent events over HTTP)', () => {
  it('the partner’s open screens hear a submitted order after commit; drafts stay with their creator; a third company hears nothing', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Live');
    const outsider = await createCompany(app, 'LiveOutsider');
    const buyerTab = await asMember(buyer.members.viewer.token);
    const supplierTab = await asMember(supplier.members.viewer.token);
    const outsiderTab = await asMember(outsider.members.owner.token);
    expect([buyerTab.status, supplierTab.status, outsiderTab.status]).toEqual([200, 200, 200]);

    const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyerTab.waitFor(about(draft.id, 'order.created'));

    await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
    await supplierTab.waitFor(about(draft.id, 'order.submitted'));
    await buyerTab.waitFor(about(draft.id, 'order.submitted'));
    // Messages arrive in commit order, so the draft's creation would have reached the supplier first.
    expect(supplierTab.messages).not.toContainEqual(expect.objectContaining({ type: 'order.created' }));

    // The in-app notification written by the job is announced to the supplier too.
    await app.runner.drain();
    await supplierTab.waitFor((m) => m.type === 'notification.created');

    // The outsider's own change is the marker that everything before it was delivered.
    const own = await outsider.members.staff.caller.catalog.products.create({
      sku: 'X1',
      name: 'Marker',
      unit: 'kg',
      price: '1',
      currency: 'INR',
    });
    await outsiderTab.waitFor(about(own.id));
    expect(outsiderTab.messages).toEqual([{ type: 'product.created', entityType: 'product', entityId: own.id }]);
  });

  it('nothing is announced for a change that rolled back', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'LiveRollback');
    const tab = await asMember(buyer.members.viewer.token);
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await tab.waitFor(about(order.id, 'order.created'));
    // A stale submit fails inside its transaction: no event, no message.
    await expect(
      buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version + 5 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'cancel', version: order.version });
    await tab.waitFor(about(order.id, 'order.cancelled'));
    expect(tab.messages.filter((m) => (m as { type: string }).type === 'order.submitted')).toEqual([]);
  });

  it('an API key hears only what its scopes may read; no credentials, no stream', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'LiveKey');
    const { key: narrow } = await supplier.members.admin.caller.apiKeys.create({ name: 'status board', scopes: ['company:read'] });
    const { key: orders } = await supplier.members.admin.caller.apiKeys.create({ name: 'ERP', scopes: ['company:read', 'orders:read'] });
    const narrowTab = await listen({ authorization: `Bearer ${narrow}` });
    const ordersTab = await listen({ authorization: `Bearer ${orders}` });
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    await ordersTab.waitFor(about(order.id, 'order.submitted'));
    // Both keys' streams were handed the same message at the same moment; give the narrow one time to (not) write it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(narrowTab.messages).toEqual([]);

    // The stream opens before the procedure runs, so refusal arrives as its first event.
    const anonymous = await listen({});
    await anonymous.waitFor(() => false).catch(() => {});
    expect(anonymous.errors).toEqual([{ code: 'UNAUTHORIZED', reason: 'SESSION_REQUIRED' }]);
    expect(anonymous.messages).toEqual([]);
  });

  it('a member removed while listening is cut off; the others hear the team change', async () => {
    const company = await createCompany(app, 'LiveTeam');
    const leaving = await asMember(company.members.staff.token);
    const staying = await asMember(company.members.admin.token);
    await company.members.owner.caller.companies.removeMember({ userId: company.members.staff.id });
    await staying.waitFor((m) => m.type === 'member.left' && m.entityId === company.members.staff.id);
    await expect(
      Promise.race([leaving.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 5000))]),
    ).resolves.toBe('ended');
    expect(leaving.messages).toEqual([]);
  });

  it('a revoked API key’s open stream ends', async () => {
    const company = await createCompany(app, 'LiveRevoke');
    const { key, id } = await company.members.admin.caller.apiKeys.create({ name: 'dashboard', scopes: ['company:read'] });
    const stream = await listen({ authorization: `Bearer ${key}` });
    await company.members.admin.caller.apiKeys.revoke({ apiKeyId: id });
    await expect(
      Promise.race([stream.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 5000))]),
    ).resolves.toBe('ended');
  });

  it.each([
    ['session', 'a sixth tab of one session'],
    ['API key', 'a sixth stream of one API key'],
  ])('%s: %s ends the oldest stream; the newest five keep listening', async (kind) => {
    const company = await createCompany(app, `LiveCap${kind === 'session' ? 'S' : 'K'}`);
    const { key } = await company.members.admin.caller.apiKeys.create({ name: 'wall', scopes: ['company:read', 'catalog:read'] });
    const headers: Record<string, string> =
      kind === 'session' ? { cookie: `tl_session=${company.members.viewer.token}` } : { authorization: `Bearer ${key}` };
    const tabs: LiveStream[] = [];
    for (let i = 0; i < 6; i++) tabs.push(await listen(headers));
    const [oldest, ...newest] = tabs;
    await expect(
      Promise.race([oldest?.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 5000))]),
    ).resolves.toBe('ended');
    const product = await company.members.staff.caller.catalog.products.create({
      sku: 'CAP1',
      name: 'Cap',
      unit: 'kg',
      price: '1',
      currency: 'INR',
    });
    for (const tab of newest) await tab.waitFor(about(product.id));
    expect(oldest?.messages).toEqual([]);
  });

  it('re-checks every open stream of a company with one query after a team change, not one per stream', async () => {
    const company = await createCompany(app, 'LiveBatch');
    const keys = await Promise.all(
      ['one', 'two'].map((name) => company.members.admin.caller.apiKeys.create({ name, scopes: ['company:read', 'members:read'] })),
    );
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = await app.startHttp({ db: app.db.withPlugin(counting) });
    const open: LiveStream[] = [];
    try {
      const credentials = [
        { cookie: `tl_session=${company.members.owner.token}` },
        { cookie: `tl_session=${company.members.admin.token}` },
        { cookie: `tl_session=${company.members.viewer.token}` },
        ...keys.map(({ key }) => ({ authorization: `Bearer ${key}` })),
      ];
      for (const headers of [...credentials, ...credentials]) open.push(await openLiveStream(counted.url, headers));
      queries = 0;
      await company.members.owner.caller.companies.removeMember({ userId: company.members.staff.id });
      for (const stream of open) await stream.waitFor((m) => m.type === 'member.left');
      // Ten streams: one query for their sessions and one for their keys.
      expect(queries).toBeLessThanOrEqual(2);
    } finally {
      for (const stream of open) stream.close();
      await counted.close();
    }
  });
});

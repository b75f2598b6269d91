import {
  minimumRole,
  PERMISSIONS,
  permissionDeniedMessage,
  ROLE_PERMISSIONS,
  ROLE_RANK,
  ROLES,
  roleCannotMessage,
} from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { countRows, createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('permission wording from the permission table', () => {
  it('names for every permission the lowest role that holds it, and every role above holds it too', () => {
    for (const permission of PERMISSIONS) {
      const role = minimumRole(permission);
      expect(ROLE_PERMISSIONS[role].has(permission)).toBe(true);
      for (const other of ROLES) {
        expect(ROLE_PERMISSIONS[other].has(permission)).toBe(ROLE_RANK[other] >= ROLE_RANK[role]);
      }
    }
  });

  it('speaks to people: the role that may, the action, and whom to ask', () => {
    expect(permissionDeniedMessage('orders:approve')).toBe('Only managers can approve, accept or reject orders — ask your admin.');
    expect(permissionDeniedMessage('apiKeys:manage')).toBe('Only admins can create or revoke API keys — ask your admin.');
    expect(permissionDeniedMessage('ownership:transfer')).toBe('Only the owner can transfer ownership — ask the owner.');
    expect(roleCannotMessage('viewer', 'orders:write')).toBe("Your role (Viewer) can't create or change orders — ask your admin.");
    for (const permission of PERMISSIONS) expect(permissionDeniedMessage(permission)).not.toContain(permission);
  });
});

describe('refusals over the API', () => {
  it('refuses a viewer creating an order in words, with the machine-readable reason, writing nothing', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Words');
    const before = await countRows(app, 'audit_log');
    const refused = await failure(buyer.members.viewer.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] }));
    expect([refused.code, refused.reason, refused.message]).toEqual([
      'FORBIDDEN',
      'PERMISSION_DENIED',
      'Only staff and above can create or change orders — ask your admin.',
    ]);
    expect(await countRows(app, 'audit_log')).toBe(before);
  });

  it('sends the same sentence and reason through the HTTP error body', async () => {
    const company = await createCompany(app, 'WordsHttp');
    const http = await app.startHttp();
    try {
      const response = await fetch(`${http.url}/trpc/apiKeys.list`, {
        headers: { cookie: `tl_session=${company.members.manager.token}` },
      });
      const body = (await response.json()) as { error: { message: string; data: { code: string; reason: string } } };
      expect(response.status).toBe(403);
      expect(body.error.message).toBe('Only admins can create or revoke API keys — ask your admin.');
      expect(body.error.data).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' });
    } finally {
      await http.close();
    }
  });

  it('tells an API key which scope it lacks, not a role', async () => {
    const company = await createCompany(app, 'WordsKey');
    const { key } = await company.members.admin.caller.apiKeys.create({ name: 'reader', scopes: ['orders:read'] });
    const refused = await failure(app.caller({ apiKey: key }).catalog.products.list({}));
    expect(refused.reason).toBe('PERMISSION_DENIED');
    expect(refused.message).toBe("This API key can't see the catalog: it needs the catalog:read scope.");
  });

  it('offers on an order only the actions this person may take: none to a viewer, no accept or reject to staff', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Offers');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const actionsOf = async (member: keyof typeof supplier.members) =>
      (await supplier.members[member].caller.orders.get({ orderId: order.id })).actions;
    expect(await actionsOf('viewer')).toEqual([]);
    expect(await actionsOf('staff')).toEqual([]);
    expect(await actionsOf('manager')).toEqual(['accept', 'reject']);
    const refused = await failure(
      supplier.members.staff.caller.orders.transition({ orderId: order.id, action: 'accept', version: order.version + 1 }),
    );
    expect([refused.reason, refused.message]).toEqual(['NEEDS_APPROVER', permissionDeniedMessage('orders:approve')]);
  });

  it('counts link requests waiting for this company, for those who decide them', async () => {
    const supplier = await createCompany(app, 'WaitSupplier');
    const buyers = [await createCompany(app, 'WaitBuyerA'), await createCompany(app, 'WaitBuyerB')];
    for (const buyer of buyers) await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
    expect(await supplier.members.manager.caller.partners.waiting()).toEqual({ count: 2 });
    // The buyer waits on the supplier, not on itself.
    expect(await buyers[0]?.members.manager.caller.partners.waiting()).toEqual({ count: 0 });
    const refused = await failure(supplier.members.staff.caller.partners.waiting());
    expect(refused.message).toBe('Only managers can accept, deny or end partner links — ask your admin.');
  });
});

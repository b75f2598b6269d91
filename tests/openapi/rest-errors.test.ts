import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { apiKeyOf, buildRestWorld, type RestWorld, rest } from './rest-world.ts';

// The REST routes keep the rules of /trpc: the same key checks, scopes, tenancy and field errors,
// as JSON `{ message, code, reason?, requestId?, issues? }`; and they take no browser session.

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let world: RestWorld;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  world = await buildRestWorld(app, 'Errors');
});
afterAll(async () => {
  await http.close();
  await app.close();
});

describe('authentication', () => {
  it('answers 401 JSON without an API key', async () => {
    const response = await rest(http.url, 'GET', '/orders?side=purchase');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', reason: 'API_KEY_REQUIRED' });
    expect(response.body.message).toContain('Authorization: Bearer');
  });

  it('does not accept a signed-in browser session (no CSRF surface), even a valid one', async () => {
    const session = `tl_session=${world.buyer.members.owner.token}`;
    const response = await rest(http.url, 'GET', '/orders?side=purchase', { headers: { cookie: session } });
    expect(response.status).toBe(401);
    expect(response.body.reason).toBe('API_KEY_REQUIRED');
    // The same cookie works on /trpc, so the refusal is the route's rule, not a dead session.
    const trpc = await fetch(`${http.url}/trpc/orders.list?input=${encodeURIComponent(JSON.stringify({ side: 'purchase' }))}`, {
      headers: { cookie: session },
    });
    expect(trpc.status).toBe(200);
  });

  it('acts for the key, not a session sent alongside it', async () => {
    const response = await rest(http.url, 'GET', `/orders/${world.ids.orderId}`, {
      key: world.keys.stranger,
      headers: { cookie: `tl_session=${world.buyer.members.owner.token}` },
    });
    expect(response.status).toBe(404);
  });

  it('answers 401 to an unknown or revoked key', async () => {
    const unknown = await rest(http.url, 'GET', '/partners', { key: 'tlk_notarealkey000000000000000000' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 'UNAUTHORIZED', reason: 'API_KEY_INVALID' });

    const owner = world.buyer.members.owner.caller;
    const { id, key } = await owner.apiKeys.create({ name: 'Revoked soon', scopes: ['partners:read'] });
    expect((await rest(http.url, 'GET', '/partners', { key })).status).toBe(200);
    await owner.apiKeys.revoke({ apiKeyId: id });
    expect((await rest(http.url, 'GET', '/partners', { key })).status).toBe(401);
  });
});

describe('permissions and tenancy', () => {
  it('answers 403 to a key without the scope', async () => {
    const catalogOnly = await apiKeyOf(world.buyer, ['catalog:read']);
    const response = await rest(http.url, 'GET', '/orders?side=purchase', { key: catalogOnly });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' });
    expect(response.body.message).toMatch(/orders:read/);
  });

  it("answers 404 to another company's order, and changes nothing through it", async () => {
    const read = await rest(http.url, 'GET', `/orders/${world.ids.orderId}`, { key: world.keys.stranger });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('NOT_FOUND');
    const write = await rest(http.url, 'POST', `/orders/${world.ids.orderId}/transitions`, {
      key: world.keys.stranger,
      body: { action: 'cancel', version: 1 },
    });
    expect(write.status).toBe(404);
    expect((await world.buyer.members.owner.caller.orders.get({ orderId: world.ids.orderId })).status).toBe('draft');
  });

  it('GET /orders?side=purchase returns the buyer’s orders; the supplier sees a sent one as a sale', async () => {
    const created = await rest(http.url, 'POST', '/orders', {
      key: world.keys.buyer,
      body: { supplierId: world.supplier.id, lines: [{ productId: world.ids.productId, quantity: '5', unit: 'kg', unitPrice: '310.50' }] },
    });
    expect(created.status).toBe(200);
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((order) => order.id);

    const purchases = await rest(http.url, 'GET', '/orders?side=purchase', { key: world.keys.buyer });
    expect(purchases.status).toBe(200);
    expect(ids(purchases)).toEqual(expect.arrayContaining([world.ids.orderId, created.body.id]));
    expect(ids(await rest(http.url, 'GET', '/orders?side=purchase', { key: world.keys.supplier }))).not.toContain(created.body.id);

    // A draft is the buyer's own until it is sent.
    expect(ids(await rest(http.url, 'GET', '/orders?side=sales', { key: world.keys.supplier }))).not.toContain(created.body.id);
    const sent = await rest(http.url, 'POST', `/orders/${created.body.id}/transitions`, {
      key: world.keys.buyer,
      body: { action: 'submit', version: created.body.version },
    });
    expect(sent.status).toBe(200);
    expect(ids(await rest(http.url, 'GET', '/orders?side=sales', { key: world.keys.supplier }))).toContain(created.body.id);
  });

  it('answers 409 with the reason when the version is stale', async () => {
    const response = await rest(http.url, 'PATCH', `/products/${world.ids.productId}`, {
      key: world.keys.supplier,
      body: { version: 99, name: 'Too late' },
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
  });
});

describe('bad input', () => {
  it('answers 400 naming a bad query parameter', async () => {
    const response = await rest(http.url, 'GET', '/orders?side=sideways', { key: world.keys.buyer });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BAD_REQUEST');
    expect(response.body.issues).toEqual([expect.objectContaining({ path: ['side'] })]);
  });

  it('answers 400 naming a bad field deep in the body, and writes nothing', async () => {
    const before = await rest(http.url, 'GET', '/orders?side=purchase&limit=500', { key: world.keys.buyer });
    const response = await rest(http.url, 'POST', '/orders', {
      key: world.keys.buyer,
      body: { supplierId: world.supplier.id, lines: [{ description: 'Yarn', quantity: 'lots', unit: 'kg', unitPrice: '10' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: unknown[] }) => issue.path)).toContainEqual(['lines', 0, 'quantity']);
    const after = await rest(http.url, 'GET', '/orders?side=purchase&limit=500', { key: world.keys.buyer });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('answers 400 naming a path id that is not a UUID', async () => {
    const response = await rest(http.url, 'GET', '/orders/not-a-uuid', { key: world.keys.buyer });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([expect.objectContaining({ path: ['orderId'] })]);
  });

  it('answers 400 JSON to a body that is not JSON, and 415 to one that is not declared JSON', async () => {
    const broken = await fetch(`${http.url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.keys.buyer}`, 'content-type': 'application/json' },
      body: '{"lines": [',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'BAD_REQUEST' });
    const form = await fetch(`${http.url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.keys.buyer}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'supplierId=x',
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('takes a JSON body with a charset', async () => {
    const response = await fetch(`${http.url}/api/v1/offers/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.keys.buyer}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ side: 'sell', limit: 5 }),
    });
    expect(response.status).toBe(200);
  });

  it('answers 404 JSON to a route that does not exist', async () => {
    const response = await rest(http.url, 'DELETE', '/orders', { key: world.keys.buyer });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });
});

describe('query strings', () => {
  it('reads numbers and booleans from the query (`active=false` means false)', async () => {
    const sell = world.supplier.members.owner.caller;
    const hidden = await sell.catalog.products.create({
      sku: `OFF-${Date.now()}`,
      name: 'Retired yarn',
      unit: 'kg',
      price: '1',
      currency: 'INR',
      active: false,
    });
    const inactive = await rest(http.url, 'GET', '/products?active=false&limit=100', { key: world.keys.supplier });
    expect(inactive.status).toBe(200);
    expect(inactive.body.items.map((product: { id: string }) => product.id)).toEqual([hidden.id]);
    const active = await rest(http.url, 'GET', '/products?active=true&limit=1', { key: world.keys.supplier });
    expect(active.body.items).toHaveLength(1);
    expect(active.body.items[0].id).not.toBe(hidden.id);
  });

  it('leaves the tRPC validation as strict as it was (the schemas are not switched to coercion)', async () => {
    await rest(http.url, 'GET', '/products?active=false&limit=5', { key: world.keys.supplier });
    const sell = world.supplier.members.owner.caller;
    const asStrings = { active: 'false', limit: '5' } as unknown as { active: boolean; limit: number };
    await expect(sell.catalog.products.list(asStrings)).rejects.toThrow(TRPCError);
  });
});

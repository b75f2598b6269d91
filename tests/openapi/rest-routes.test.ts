import { dereference } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApiDocument } from '../../server/src/http/openapi-document.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { buildRestWorld, type RestWorld, rest } from './rest-world.ts';

// Every route the OpenAPI document lists, called over real HTTP with a real API key: the list
// comes from the document, so a new route without an example below fails here. Each answer is
// checked against the response schema the document gives for it.

interface Call {
  as: keyof RestWorld['keys'];
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const line = (world: RestWorld) => ({ productId: world.ids.productId, quantity: '20', unit: 'kg', unitPrice: '310.50' });

/** A successful call per operationId. */
const EXAMPLE_CALLS: Record<string, (world: RestWorld) => Call> = {
  'orders-list': () => ({ as: 'buyer', query: { side: 'purchase', limit: '10' } }),
  'orders-get': (w) => ({ as: 'buyer', params: { orderId: w.ids.orderId } }),
  'orders-create': (w) => ({ as: 'buyer', body: { supplierId: w.supplier.id, lines: [line(w)], note: 'By REST' } }),
  'orders-transition': (w) => ({ as: 'buyer', params: { orderId: w.ids.orderId }, body: { action: 'submit', version: 1 } }),
  'catalog-products-list': () => ({ as: 'supplier', query: { active: 'true', sort: 'sku' } }),
  'catalog-products-get': (w) => ({ as: 'supplier', params: { productId: w.ids.productId } }),
  'catalog-products-create': () => ({
    as: 'supplier',
    body: { sku: `REST-${Date.now()}`, name: 'Carded yarn 30s', unit: 'kg', price: '240', currency: 'INR' },
  }),
  'catalog-products-update': (w) => ({
    as: 'supplier',
    params: { productId: w.ids.productId },
    body: { version: 1, name: 'Combed yarn 40s compact' },
  }),
  'partners-list': () => ({ as: 'buyer' }),
  'production-workOrders-list': () => ({ as: 'supplier' }),
  'production-workOrders-get': (w) => ({ as: 'supplier', params: { workOrderId: w.ids.workOrderId } }),
  'sourcing-tenders-list': () => ({ as: 'buyer' }),
  'sourcing-tenders-get': (w) => ({ as: 'buyer', params: { tenderId: w.ids.tenderId } }),
  'tradedesk-offers-list': () => ({ as: 'buyer', body: { side: 'sell' } }),
  'tradedesk-offers-get': (w) => ({ as: 'buyer', params: { offerId: w.ids.offerId } }),
  'contracts-list': () => ({ as: 'buyer' }),
  'contracts-get': (w) => ({ as: 'buyer', params: { contractId: w.ids.contractId } }),
};

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema: object }> }> };
const OPERATIONS = Object.entries(openApiDocument().paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    operationId: operation.operationId,
  })),
);

let app: TestApp;
let http: { url: string; close(): Promise<void> };
let world: RestWorld;
let dereferenced: { paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  world = await buildRestWorld(app, 'Routes');
  dereferenced = (await dereference(structuredClone(openApiDocument()) as never)) as never;
});
afterAll(async () => {
  await http.close();
  await app.close();
});

function urlOf(path: string, call: Call): string {
  const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = call.params?.[name];
    if (!value) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
  return call.query ? `${filled}?${new URLSearchParams(call.query)}` : filled;
}

it('has an example call for every documented route, and none for a route that is gone', () => {
  expect(Object.keys(EXAMPLE_CALLS).sort()).toEqual(OPERATIONS.map((operation) => operation.operationId).sort());
});

it.each(OPERATIONS.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
  '%s answers 200 in the documented shape',
  async (_label, { method, path, operationId }) => {
    const example = EXAMPLE_CALLS[operationId];
    if (!example) throw new Error(`no example call for ${operationId}`);
    const call = example(world);
    const response = await rest(http.url, method, urlOf(path, call), { key: world.keys[call.as], body: call.body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const schema = dereferenced.paths[path]?.[method.toLowerCase()]?.responses['200']?.content?.['application/json']?.schema;
    const validateShape = ajv.compile(schema as object);
    expect(validateShape(response.body), JSON.stringify(validateShape.errors)).toBe(true);
  },
);

import { randomUUID } from 'node:crypto';
import { API_KEY_SCOPES, type ApiKeyScope } from '@tradeloom/shared';
import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { insertContract, insertNegotiation, insertOffer, linkPartners } from '../tradedesk/match-fixtures.ts';

// A buyer linked to a supplier, one record of every kind the REST routes read, and API keys:
// every scope for each party, and a stranger's. Each test file builds its own.

export interface RestWorld {
  buyer: TestCompany;
  supplier: TestCompany;
  stranger: TestCompany;
  keys: { buyer: string; supplier: string; stranger: string };
  ids: { orderId: string; productId: string; workOrderId: string; tenderId: string; offerId: string; contractId: string };
}

export async function apiKeyOf(company: TestCompany, scopes: readonly ApiKeyScope[] = API_KEY_SCOPES): Promise<string> {
  const created = await company.members.owner.caller.apiKeys.create({ name: `REST ${randomUUID().slice(0, 6)}`, scopes: [...scopes] });
  return created.key;
}

export async function buildRestWorld(app: TestApp, label: string): Promise<RestWorld> {
  // One after the other: sign-ins read the harness's last cookie.
  const supplier = await createCompany(app, `${label}Supplier`);
  const buyer = await createCompany(app, `${label}Buyer`);
  const stranger = await createCompany(app, `${label}Stranger`);
  await linkPartners(app, buyer.id, supplier.id);

  const sell = supplier.members.owner.caller;
  const product = await sell.catalog.products.create({
    sku: `Y-${randomUUID().slice(0, 8)}`,
    name: 'Combed yarn 40s',
    unit: 'kg',
    price: '310.50',
    currency: 'INR',
  });
  const order = await buyer.members.owner.caller.orders.create({
    supplierId: supplier.id,
    lines: [{ productId: product.id, quantity: '500', unit: 'kg', unitPrice: '310.50' }],
  });
  const workOrder = await sell.production.workOrders.create({
    description: 'Spin 40s',
    quantity: '500',
    unit: 'kg',
    operations: [{ name: 'Spinning' }],
  });
  const tender = await buyer.members.owner.caller.sourcing.tenders.create({
    title: 'Cotton for Q1',
    currency: 'INR',
    closesAt: '2090-01-01T10:00:00Z',
    items: [{ description: 'Shankar-6 lint', quantity: '100', unit: 'bale' }],
  });
  const offer = await insertOffer(app, supplier.id, { side: 'sell' });
  const negotiationId = await insertNegotiation(app, offer, buyer.id);
  const contract = await insertContract(app, offer, negotiationId, { sellerId: supplier.id, buyerId: buyer.id });

  return {
    buyer,
    supplier,
    stranger,
    keys: { buyer: await apiKeyOf(buyer), supplier: await apiKeyOf(supplier), stranger: await apiKeyOf(stranger) },
    ids: {
      orderId: order.id,
      productId: product.id,
      workOrderId: workOrder.id,
      tenderId: tender.id,
      offerId: offer.id,
      contractId: contract.id,
    },
  };
}

/** A REST call with an API key; the body is sent as JSON. */
export async function rest(
  baseUrl: string,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked against the document's schemas by the tests
): Promise<{ status: number; headers: Headers; body: any }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

import { randomUUID } from 'node:crypto';
import * as shared from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { GUJARAT, MAHARASHTRA, tradingPair, yarnLine } from '../orders/order-fixtures.ts';

// An update names the fields it changes; every other field must keep its value. zod 4 applies
// `.default()` even under `.partial()`, so a default on an update schema silently resets fields.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

const anId = randomUUID();
const line = { description: 'Yarn', quantity: '1', unit: 'kg', unitPrice: '1' };
/** The least each update schema accepts: parsing it must add no field the caller left out. */
const MINIMAL_UPDATES: Record<string, Record<string, unknown>> = {
  updateCompanyInput: { companyId: anId, version: 1 },
  updateProductInput: { productId: anId, version: 1 },
  updateOrderInput: { orderId: anId, version: 1, lines: [line] },
  updateWorkOrderInput: { workOrderId: anId, version: 1 },
  updateProfileInput: { name: 'Asha' },
  updateWebhookEndpointInput: { endpointId: anId, version: 1 },
  // A draft tender is saved whole by its wizard; still, parsing must invent nothing.
  // A lot is saved whole: what it leaves out is cleared, never filled in by parsing.
  updateLotInput: {
    lotId: anId,
    version: 1,
    commodityCode: 'cotton-lint',
    bales: 10,
    netWeightKg: '1700',
    stateCode: 'GJ',
    city: 'Rajkot',
    cropYear: '2025-26',
  },
  updateTenderInput: {
    tenderId: anId,
    version: 1,
    title: 'Cotton',
    currency: 'INR',
    closesAt: '2090-01-01T10:00:00Z',
    items: [{ description: 'Shankar-6 cotton', quantity: '1', unit: 'kg' }],
  },
};

describe('update schemas', () => {
  it('the table below covers every update schema in shared', () => {
    const updateSchemas = Object.keys(shared).filter((name) => /^update\w*Input$/.test(name));
    expect(updateSchemas.sort()).toEqual(Object.keys(MINIMAL_UPDATES).sort());
  });

  it.each(Object.entries(MINIMAL_UPDATES))('%s fills in no field the caller left out', (name, input) => {
    const schema = (shared as unknown as Record<string, z.ZodType>)[name];
    const parsed = schema?.parse(input) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(input).sort());
  });
});

type Row = Record<string, unknown>;
/** One record with every field away from its default, a way to read it back and to update it. */
interface Subject {
  read(): Promise<Row>;
  update(patch: Row, version: number): Promise<unknown>;
}
// Bookkeeping that every update changes.
const BOOKKEEPING = ['version', 'updatedAt'];
const without = (row: Row, keys: string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)));

/** Changes one field and proves that field changed and every other one kept its value. */
async function expectOnlyChanged(subject: Subject, patch: Row, changes: string[] = Object.keys(patch)) {
  const before = await subject.read();
  await subject.update(patch, before.version as number);
  const after = await subject.read();
  expect(without(after, [...changes, ...BOOKKEEPING])).toEqual(without(before, [...changes, ...BOOKKEEPING]));
  for (const key of changes) expect(after[key], key).not.toEqual(before[key]);
}

const PRODUCT = {
  sku: 'PU-1',
  name: 'Combed yarn 40s',
  description: 'Compact spun, waxed',
  commodityCode: 'cotton-yarn',
  unit: 'kg',
  hsnCode: '5205',
  price: '310.5',
  currency: 'INR',
  minOrderQuantity: '500',
  active: false,
};
/** One changed value per product field; the rest of the product must stay as it was. */
const PRODUCT_CHANGES: Row = {
  sku: 'PU-2',
  name: 'Combed yarn 60s',
  description: 'Ring spun',
  commodityCode: 'cotton-lint',
  unit: 'bale',
  hsnCode: '5206',
  price: '299',
  currency: 'USD',
  minOrderQuantity: '25',
  active: true,
};

async function productSubject(supplier: TestCompany): Promise<Subject> {
  const caller = supplier.members.staff.caller;
  const { id } = await caller.catalog.products.create(PRODUCT);
  return {
    read: async () => without(await caller.catalog.products.get({ productId: id }), ['gstRate']),
    update: (patch, version) => caller.catalog.products.update({ productId: id, version, ...patch }),
  };
}

describe('catalog.products.update', () => {
  it.each(Object.entries(PRODUCT_CHANGES))('changing only %s keeps every other field', async (field, value) => {
    const supplier = await createCompany(app, 'PartialProduct');
    await expectOnlyChanged(await productSubject(supplier), { [field]: value });
  });

  it('a price sync leaves an inactive product off sale, with its description and minimum order', async () => {
    const supplier = await createCompany(app, 'PriceSync');
    const subject = await productSubject(supplier);
    await expectOnlyChanged(subject, { price: '315' });
    expect(await subject.read()).toMatchObject({ active: false, description: PRODUCT.description, minOrderQuantity: '500.000' });
  });

  it('null clears the commodity and HSN code; they are not cleared by leaving them out', async () => {
    const supplier = await createCompany(app, 'ClearRefs');
    const subject = await productSubject(supplier);
    await expectOnlyChanged(subject, { commodityCode: null, hsnCode: null });
    expect(await subject.read()).toMatchObject({ commodityCode: null, hsnCode: null });
  });
});

async function companySubject(company: TestCompany): Promise<Subject> {
  const caller = company.members.owner.caller;
  const current = await caller.companies.current();
  await caller.companies.update({
    companyId: company.id,
    version: current.version,
    legalName: 'Partial Mills Private Limited',
    baseCurrency: 'USD',
    taxId: GUJARAT,
    isBuyer: false,
    isSupplier: true,
  });
  return {
    read: async () => without(await caller.companies.current(), ['branches']),
    update: (patch, version) => caller.companies.update({ companyId: company.id, version, ...patch }),
  };
}

describe('companies.update', () => {
  const COMPANY_CHANGES: Row = {
    name: 'Renamed Trading Co',
    legalName: 'Renamed Mills Private Limited',
    country: 'BD',
    baseCurrency: 'EUR',
    taxId: MAHARASHTRA,
    isBuyer: true,
    isSupplier: false,
  };
  it.each(Object.entries(COMPANY_CHANGES))('changing only %s keeps every other field', async (field, value) => {
    const company = await createCompany(app, 'PartialCompany');
    await expectOnlyChanged(await companySubject(company), { [field]: value });
  });

  it('checks a new tax id against the stored country when the update leaves the country out', async () => {
    const company = await createCompany(app, 'GstinNoCountry');
    const { version } = await company.members.owner.caller.companies.current();
    const error = await failure(company.members.owner.caller.companies.update({ companyId: company.id, version, taxId: 'NOT-A-GSTIN' }));
    expect(fieldErrors(error).taxId).toBeDefined();
    expect((await company.members.owner.caller.companies.current()).taxId).toBeNull();
  });

  it('null removes the tax id', async () => {
    const company = await createCompany(app, 'ClearTaxId');
    const subject = await companySubject(company);
    await expectOnlyChanged(subject, { taxId: null });
    expect((await subject.read()).taxId).toBeNull();
  });
});

describe('orders.update (a draft)', () => {
  it('changing only the lines keeps the note and the order date', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'PartialOrder');
    const caller = buyer.members.staff.caller;
    const orderDate = app.clock.now().toISOString().slice(0, 10);
    const order = await caller.orders.create({
      supplierId: supplier.id,
      lines: [yarnLine(product.id)],
      note: 'Deliver to gate 2',
      orderDate,
    });
    const before = await caller.orders.get({ orderId: order.id });
    await caller.orders.update({ orderId: order.id, version: before.version, lines: [{ ...yarnLine(product.id), quantity: '2000' }] });
    const after = await caller.orders.get({ orderId: order.id });
    expect(after).toMatchObject({ note: 'Deliver to gate 2', orderDate });
    expect(after.total).not.toEqual(before.total);
  });

  it('an empty note clears it', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'ClearNote');
    const caller = buyer.members.staff.caller;
    const order = await caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)], note: 'Old note' });
    await caller.orders.update({ orderId: order.id, version: order.version, lines: [yarnLine(product.id)], note: '' });
    expect((await caller.orders.get({ orderId: order.id })).note).toBeNull();
  });
});

describe('production.workOrders.update', () => {
  it('a status change alone keeps the priority and the due date', async () => {
    const mill = await createCompany(app, 'PartialWorkOrder');
    const caller = mill.members.staff.caller;
    const dueDate = new Date(app.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const created = await caller.production.workOrders.create({
      description: 'Weave 6000 m grey fabric',
      quantity: '6000',
      unit: 'm',
      priority: 'urgent',
      dueDate,
      operations: [{ name: 'Weaving' }],
    });
    const read = async () => {
      const { items } = await caller.production.workOrders.list({});
      const found = items.find((wo) => wo.id === created.id);
      if (!found) throw new Error('work order not listed');
      return found as unknown as Row;
    };
    const subject: Subject = {
      read,
      update: (patch, version) => caller.production.workOrders.update({ workOrderId: created.id, version, ...patch }),
    };
    await expectOnlyChanged(subject, { action: 'release' }, ['status', 'actions']);
    expect(await read()).toMatchObject({ priority: 'urgent', dueDate });
  });
});

describe('auth.updateProfile', () => {
  it('changing the name keeps the rest of the profile', async () => {
    const company = await createCompany(app, 'PartialProfile');
    const caller = company.members.viewer.caller;
    const subject: Subject = {
      read: async () => (await caller.auth.me()).user as unknown as Row,
      update: (patch) => caller.auth.updateProfile(patch as { name: string }),
    };
    await expectOnlyChanged(subject, { name: 'Asha Patel' });
  });
});

describe('companies.setRole', () => {
  it('a role change that leaves the branches out keeps them', async () => {
    const company = await createCompany(app, 'PartialRole');
    const admin = company.members.owner.caller;
    const { id: branchId } = await admin.companies.branches.create({ name: 'Surat mill', country: 'IN' });
    const member = company.members.staff;
    await admin.companies.setRole({ userId: member.id, role: 'staff', branchIds: [branchId] });
    const read = async () => ((await admin.companies.members()).find((m) => m.userId === member.id) ?? {}) as Row;
    const subject: Subject = { read, update: (patch) => admin.companies.setRole({ userId: member.id, ...(patch as { role: 'manager' }) }) };
    await expectOnlyChanged(subject, { role: 'manager' });
    expect((await read()).branchIds).toEqual([branchId]);
  });
});

import type { CreateTenderInput } from '@tradeloom/shared';
import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { GUJARAT, MAHARASHTRA } from '../orders/order-fixtures.ts';

// A sourcing world for tests: a buyer (members in every role) linked to three suppliers (one in
// another state, for IGST), a stranger company linked to nobody, and helpers for tenders.

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
/** Building the world signs up 25 members (real password hashing): give `beforeAll` this long. */
export const WORLD_TIMEOUT = 240_000;

export interface SourcingWorld {
  buyer: TestCompany;
  /** Linked to the buyer: A and B in Gujarat like the buyer, C in Maharashtra. */
  supplierA: TestCompany;
  supplierB: TestCompany;
  supplierC: TestCompany;
  /** Linked to nobody and not listed in the directory: nobody can invite it. */
  stranger: TestCompany;
  /** An active product of supplier A's catalog (30s combed yarn, kg, HSN 5205). */
  productId: string;
}

async function headOffice(company: TestCompany, gstin: string) {
  await company.members.admin.caller.companies.branches.create({ name: 'HO', country: 'IN', gstin, isHeadOffice: true });
}

async function link(buyer: TestCompany, supplier: TestCompany) {
  const request = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
}

export async function sourcingWorld(app: TestApp, label = 'Src'): Promise<SourcingWorld> {
  const buyer = await createCompany(app, `${label}Mill`);
  const supplierA = await createCompany(app, `${label}GinA`);
  const supplierB = await createCompany(app, `${label}GinB`);
  const supplierC = await createCompany(app, `${label}GinC`);
  const stranger = await createCompany(app, `${label}Stranger`);
  await headOffice(buyer, GUJARAT);
  await headOffice(supplierA, GUJARAT);
  await headOffice(supplierB, GUJARAT);
  await headOffice(supplierC, MAHARASHTRA);
  for (const supplier of [supplierA, supplierB, supplierC]) await link(buyer, supplier);
  // Unlisted, so the buyer cannot find it in the directory either.
  await stranger.members.owner.caller.partners.setDirectoryListing({ listed: false });
  const product = await supplierA.members.staff.caller.catalog.products.create({
    sku: 'Y30',
    name: '30s combed yarn',
    unit: 'kg',
    price: '265.50',
    currency: 'INR',
    hsnCode: '5205',
  });
  return { buyer, supplierA, supplierB, supplierC, stranger, productId: product.id };
}

/** A valid create input closing in two days (by the test app's clock), two free-text items. */
export function tenderInput(app: TestApp, overrides: Partial<CreateTenderInput> = {}) {
  return {
    title: 'Shankar-6 cotton for Q1',
    currency: 'INR',
    closesAt: new Date(app.clock.now().getTime() + 2 * DAY),
    deliveryPlace: 'Coimbatore',
    items: [
      { description: 'Shankar-6 raw cotton, 29 mm', quantity: '10000', unit: 'kg', targetPrice: '160', hsnCode: '5201' },
      { description: 'Cotton comber noil', quantity: '2000', unit: 'kg' },
    ],
    criteria: [
      { criterion: 'price' as const, weight: 70 },
      { criterion: 'leadTime' as const, weight: 30 },
    ],
    ...overrides,
  };
}

/** A draft tender of the world's buyer, created by its staff member. */
export async function draftTender(app: TestApp, world: SourcingWorld, overrides: Partial<CreateTenderInput> = {}) {
  return world.buyer.members.staff.caller.sourcing.tenders.create(tenderInput(app, overrides));
}

/**
 * An open tender: created, the suppliers invited (A and B by default), published. Returns its ids,
 * the item ids in line order and the invited suppliers.
 */
export async function openTender(
  app: TestApp,
  world: SourcingWorld,
  options: { suppliers?: TestCompany[] } & Partial<CreateTenderInput> = {},
) {
  const { suppliers = [world.supplierA, world.supplierB], ...overrides } = options;
  const caller = world.buyer.members.staff.caller;
  const created = await draftTender(app, world, overrides);
  await caller.sourcing.tenders.invite({ tenderId: created.id, supplierIds: suppliers.map((s) => s.id) });
  const published = await caller.sourcing.tenders.publish({ tenderId: created.id });
  const tender = await caller.sourcing.tenders.get({ tenderId: created.id });
  return {
    id: created.id,
    number: created.number,
    version: published.version,
    closesAt: published.closesAt,
    itemIds: tender.items.map((item) => item.id),
    suppliers,
  };
}

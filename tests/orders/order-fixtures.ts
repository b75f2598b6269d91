import type { TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';

// Gujarat (24) and Maharashtra (27) GSTINs with valid check digits.
export const GUJARAT = '24AABCS4821K1ZF';
export const MAHARASHTRA = '27AAHFB2290Q1ZZ';

/** A buyer linked to a supplier with head offices in the given states and one catalog product. */
export async function tradingPair(
  app: TestApp,
  label: string,
  states: { buyer: string; supplier: string } = { buyer: GUJARAT, supplier: GUJARAT },
) {
  const buyer = await createCompany(app, `${label}Buyer`);
  const supplier = await createCompany(app, `${label}Supplier`);
  await buyer.members.admin.caller.companies.branches.create({ name: 'HO', country: 'IN', gstin: states.buyer, isHeadOffice: true });
  await supplier.members.admin.caller.companies.branches.create({ name: 'HO', country: 'IN', gstin: states.supplier, isHeadOffice: true });
  const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
  const product = await supplier.members.staff.caller.catalog.products.create({
    sku: 'Y30',
    name: '30s combed yarn',
    unit: 'kg',
    price: '265.50',
    currency: 'INR',
    hsnCode: '5205',
  });
  return { buyer, supplier, product };
}

export const yarnLine = (productId: string) => ({ productId, quantity: '1000', unit: 'kg', unitPrice: '265.50' });

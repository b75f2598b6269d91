import { dec } from '@tradeloom/shared';
import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

/** A supplier linked to the buyer, with one product the buyer can order. */
export async function linkedSupplier(app: TestApp, buyer: TestCompany, label: string) {
  const supplier = await createCompany(app, label);
  const link = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
  const product = await supplier.members.staff.caller.catalog.products.create({
    sku: 'G40',
    name: '40s carded yarn',
    unit: 'kg',
    price: '210.00',
    currency: 'INR',
    hsnCode: '5205',
  });
  return { supplier, product };
}

/** A purchase order from the buyer, submitted to the supplier; returns its id, total and a way to move it on. */
export async function sentOrder(
  buyer: TestCompany,
  supplier: TestCompany,
  input: { productId: string; quantity: string; unitPrice: string; orderDate?: string },
) {
  const created = await buyer.members.staff.caller.orders.create({
    supplierId: supplier.id,
    orderDate: input.orderDate,
    lines: [{ productId: input.productId, quantity: input.quantity, unit: 'kg', unitPrice: input.unitPrice }],
  });
  let version = created.version;
  const step = async (by: TestCompany, action: 'submit' | 'accept' | 'ship' | 'deliver' | 'cancel') => {
    const member = action === 'accept' ? by.members.manager : by.members.staff;
    version = (await member.caller.orders.transition({ orderId: created.id, action, version })).version;
  };
  await step(buyer, 'submit');
  return {
    id: created.id,
    total: created.total,
    accept: () => step(supplier, 'accept'),
    shipAndDeliver: async () => {
      await step(supplier, 'ship');
      await step(buyer, 'deliver');
    },
    cancel: () => step(buyer, 'cancel'),
  };
}

/** Adds decimal strings as the database does: two places. */
export const added = (...amounts: string[]) => amounts.reduce((total, amount) => total.plus(amount), dec(0)).toFixed(2);

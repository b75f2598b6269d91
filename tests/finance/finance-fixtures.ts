import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { GUJARAT, MAHARASHTRA, tradingPair, yarnLine } from '../orders/order-fixtures.ts';

// Worlds for deliveries and finance: an order the supplier accepted, ready to dispatch and invoice.
// Every world makes its own companies, so tests never depend on each other's data.

export interface AcceptedOrderWorld {
  buyer: TestCompany;
  supplier: TestCompany;
  stranger: TestCompany;
  order: { id: string; lines: { id: string; quantity: string; unitPrice: string }[] };
}

/**
 * A buyer's order of 1000 kg of yarn at ₹265.50 (HSN 5205), submitted and accepted by the
 * supplier. `interState` puts the buyer in Maharashtra and the supplier in Gujarat (IGST).
 */
export async function acceptedOrderWorld(app: TestApp, label: string, options: { interState?: boolean } = {}): Promise<AcceptedOrderWorld> {
  const states = options.interState ? { buyer: MAHARASHTRA, supplier: GUJARAT } : { buyer: GUJARAT, supplier: GUJARAT };
  const { buyer, supplier, product } = await tradingPair(app, label, states);
  const stranger = await createCompany(app, `${label}Stranger`);
  const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  const submitted = await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
  await supplier.members.manager.caller.orders.transition({ orderId: draft.id, action: 'accept', version: submitted.version });
  const order = await supplier.members.staff.caller.orders.get({ orderId: draft.id });
  const lines = order.lines.map((line) => ({ id: line.id, quantity: line.quantity, unitPrice: line.unitPrice }));
  return { buyer, supplier, stranger, order: { id: draft.id, lines } };
}

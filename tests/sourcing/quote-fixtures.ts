import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { HOUR, tenderInput } from './sourcing-fixtures.ts';

// A lighter world than sourcingWorld for the quote tests: a buyer linked to two suppliers and an
// open tender (created, invited and published through the router) closing after `closesInMs`.

export { HOUR };

export interface OpenTender {
  id: string;
  number: string;
  itemIds: string[];
  closesAt: Date;
}

async function linked(app: TestApp, buyer: TestCompany, label: string) {
  const supplier = await createCompany(app, label);
  const request = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
  return supplier;
}

/** A buyer and two invited suppliers on an open tender closing in an hour (by the app's clock). */
export async function tenderWorld(app: TestApp, label: string, closesInMs = HOUR) {
  const buyer = await createCompany(app, `${label}Buyer`);
  const supplierA = await linked(app, buyer, `${label}SupA`);
  const supplierB = await linked(app, buyer, `${label}SupB`);
  const closesAt = new Date(app.clock.now().getTime() + closesInMs);
  const caller = buyer.members.staff.caller.sourcing.tenders;
  const created = await caller.create(tenderInput(app, { closesAt, criteria: [] }));
  await caller.invite({ tenderId: created.id, supplierIds: [supplierA.id, supplierB.id] });
  await caller.publish({ tenderId: created.id });
  const view = await caller.get({ tenderId: created.id });
  const tender: OpenTender = { id: created.id, number: created.number, itemIds: view.items.map((item) => item.id), closesAt };
  return { buyer, supplierA, supplierB, tender };
}

import { randomUUID } from 'node:crypto';
import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// TEMPORARY until the tenders engineer's fixture (sourcing-fixtures.ts) is merged: an open tender
// written straight into the sourcing tables, so the quote service can be tested on its own.

export const HOUR = 3_600_000;

export interface OpenTender {
  id: string;
  number: string;
  itemIds: string[];
  closesAt: Date;
}

export async function openTender(app: TestApp, buyer: TestCompany, suppliers: TestCompany[], closesInMs = HOUR): Promise<OpenTender> {
  const now = app.clock.now();
  const closesAt = new Date(now.getTime() + closesInMs);
  const tender = await app.db
    .insertInto('tenders')
    .values({
      company_id: buyer.id,
      number: `RFQ-T-${randomUUID().slice(0, 8)}`,
      title: 'Shankar-6 cotton bales',
      status: 'open',
      currency: 'INR',
      closes_at: closesAt,
      published_at: now,
      created_by: buyer.members.staff.id,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  const items = await app.db
    .insertInto('tender_items')
    .values([
      { tender_id: tender.id, line_no: 1, description: 'Cotton, 29 mm staple', quantity: '500', unit: 'kg' },
      { tender_id: tender.id, line_no: 2, description: 'Polyester staple fibre', quantity: '200', unit: 'kg' },
    ])
    .returning('id')
    .execute();
  await app.db
    .insertInto('tender_invitations')
    .values(suppliers.map((supplier) => ({ tender_id: tender.id, supplier_company_id: supplier.id })))
    .execute();
  return { ...tender, itemIds: items.map((item) => item.id), closesAt };
}

/** A buyer and two invited suppliers on an open tender closing in an hour. */
export async function tenderWorld(app: TestApp, label: string, closesInMs = HOUR) {
  const buyer = await createCompany(app, `${label}Buyer`);
  const supplierA = await createCompany(app, `${label}SupA`);
  const supplierB = await createCompany(app, `${label}SupB`);
  const tender = await openTender(app, buyer, [supplierA, supplierB], closesInMs);
  return { buyer, supplierA, supplierB, tender };
}

import type { TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { dealWorld, terms } from '../tradedesk/deal-fixtures.ts';

// Complaint worlds: a buyer with an order its supplier received, a stranger to both, and the
// complaint the buyer files. Every world makes its own companies.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface ComplaintWorld {
  buyer: TestCompany;
  supplier: TestCompany;
  stranger: TestCompany;
  order: { id: string; buyerNumber: string };
}

/** A linked buyer and supplier with a submitted order (the supplier holds it), and a stranger. */
export async function orderWorld(app: TestApp, label: string): Promise<ComplaintWorld> {
  const { buyer, supplier, product } = await tradingPair(app, label);
  const stranger = await createCompany(app, `${label}Stranger`);
  const draft = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
  await buyer.members.staff.caller.orders.transition({ orderId: draft.id, action: 'submit', version: draft.version });
  return { buyer, supplier, stranger, order: { id: draft.id, buyerNumber: draft.buyerNumber as string } };
}

/** A contract signed on the desk: `buyer` bought from `seller`. */
export async function contractWorld(app: TestApp, label: string) {
  const { seller, buyer, offer } = await dealWorld(app, label);
  const opened = await buyer.members.staff.caller.tradedesk.negotiations.open({ offerId: offer.id, terms: terms() });
  const { contractId } = await seller.members.staff.caller.tradedesk.negotiations.accept({ negotiationId: opened.id, version: 1 });
  return { seller, buyer, contractId };
}

/** The buyer's staff files a quality complaint about the order. */
export function fileOnOrder(
  world: ComplaintWorld,
  overrides: { category?: 'quality' | 'billing' | 'other'; amountClaimed?: string; description?: string } = {},
) {
  return world.buyer.members.staff.caller.support.complaints.file({
    about: { type: 'order', id: world.order.id },
    category: overrides.category ?? 'quality',
    description: overrides.description ?? 'Yarn count off: 28s delivered instead of 30s',
    amountClaimed: overrides.amountClaimed,
  });
}

export const complaintRow = (app: TestApp, id: string) =>
  app.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export async function complaintEvents(app: TestApp, id: string) {
  const rows = await app.db
    .selectFrom('domain_events')
    .select(['type', 'company_id', 'payload', 'actor_user_id'])
    .where('entity_type', '=', 'complaint')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, payload: row.payload as Record<string, unknown> }));
}

export async function complaintAudits(app: TestApp, id: string) {
  return app.db
    .selectFrom('audit_log')
    .select(['action', 'company_id', 'actor_user_id', 'before', 'after'])
    .where('entity_type', '=', 'complaint')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
}

/** The in-app notifications people of `companyId` hold about the complaint: [user, type, title]. */
export async function complaintNotices(app: TestApp, companyId: string, complaintId: string) {
  await app.runner.drain();
  const rows = await app.db
    .selectFrom('notifications')
    .select(['user_id', 'type', 'title', 'link_path', 'dedupe_key'])
    .where('company_id', '=', companyId)
    .where('entity_id', '=', complaintId)
    .orderBy('id')
    .execute();
  return rows;
}

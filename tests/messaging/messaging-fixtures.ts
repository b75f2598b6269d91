import { expect } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// Companies that talk: a buyer linked to a supplier, and a stranger linked to nobody.

export const MINUTE = 60_000;

export async function link(buyer: TestCompany, supplier: TestCompany): Promise<string> {
  const request = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
  return request.id;
}

export async function talkingPair(app: TestApp, label: string) {
  // One after the other: sign-ins read the harness's last cookie.
  const buyer = await createCompany(app, `${label}Buyer`);
  const supplier = await createCompany(app, `${label}Supplier`);
  const linkId = await link(buyer, supplier);
  return { buyer, supplier, linkId };
}

/** A general conversation the buyer's staff started with the supplier. */
export async function generalConversation(buyer: TestCompany, supplier: TestCompany, body = 'Hello from the buyer') {
  return buyer.members.staff.caller.messaging.conversations.start({ partnerCompanyId: supplier.id, body });
}

export async function expectNotFound(call: Promise<unknown>) {
  const error = await failure(call);
  expect(error.code).toBe('NOT_FOUND');
}

export async function rows(
  app: TestApp,
  table: 'conversations' | 'messages' | 'message_attachments' | 'conversation_companies' | 'message_edits',
) {
  const row = await app.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import { randomUUID } from 'node:crypto';
import { inTransaction } from '@tradeloom/db';
import type { DomainEventName, TenderStatus } from '@tradeloom/shared';
import { emitEvent } from '../../server/src/modules/events/events.service.ts';
import type { TestApp } from '../harness/app.ts';

// Tender rows and their events for the notification, search and export tests: the events go
// through `emitEvent` in a transaction, the path the sourcing services take.

let sequence = 0;

export interface TenderRow {
  id: string;
  number: string;
  title: string;
}

/** A tender of `buyerId` with its invitees, written straight to the sourcing tables. */
export async function insertTender(
  app: TestApp,
  buyerId: string,
  options: { title?: string; status?: TenderStatus; closesAt?: Date; invitees?: { companyId: string; email?: string }[] } = {},
): Promise<TenderRow> {
  sequence += 1;
  const number = `RFQ-2026-${String(900000 + sequence).padStart(6, '0')}`;
  const title = options.title ?? `Cotton ${randomUUID().slice(0, 6)}`;
  const tender = await app.db
    .insertInto('tenders')
    .values({
      company_id: buyerId,
      number,
      title,
      status: options.status ?? 'open',
      currency: 'INR',
      closes_at: options.closesAt ?? new Date(app.clock.now().getTime() + 7 * 86_400_000),
      published_at: options.status === 'draft' ? null : app.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db
    .insertInto('tender_items')
    .values({ tender_id: tender.id, line_no: 1, description: 'Shankar-6 cotton bales', quantity: '100', unit: 'kg' })
    .execute();
  for (const invitee of options.invitees ?? []) {
    await app.db
      .insertInto('tender_invitations')
      .values({ tender_id: tender.id, supplier_company_id: invitee.companyId, invited_email: invitee.email ?? null })
      .execute();
  }
  return { id: tender.id, number, title };
}

/** A submitted quote of `supplierId` (prices never reach a notification). */
export async function insertQuote(app: TestApp, tenderId: string, supplierId: string): Promise<void> {
  await app.db
    .insertInto('quotes')
    .values({
      tender_id: tenderId,
      supplier_company_id: supplierId,
      revision: 1,
      status: 'submitted',
      currency: 'INR',
      submitted_at: app.clock.now(),
    })
    .execute();
}

/** Emits a tender event as the sourcing services do, with the recipients payload. */
export async function emitTenderEvent(
  app: TestApp,
  type: DomainEventName,
  tender: TenderRow,
  parties: { buyerCompanyId: string; actorCompanyId: string; recipients: string[]; winners?: string[]; actorUserId?: string | null },
): Promise<void> {
  const { actorUserId = null, ...payload } = parties;
  await inTransaction(app.db, (trx) =>
    emitEvent(trx, actorUserId, { requestId: randomUUID(), ip: null, userAgent: null }, {
      type,
      companyId: parties.actorCompanyId,
      entityType: 'tender',
      entityId: tender.id,
      audience: [parties.buyerCompanyId, ...parties.recipients],
      payload: { ...payload, document: tender.number },
    } as never),
  );
}

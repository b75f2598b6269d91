import type { Executor } from '@tradeloom/db';
import { companyClaimedOf } from '../companies/company-reads.ts';
import { inviteeStateOf } from './tender-records.ts';

// What the reminder clock reads about tenders, owned here.

export interface ClosingTender {
  id: string;
  buyerId: string;
  number: string;
  closesAt: Date;
  /** Invitees on the platform that have neither quoted nor declined (nor quoted and withdrawn). */
  waitingSupplierIds: string[];
}

/** Open tenders whose deadline falls in (`after`, `until`], with the invitees still to answer. */
export async function findClosingTenders(db: Executor, after: Date, until: Date): Promise<ClosingTender[]> {
  const tenders = await db
    .selectFrom('tenders')
    .select(['id', 'company_id', 'number', 'closes_at'])
    .where('status', '=', 'open')
    .where('closes_at', '>', after)
    .where('closes_at', '<=', until)
    .orderBy('closes_at')
    .orderBy('id')
    .execute();
  if (tenders.length === 0) return [];
  const waiting = await db
    .selectFrom('tender_invitations as i')
    .select(['i.tender_id', 'i.supplier_company_id'])
    .where(
      'i.tender_id',
      'in',
      tenders.map((tender) => tender.id),
    )
    .where(inviteeStateOf('i'), '=', 'invited')
    // An unclaimed invitee has nobody to read it; the buyer's invitation email reached it.
    .where((eb) => eb(companyClaimedOf(eb.ref('i.supplier_company_id')), '=', true))
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
  return tenders.map((tender) => ({
    id: tender.id,
    buyerId: tender.company_id,
    number: tender.number,
    closesAt: tender.closes_at,
    waitingSupplierIds: waiting.filter((row) => row.tender_id === tender.id).map((row) => row.supplier_company_id),
  }));
}

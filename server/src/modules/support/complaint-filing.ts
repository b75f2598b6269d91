import { inTransaction } from '@tradeloom/db';
import { type ComplaintAboutType, type ComplaintCategory, slaDeadlines } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { recordComplaintChange } from './complaint-changes.ts';
import { insertEvidence } from './complaint-records.ts';
import { findComplaintSubject } from './complaint-subject.ts';
import { assertOwnFiles } from './evidence-files.ts';
import { slaHoursFor } from './sla.service.ts';

// A buyer files a complaint about a document it bought under: numbered from its own series
// (CMP-…), against the document's supplier, with deadlines from the supplier's SLA policy.

export async function fileComplaint(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: {
    about: { type: ComplaintAboutType; id: string };
    category: ComplaintCategory;
    description: string;
    amountClaimed?: string;
    evidenceFileIds: string[];
  },
): Promise<{ id: string; number: string }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const subject = await findComplaintSubject(trx, actor.companyId, input.about);
    const fileIds = [...new Set(input.evidenceFileIds)];
    await assertOwnFiles(trx, actor.companyId, fileIds, 'evidenceFileIds');
    const now = ctx.deps.clock.now();
    const { today } = await companyCalendar(trx, actor.companyId, now);
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: 'CMP', date: today });
    const deadlines = slaDeadlines(now, await slaHoursFor(trx, subject.supplierCompanyId, input.category));
    const complaint = await trx
      .insertInto('complaints')
      .values({
        number,
        buyer_company_id: actor.companyId,
        supplier_company_id: subject.supplierCompanyId,
        about_type: input.about.type,
        about_id: input.about.id,
        about_document: subject.document,
        category: input.category,
        description: input.description,
        amount_claimed: input.amountClaimed ?? null,
        currency: subject.currency,
        first_response_due_at: deadlines.firstResponseDueAt,
        resolution_due_at: deadlines.resolutionDueAt,
        filed_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'number', 'buyer_company_id', 'supplier_company_id'])
      .executeTakeFirstOrThrow();
    await insertEvidence(trx, complaint.id, actor.companyId, fileIds, now);
    await recordComplaintChange(trx, ctx.request, complaint, {
      name: 'filed',
      companyId: actor.companyId,
      actor,
      body: input.description,
      fromStatus: 'open',
      toStatus: 'open',
      after: {
        number,
        about: `${input.about.type}:${subject.document}`,
        category: input.category,
        amountClaimed: input.amountClaimed ?? null,
        status: 'open',
      },
      at: now,
    });
    return { id: complaint.id, number };
  });
}

import { inTransaction } from '@tradeloom/db';
import { quotingAllowed } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { findVisibleInvitation } from './tender-reads.ts';
import { inviteeIds, lockBuyerTender, recordTenderChange } from './tender-records.ts';

// Clarifications: an invitee asks the buyer; the buyer's answer goes to every invitee, never
// naming who asked (the question's company is kept for the buyer and the asker only).

export async function askClarification(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; question: string },
): Promise<{ id: string }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const tender = await trx.selectFrom('tenders').selectAll().where('id', '=', input.tenderId).forUpdate().executeTakeFirst();
    // The buyer asks nobody; anyone not invited (or invited to a draft) does not see the tender.
    if (!tender || tender.company_id === actor.companyId || !(await findVisibleInvitation(trx, tender.id, actor.companyId))) {
      throw notFound('Tender');
    }
    // Questions are taken while quotes are: open and before the deadline.
    const allowed = quotingAllowed({ status: tender.status, closesAt: tender.closes_at }, ctx.deps.clock.now());
    if (!allowed.ok) throw appError('CONFLICT', allowed.reason, 'Questions are taken only while the tender is open for quotes.');
    const row = await trx
      .insertInto('tender_clarifications')
      .values({ tender_id: tender.id, asked_by_company_id: actor.companyId, asked_by: actor.userId, question: input.question })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'clarification.asked',
      entityId: row.id,
      after: { tenderId: tender.id, question: input.question },
      // The buyer alone: other invitees learn of it only through the published answer.
      recipients: [tender.company_id],
    });
    return { id: row.id };
  });
}

export async function answerClarification(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { clarificationId: string; answer: string },
): Promise<void> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const question = await trx
      .selectFrom('tender_clarifications')
      .select(['id', 'tender_id', 'answer'])
      .where('id', '=', input.clarificationId)
      .executeTakeFirst();
    if (!question) throw notFound('Question');
    // Only the buyer answers; for anyone else the question is not found.
    const tender = await lockBuyerTender(trx, question.tender_id, actor.companyId).catch(() => {
      throw notFound('Question');
    });
    if (tender.status === 'cancelled') throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'The tender is cancelled.');
    await trx
      .updateTable('tender_clarifications')
      .set({ answer: input.answer, answered_by: actor.userId, answered_at: ctx.deps.clock.now() })
      .where('id', '=', question.id)
      .execute();
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'clarification.answered',
      entityId: question.id,
      before: { answer: question.answer },
      after: { answer: input.answer },
      recipients: await inviteeIds(trx, tender.id),
    });
  });
}

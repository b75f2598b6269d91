import { inTransaction, type Tx } from '@tradeloom/db';
import { CONVERSATION_ABOUT_LABELS, type ConversationAbout } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { emitEvent } from '../events/events.service.ts';
import { recordChange } from '../events/record-change.ts';
import { areLinked } from '../partners/accepted-links.ts';
import { unreadCounts } from './conversation-reads.ts';
import { aboutOf, advanceReadPointer, conversationCompanyIds, findMemberConversation, isMember } from './conversation-records.ts';
import { documentParties, mayTalkAbout } from './document-parties.ts';
import { appendMessage, conversationAudience, type NewMessage } from './messages.service.ts';

// Starting a conversation, adding a company to it, and reading it. A company that may not take
// part (no partner link, no party of the document) is told the other company or the document
// does not exist: a stranger learns nothing.

/** The conversation about `about` that already holds both companies (the oldest, should there be several). */
async function findDocumentConversation(trx: Tx, about: ConversationAbout, a: string, b: string) {
  return trx
    .selectFrom('conversations as c')
    .select('c.id')
    .where('c.about_type', '=', about.type)
    .where('c.about_id', '=', about.id)
    .where((eb) => eb.and([isMember(eb.ref('c.id'), a), isMember(eb.ref('c.id'), b)]))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .executeTakeFirst();
}

/**
 * Starts a conversation with a partner (general), or about a document with another of its
 * parties. About a document it is idempotent: the message joins the conversation the two already
 * have about it.
 */
export async function startConversation(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { partnerCompanyId: string; about?: ConversationAbout; subject?: string; body: string; attachmentFileIds: string[] },
): Promise<{ id: string; messageId: number }> {
  const partner = input.partnerCompanyId;
  if (partner === actor.companyId) throw invalidFields({ partnerCompanyId: 'must be another company than your own' });
  const message: NewMessage = { body: input.body, attachmentFileIds: input.attachmentFileIds };
  return inTransaction(ctx.deps.db, async (trx) => {
    const { about } = input;
    if (about) {
      if (!(await documentParties(trx, about, actor.companyId))) throw notFound(CONVERSATION_ABOUT_LABELS[about.type]);
      if (!(await mayTalkAbout(trx, about, actor.companyId, partner))) throw notFound('Company');
      // Two first messages at once still make one conversation.
      await lockUntilCommit(trx, 'conversation', about.type, about.id);
      const existing = await findDocumentConversation(trx, about, actor.companyId, partner);
      if (existing) {
        const companyIds = await conversationCompanyIds(trx, existing.id);
        const messageId = await appendMessage(trx, ctx, actor, existing.id, message);
        await emitEvent(trx, actor.userId, ctx.request, {
          type: 'message.sent',
          companyId: actor.companyId,
          entityType: 'conversation',
          entityId: existing.id,
          ...conversationAudience(companyIds, actor, messageId),
        });
        return { id: existing.id, messageId };
      }
    } else if (!(await areLinked(trx, actor.companyId, partner))) {
      throw notFound('Company');
    }
    const now = ctx.deps.clock.now();
    const conversation = await trx
      .insertInto('conversations')
      .values({
        subject: input.subject ?? '',
        about_type: about?.type ?? null,
        about_id: about?.id ?? null,
        started_by_company_id: actor.companyId,
        started_by_user_id: actor.userId,
        last_message_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const companyIds = [actor.companyId, partner];
    await trx
      .insertInto('conversation_companies')
      .values(
        companyIds.map((companyId) => ({
          conversation_id: conversation.id,
          company_id: companyId,
          added_by_company_id: actor.companyId,
          added_at: now,
        })),
      )
      .execute();
    const messageId = await appendMessage(trx, ctx, actor, conversation.id, message);
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'conversation.started',
      entityType: 'conversation',
      entityId: conversation.id,
      after: { about: about ?? null, subject: input.subject ?? '', companies: companyIds },
      ...conversationAudience(companyIds, actor, messageId),
    });
    return { id: conversation.id, messageId };
  });
}

/** Reads the conversation up to a message (default: the newest); answers the caller's new unread counts. */
export async function markConversationRead(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { conversationId: string; upToMessageId?: number },
): Promise<{ conversations: number; messages: number }> {
  if (!actor.userId) throw appError('FORBIDDEN', 'API_KEY_NOT_ALLOWED', 'Read state belongs to a signed-in person, not an API key.');
  const { db } = ctx.deps;
  const conversation = await findMemberConversation(db, input.conversationId, actor.companyId);
  let newest = db
    .selectFrom('messages')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('conversation_id', '=', conversation.id);
  if (input.upToMessageId !== undefined) newest = newest.where('id', '<=', input.upToMessageId);
  const upTo = (await newest.executeTakeFirst())?.id;
  if (upTo) await advanceReadPointer(db, conversation.id, actor, Number(upTo), ctx.deps.clock.now());
  return unreadCounts(ctx, actor);
}

/**
 * Adds a company: about a document, one that is a party of it and may talk with everyone already
 * in (a tender's other supplier never may); a general conversation, an active partner of the adder.
 */
export async function addConversationCompany(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { conversationId: string; companyId: string },
): Promise<void> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const conversation = await findMemberConversation(trx, input.conversationId, actor.companyId, true);
    const companyIds = await conversationCompanyIds(trx, conversation.id);
    if (companyIds.includes(input.companyId)) return;
    const about = aboutOf(conversation);
    if (about) {
      if (!(await documentParties(trx, about, actor.companyId))) throw notFound(CONVERSATION_ABOUT_LABELS[about.type]);
      for (const member of companyIds) if (!(await mayTalkAbout(trx, about, input.companyId, member))) throw notFound('Company');
    } else if (!(await areLinked(trx, actor.companyId, input.companyId))) {
      throw notFound('Company');
    }
    await trx
      .insertInto('conversation_companies')
      .values({
        conversation_id: conversation.id,
        company_id: input.companyId,
        added_by_company_id: actor.companyId,
        added_at: ctx.deps.clock.now(),
      })
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'conversation.company_added',
      entityType: 'conversation',
      entityId: conversation.id,
      after: { companyId: input.companyId },
      ...conversationAudience([...companyIds, input.companyId], actor),
    });
  });
}

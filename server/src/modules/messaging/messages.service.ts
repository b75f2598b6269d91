import { inTransaction, type Tx } from '@tradeloom/db';
import { CONVERSATION_ABOUT_LABELS, MESSAGE_LIMITS } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hit, type WindowLimit } from '../auth/rate-limits.ts';
import { emitEvent } from '../events/events.service.ts';
import { assertOwnFile } from '../files/files.service.ts';
import {
  aboutOf,
  advanceReadPointer,
  type ConversationRow,
  conversationCompanyIds,
  findMemberConversation,
  isMember,
  maySendIn,
} from './conversation-records.ts';

// Sending, editing and deleting messages. Every change is one transaction: a refused send
// (rate limit, a reply to a deleted message, a foreign file) writes nothing at all.

const SEND_LIMIT: WindowLimit = { max: MESSAGE_LIMITS.perMinute, windowMs: 60_000 };
const EDIT_WINDOW_MS = MESSAGE_LIMITS.editMinutes * 60_000;

export interface NewMessage {
  body: string;
  replyToId?: number;
  attachmentFileIds: string[];
}

/** Who sends: a person, or an API key (counted apart, as it has no person). */
function senderKey(actor: CompanyActor): string {
  return actor.userId ? `message:user:${actor.userId}` : `message:api-key:${actor.apiKeyId}`;
}

/**
 * Appends a message to a conversation the caller may write in. The conversation row is locked
 * first, so message ids are handed out in commit order within a conversation: a read pointer set
 * to the newest committed id never skips a message still being sent.
 */
export async function appendMessage(trx: Tx, ctx: ServiceContext, actor: CompanyActor, conversationId: string, message: NewMessage) {
  const now = ctx.deps.clock.now();
  // Counted in the transaction: a send refused for any reason does not use up the allowance.
  const sent = await hit(trx, ctx.deps.clock, senderKey(actor), SEND_LIMIT);
  if (sent > SEND_LIMIT.max)
    throw appError(
      'TOO_MANY_REQUESTS',
      'MESSAGE_RATE_LIMITED',
      `You can send at most ${MESSAGE_LIMITS.perMinute} messages a minute. Wait a minute, then send again.`,
    );
  await trx.updateTable('conversations').set({ last_message_at: now }).where('id', '=', conversationId).execute();
  if (message.replyToId !== undefined) {
    const original = await trx
      .selectFrom('messages')
      .select(['id', 'deleted_at'])
      .where('id', '=', message.replyToId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    if (!original) throw invalidFields({ replyToId: 'is not a message of this conversation' });
    if (original.deleted_at) throw appError('CONFLICT', 'MESSAGE_DELETED', 'The message you are replying to was deleted.');
  }
  const fileIds = [...new Set(message.attachmentFileIds)];
  for (const fileId of fileIds) await assertOwnFile(trx, actor.companyId, fileId);
  const row = await trx
    .insertInto('messages')
    .values({
      conversation_id: conversationId,
      sender_company_id: actor.companyId,
      sender_user_id: actor.userId,
      body: message.body,
      reply_to_id: message.replyToId ?? null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (fileIds.length)
    await trx
      .insertInto('message_attachments')
      .values(fileIds.map((fileId) => ({ message_id: row.id, file_id: fileId })))
      .execute();
  // Writing in a conversation reads it up to one's own message.
  await advanceReadPointer(trx, conversationId, actor, row.id, now);
  return row.id;
}

/** The conversation's companies to tell (never the actor's own) and the screens to refresh (all of them). */
export function conversationAudience(companyIds: string[], actor: CompanyActor, messageId?: number) {
  return {
    payload: { actorCompanyId: actor.companyId, recipients: companyIds.filter((id) => id !== actor.companyId), messageId },
    audience: companyIds,
  };
}

export async function sendMessage(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { conversationId: string; body: string; replyToId?: number; attachmentFileIds: string[] },
): Promise<{ id: number }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const conversation = await findMemberConversation(trx, input.conversationId, actor.companyId);
    const companyIds = await conversationCompanyIds(trx, conversation.id);
    await assertMaySend(trx, conversation, companyIds, actor);
    const id = await appendMessage(trx, ctx, actor, conversation.id, input);
    await emitEvent(trx, actor.userId, ctx.request, {
      type: 'message.sent',
      companyId: actor.companyId,
      entityType: 'conversation',
      entityId: conversation.id,
      ...conversationAudience(companyIds, actor, id),
    });
    return { id };
  });
}

export async function assertMaySend(trx: Tx, conversation: ConversationRow, companyIds: string[], actor: CompanyActor) {
  if (await maySendIn(trx, conversation, companyIds, actor.companyId)) return;
  const about = aboutOf(conversation);
  if (about) throw notFound(CONVERSATION_ABOUT_LABELS[about.type]);
  throw appError(
    'CONFLICT',
    'PARTNER_NOT_LINKED',
    'Your company is no longer linked with the other company, so this conversation takes no new messages. Link again to write.',
  );
}

/** The caller's own message, locked, in a conversation its company is in; anyone else's is refused. */
async function lockOwnMessage(trx: Tx, actor: CompanyActor, messageId: number) {
  const message = await trx
    .selectFrom('messages as m')
    .select(['m.id', 'm.conversation_id', 'm.sender_user_id', 'm.sender_company_id', 'm.body', 'm.deleted_at', 'm.created_at'])
    .where('m.id', '=', messageId)
    .where((eb) => isMember(eb.ref('m.conversation_id'), actor.companyId))
    .forUpdate()
    .executeTakeFirst();
  if (!message) throw notFound('Message');
  if (!actor.userId || message.sender_user_id !== actor.userId || message.sender_company_id !== actor.companyId)
    throw appError('FORBIDDEN', 'NOT_YOUR_MESSAGE', 'Only the person who sent a message may edit or delete it.');
  if (message.deleted_at) throw appError('CONFLICT', 'MESSAGE_DELETED', 'This message was deleted.');
  return message;
}

export async function editMessage(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { messageId: number; body: string },
): Promise<{ id: number }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const message = await lockOwnMessage(trx, actor, input.messageId);
    const now = ctx.deps.clock.now();
    if (now.getTime() - message.created_at.getTime() > EDIT_WINDOW_MS)
      throw appError(
        'CONFLICT',
        'EDIT_WINDOW_PASSED',
        `A message can be edited only within ${MESSAGE_LIMITS.editMinutes} minutes of sending it. Send a new message instead.`,
      );
    if (input.body === message.body) return { id: message.id };
    await trx
      .insertInto('message_edits')
      .values({ message_id: message.id, previous_body: message.body, edited_by: actor.userId, edited_at: now })
      .execute();
    await trx.updateTable('messages').set({ body: input.body, edited_at: now }).where('id', '=', message.id).execute();
    await recordMessageChange(trx, ctx, actor, 'message.edited', message);
    return { id: message.id };
  });
}

/** Leaves a tombstone: the row keeps its place and time; its text, earlier texts and files go. */
export async function deleteMessage(ctx: ServiceContext, actor: CompanyActor, messageId: number): Promise<{ id: number }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const message = await lockOwnMessage(trx, actor, messageId);
    await trx.updateTable('messages').set({ body: '', deleted_at: ctx.deps.clock.now() }).where('id', '=', message.id).execute();
    await trx.deleteFrom('message_edits').where('message_id', '=', message.id).execute();
    await trx.deleteFrom('message_attachments').where('message_id', '=', message.id).execute();
    await recordMessageChange(trx, ctx, actor, 'message.deleted', message);
    return { id: message.id };
  });
}

async function recordMessageChange(
  trx: Tx,
  ctx: ServiceContext,
  actor: CompanyActor,
  action: 'message.edited' | 'message.deleted',
  message: { id: number; conversation_id: string },
) {
  // The audit row names the message, not its text: a deleted text must not live on in the log.
  await recordAudit(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action,
    entityType: 'message',
    entityId: String(message.id),
    after: { conversationId: message.conversation_id },
  });
  const companyIds = await conversationCompanyIds(trx, message.conversation_id);
  await emitEvent(trx, actor.userId, ctx.request, {
    type: action,
    companyId: actor.companyId,
    entityType: 'conversation',
    entityId: message.conversation_id,
    ...conversationAudience(companyIds, actor, message.id),
  });
}

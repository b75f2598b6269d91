import type { Executor } from '@tradeloom/db';
import { MESSAGE_LIMITS, type MessageView, type Page } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { decodeSerialCursor, serialCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { describeFiles } from '../files/files.service.ts';
import { API_SENDER_NAME } from './conversation-reads.ts';
import { findMemberConversation, isMember } from './conversation-records.ts';

// A conversation's messages as its members read them: newest first in keyset pages, a deleted
// message as a tombstone (no text, no files), and an edited message's earlier texts.

const REPLY_PREVIEW_CHARS = 100;

function selectMessages(db: Executor) {
  return db
    .selectFrom('messages as m')
    .select((eb) => [
      'm.id',
      'm.conversation_id',
      'm.sender_user_id',
      'm.sender_company_id',
      'm.body',
      'm.deleted_at',
      'm.reply_to_id',
      'm.created_at',
      userNameOf(eb.ref('m.sender_user_id')).as('senderName'),
      companyNameOf(eb.ref('m.sender_company_id')).as('senderCompanyName'),
      isoTimestamp(eb.ref('m.edited_at')).as('editedAt'),
      isoTimestamp(eb.ref('m.created_at')).as('createdAt'),
    ]);
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof selectMessages>['execute']>>[number];

async function toViews(db: Executor, actor: CompanyActor, rows: MessageRow[], now: Date): Promise<MessageView[]> {
  const ids = rows.map((row) => row.id);
  const replyIds = [...new Set(rows.flatMap((row) => (row.reply_to_id ? [row.reply_to_id] : [])))];
  const replies = replyIds.length ? await selectMessages(db).where('m.id', 'in', replyIds).execute() : [];
  const attached = ids.length
    ? await db
        .selectFrom('message_attachments')
        .select(['message_id', 'file_id'])
        .where('message_id', 'in', ids)
        .orderBy('file_id')
        .execute()
    : [];
  const files = await describeFiles(
    db,
    attached.map((a) => a.file_id),
  );
  return rows.map((row) => {
    const deleted = row.deleted_at !== null;
    const mine = actor.userId !== null && row.sender_user_id === actor.userId && row.sender_company_id === actor.companyId;
    const reply = row.reply_to_id ? replies.find((r) => r.id === row.reply_to_id) : undefined;
    return {
      id: row.id,
      conversationId: row.conversation_id,
      sender: {
        userId: row.sender_user_id,
        name: row.senderName ?? API_SENDER_NAME,
        companyId: row.sender_company_id,
        companyName: row.senderCompanyName,
      },
      body: deleted ? null : row.body,
      deleted,
      editedAt: row.editedAt,
      replyTo: reply
        ? {
            id: reply.id,
            preview: reply.deleted_at ? '' : reply.body.slice(0, REPLY_PREVIEW_CHARS),
            senderName: reply.senderName ?? API_SENDER_NAME,
            deleted: reply.deleted_at !== null,
          }
        : null,
      attachments: attached
        .filter((a) => a.message_id === row.id)
        .flatMap((a) => {
          const file = files.get(a.file_id);
          return file ? [{ fileId: file.fileId, name: file.filename, contentType: file.mime, sizeBytes: file.sizeBytes }] : [];
        }),
      createdAt: row.createdAt,
      mine,
      canEdit: mine && !deleted && now.getTime() - row.created_at.getTime() <= MESSAGE_LIMITS.editMinutes * 60_000,
    };
  });
}

export async function listMessages(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { conversationId: string; cursor?: string; limit: number },
): Promise<Page<MessageView>> {
  const { db } = ctx.deps;
  await findMemberConversation(db, input.conversationId, actor.companyId);
  let query = selectMessages(db).where('m.conversation_id', '=', input.conversationId);
  if (input.cursor) query = query.where('m.id', '<', decodeSerialCursor(input.cursor));
  const rows = await query
    .orderBy('m.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = await toViews(db, actor, rows.slice(0, input.limit), ctx.deps.clock.now());
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? serialCursor(last.id) : null };
}

/** A message and its earlier texts, oldest first; a deleted message has none left. */
export async function messageHistory(
  ctx: ServiceContext,
  actor: CompanyActor,
  messageId: number,
): Promise<{ current: MessageView; edits: { body: string; editedAt: string; editedBy: string }[] }> {
  const { db } = ctx.deps;
  const row = await selectMessages(db)
    .where('m.id', '=', messageId)
    .where((eb) => isMember(eb.ref('m.conversation_id'), actor.companyId))
    .executeTakeFirst();
  if (!row) throw notFound('Message');
  const [current] = await toViews(db, actor, [row], ctx.deps.clock.now());
  if (!current) throw notFound('Message');
  const edits = await db
    .selectFrom('message_edits as e')
    .select((eb) => [
      'e.previous_body as body',
      isoTimestamp(eb.ref('e.edited_at')).as('editedAt'),
      userNameOf(eb.ref('e.edited_by')).as('editedBy'),
    ])
    .where('e.message_id', '=', messageId)
    .orderBy('e.id')
    .execute();
  return { current, edits: edits.map((edit) => ({ ...edit, editedBy: edit.editedBy ?? API_SENDER_NAME })) };
}

import type { Executor } from '@tradeloom/db';
import type { ConversationAbout } from '@tradeloom/shared';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompanyActor } from '../../deps.ts';
import { notFound } from '../../trpc/errors.ts';
import { areLinked } from '../partners/accepted-links.ts';
import { documentParties } from './document-parties.ts';

// What every messaging service needs about a conversation: finding one the caller's company is
// in, its companies, whether the caller may still write in it, and the unread rule.

export type ConversationRow = {
  id: string;
  subject: string;
  about_type: ConversationAbout['type'] | null;
  about_id: string | null;
};

/** `exists` a membership of `companyId` in the conversation `conversationId`: the read rule. */
export function isMember(conversationId: Expression<string>, companyId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from conversation_companies cm where cm.conversation_id = ${conversationId} and cm.company_id = ${companyId})`;
}

/**
 * A conversation the company is in; any other is NOT_FOUND. A member keeps reading what it talked
 * about even if the document later leaves its sight (an expired desk offer), as a negotiation's
 * party keeps seeing its offer.
 */
export async function findMemberConversation(db: Executor, conversationId: string, companyId: string, lock = false) {
  let query = db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.subject', 'c.about_type', 'c.about_id', 'c.created_at', 'c.last_message_at'])
    .where('c.id', '=', conversationId)
    .where((eb) => isMember(eb.ref('c.id'), companyId));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Conversation');
  return row;
}

export function aboutOf(row: Pick<ConversationRow, 'about_type' | 'about_id'>): ConversationAbout | null {
  return row.about_type && row.about_id ? { type: row.about_type, id: row.about_id } : null;
}

/** The companies in a conversation, in the order they joined. */
export async function conversationCompanyIds(db: Executor, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversation_companies')
    .select('company_id')
    .where('conversation_id', '=', conversationId)
    .orderBy('added_at')
    .orderBy('company_id')
    .execute();
  return rows.map((row) => row.company_id);
}

/**
 * Whether the company may still write: in a document conversation while it is a party of the
 * document; in a general one while it has an active partner link with another company in it.
 */
export async function maySendIn(db: Executor, conversation: ConversationRow, companyIds: string[], companyId: string): Promise<boolean> {
  const about = aboutOf(conversation);
  if (about) return (await documentParties(db, about, companyId)) !== null;
  for (const other of companyIds) if (other !== companyId && (await areLinked(db, companyId, other))) return true;
  return false;
}

/**
 * Unread for a person: messages by others after their read pointer, not deleted. An API key has
 * no pointer, so everything not written through its company's keys counts. `conversation` is the
 * conversation id column.
 */
export function unreadCondition(messageAlias: string, conversation: Expression<string>, actor: CompanyActor): RawBuilder<SqlBool> {
  const m = (column: string) => sql.ref(`${messageAlias}.${column}`);
  const pointer = sql`coalesce((select r.last_read_message_id from conversation_reads r where r.conversation_id = ${conversation} and r.user_id = ${actor.userId} and r.company_id = ${actor.companyId}), 0)`;
  return sql<SqlBool>`(${m('conversation_id')} = ${conversation} and ${m('deleted_at')} is null and not (${m('sender_company_id')} = ${actor.companyId} and ${m('sender_user_id')} is not distinct from ${actor.userId}) and ${m('id')} > ${pointer})`;
}

/** How many messages of the conversation `conversation` the person has not read. */
export function unreadCountOf(conversation: Expression<string>, actor: CompanyActor): RawBuilder<number> {
  return sql<number>`(select count(*)::int from messages um where ${unreadCondition('um', conversation, actor)})`;
}

/** Moves a person's read pointer forward (never back). */
export async function advanceReadPointer(db: Executor, conversationId: string, actor: CompanyActor, messageId: number, now: Date) {
  if (!actor.userId) return;
  await db
    .insertInto('conversation_reads')
    .values({
      conversation_id: conversationId,
      user_id: actor.userId,
      company_id: actor.companyId,
      last_read_message_id: messageId,
      read_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['conversation_id', 'user_id', 'company_id']).doUpdateSet({
        last_read_message_id: sql`greatest(conversation_reads.last_read_message_id, excluded.last_read_message_id)`,
        read_at: now,
      }),
    )
    .execute();
}

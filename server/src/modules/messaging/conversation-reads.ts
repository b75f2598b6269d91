import type { Executor } from '@tradeloom/db';
import {
  CONVERSATION_ABOUT_LABELS,
  type ConversationAbout,
  type ConversationSummary,
  type ConversationView,
  type MessageSearchHit,
  type Page,
} from '@tradeloom/shared';
import { sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, decodeSerialCursor, rowCursor, serialCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { companyNameOf, companyNamesOnce } from '../companies/company-reads.ts';
import { acceptedPartnerIds } from '../partners/accepted-links.ts';
import {
  aboutOf,
  type ConversationRow,
  conversationCompanyIds,
  findMemberConversation,
  isMember,
  maySendIn,
  unreadCondition,
  unreadCountOf,
} from './conversation-records.ts';
import { documentParties, mayTalkAbout } from './document-parties.ts';
import { messageSnippet } from './message-snippet.ts';

// What the caller's company reads about its conversations: the inbox, one conversation, the
// conversations about a document, unread counts for the navigation, and search.

const PREVIEW_CHARS = 140;
/** How the sender of a message written through an API key is named. */
export const API_SENDER_NAME = 'API key';

type SummaryRow = ConversationRow & { lastMessageAt: string; unread: number };

function selectConversations(db: Executor, actor: CompanyActor) {
  return db
    .selectFrom('conversations as c')
    .select((eb) => [
      'c.id',
      'c.subject',
      'c.about_type',
      'c.about_id',
      isoTimestamp(eb.ref('c.last_message_at')).as('lastMessageAt'),
      isoTimestamp(eb.ref('c.created_at')).as('createdAt'),
      unreadCountOf(eb.ref('c.id'), actor).as('unread'),
    ])
    .where((eb) => isMember(eb.ref('c.id'), actor.companyId));
}

/**
 * The document as the caller knows it. A member whose document left its sight (an expired desk
 * offer) still reads the conversation; the document is then named by its kind, without a link.
 */
export async function aboutView(db: Executor, about: ConversationAbout | null, companyId: string) {
  if (!about) return null;
  const parties = await documentParties(db, about, companyId);
  return {
    type: about.type,
    id: about.id,
    label: parties?.label ?? CONVERSATION_ABOUT_LABELS[about.type],
    linkPath: parties?.linkPath ?? null,
  };
}

/** Summaries of conversation rows: companies and last messages in one query each, labels per document. */
async function summariesOf(db: Executor, actor: CompanyActor, rows: SummaryRow[]): Promise<ConversationSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const companies = await db
    .selectFrom('conversation_companies as cc')
    .select((eb) => ['cc.conversation_id', 'cc.company_id as id', companyNameOf(eb.ref('cc.company_id')).as('name')])
    .innerJoin('conversations as sc', 'sc.id', 'cc.conversation_id')
    .where('cc.conversation_id', 'in', ids)
    // In the order they joined, the company that started it first.
    .orderBy('cc.added_at')
    .orderBy(sql`cc.company_id = sc.started_by_company_id`, 'desc')
    .orderBy('cc.company_id')
    .execute();
  const lastMessages = await db
    .selectFrom('messages as m')
    .select((eb) => [
      'm.id',
      'm.conversation_id',
      'm.body',
      'm.deleted_at',
      userNameOf(eb.ref('m.sender_user_id')).as('senderName'),
      companyNameOf(eb.ref('m.sender_company_id')).as('senderCompanyName'),
      isoTimestamp(eb.ref('m.created_at')).as('at'),
    ])
    .where('m.id', 'in', (eb) =>
      eb
        .selectFrom('messages')
        .select((e) => e.fn.max('id').as('id'))
        .where('conversation_id', 'in', ids)
        .groupBy('conversation_id'),
    )
    .execute();
  return Promise.all(
    rows.map(async (row) => {
      const last = lastMessages.find((message) => message.conversation_id === row.id);
      return {
        id: row.id,
        subject: row.subject,
        about: await aboutView(db, aboutOf(row), actor.companyId),
        companies: companies.filter((company) => company.conversation_id === row.id).map(({ id, name }) => ({ id, name })),
        lastMessage: last
          ? {
              id: last.id,
              preview: last.deleted_at ? '' : last.body.slice(0, PREVIEW_CHARS),
              deleted: last.deleted_at !== null,
              senderName: last.senderName ?? API_SENDER_NAME,
              senderCompanyName: last.senderCompanyName,
              at: last.at,
            }
          : null,
        unread: row.unread,
        lastMessageAt: row.lastMessageAt,
      };
    }),
  );
}

/** The caller's conversations, latest activity first. */
export async function listConversations(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { unreadOnly: boolean; about?: ConversationAbout; cursor?: string; limit: number },
): Promise<Page<ConversationSummary>> {
  const { db } = ctx.deps;
  let query = selectConversations(db, actor);
  if (input.unreadOnly)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('messages as um')
          .select(sql.lit(1).as('one'))
          .where(unreadCondition('um', eb.ref('c.id'), actor)),
      ),
    );
  if (input.about) query = query.where('c.about_type', '=', input.about.type).where('c.about_id', '=', input.about.id);
  if (input.cursor)
    query = query.where(
      afterCursorRow(
        input.cursor,
        { name: 'conversations', alias: 'c' },
        (alias) => sql.ref(`${alias}.last_message_at`),
        'desc',
        (alias) => isMember(sql.ref(`${alias}.id`), actor.companyId),
      ),
    );
  const rows = await query
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = await summariesOf(db, actor, rows.slice(0, input.limit));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

export async function getConversation(ctx: ServiceContext, actor: CompanyActor, conversationId: string): Promise<ConversationView> {
  const { db } = ctx.deps;
  await findMemberConversation(db, conversationId, actor.companyId);
  const row = await selectConversations(db, actor).where('c.id', '=', conversationId).executeTakeFirstOrThrow();
  const [summary] = await summariesOf(db, actor, [row]);
  if (!summary) throw notFound('Conversation');
  const companyIds = await conversationCompanyIds(db, conversationId);
  const nameOf = companyNamesOnce(db);
  const addable = await addableCompanies(db, row, companyIds, actor.companyId);
  return {
    ...summary,
    createdAt: row.createdAt,
    canSend: await maySendIn(db, row, companyIds, actor.companyId),
    canAdd: await Promise.all(addable.map(async (id) => ({ id, name: await nameOf(id) }))),
  };
}

/** The companies the caller may still add: the document's other parties who may talk with everyone in it, or its own partners. */
async function addableCompanies(db: Executor, conversation: ConversationRow, companyIds: string[], companyId: string): Promise<string[]> {
  const about = aboutOf(conversation);
  if (!about) return (await acceptedPartnerIds(db, companyId)).filter((id) => !companyIds.includes(id));
  const mine = await documentParties(db, about, companyId);
  const addable: string[] = [];
  for (const candidate of mine?.parties ?? []) {
    if (companyIds.includes(candidate)) continue;
    let fits = true;
    for (const member of companyIds) if (fits && !(await mayTalkAbout(db, about, candidate, member))) fits = false;
    if (fits) addable.push(candidate);
  }
  return addable;
}

/** The caller's conversations about a document, and the parties it has none with yet. */
export async function documentConversations(
  ctx: ServiceContext,
  actor: CompanyActor,
  about: ConversationAbout,
): Promise<{ items: ConversationSummary[]; startWith: { id: string; name: string }[] }> {
  const { db } = ctx.deps;
  const mine = await documentParties(db, about, actor.companyId);
  if (!mine) throw notFound(CONVERSATION_ABOUT_LABELS[about.type]);
  const rows = await selectConversations(db, actor)
    .where('c.about_type', '=', about.type)
    .where('c.about_id', '=', about.id)
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  const items = await summariesOf(db, actor, rows);
  const talkingWith = new Set(items.flatMap((item) => item.companies.map((company) => company.id)));
  const nameOf = companyNamesOnce(db);
  const startWith = await Promise.all(
    mine.parties.filter((id) => id !== actor.companyId && !talkingWith.has(id)).map(async (id) => ({ id, name: await nameOf(id) })),
  );
  return { items, startWith };
}

/** For the navigation: conversations with something unread, and how many messages. */
export async function unreadCounts(ctx: ServiceContext, actor: CompanyActor): Promise<{ conversations: number; messages: number }> {
  const row = await ctx.deps.db
    .selectFrom('messages as um')
    .select([sql<number>`count(distinct um.conversation_id)::int`.as('conversations'), sql<number>`count(*)::int`.as('messages')])
    .where((eb) => isMember(eb.ref('um.conversation_id'), actor.companyId))
    .where((eb) => unreadCondition('um', eb.ref('um.conversation_id'), actor))
    .executeTakeFirstOrThrow();
  return { conversations: row.conversations, messages: row.messages };
}

/** Full-text search over the messages of the caller's conversations, newest first; deleted ones never match. */
export async function searchMessages(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { q: string; cursor?: string; limit: number },
): Promise<Page<MessageSearchHit>> {
  const { db } = ctx.deps;
  let query = db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select((eb) => [
      'm.id',
      'm.conversation_id',
      'm.body',
      'c.subject',
      'c.about_type',
      'c.about_id',
      userNameOf(eb.ref('m.sender_user_id')).as('senderName'),
      companyNameOf(eb.ref('m.sender_company_id')).as('senderCompanyName'),
      isoTimestamp(eb.ref('m.created_at')).as('at'),
    ])
    .where((eb) => isMember(eb.ref('m.conversation_id'), actor.companyId))
    .where('m.deleted_at', 'is', null)
    .where(sql<boolean>`m.search @@ websearch_to_tsquery('simple', ${input.q})`);
  if (input.cursor) query = query.where('m.id', '<', decodeSerialCursor(input.cursor));
  const rows = await query
    .orderBy('m.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const abouts = new Map<string, Promise<Awaited<ReturnType<typeof aboutView>>>>();
  const items = await Promise.all(
    rows.slice(0, input.limit).map(async (row) => {
      const about = aboutOf(row);
      const key = about ? `${about.type}:${about.id}` : '';
      if (!abouts.has(key)) abouts.set(key, aboutView(db, about, actor.companyId));
      return {
        conversationId: row.conversation_id,
        messageId: row.id,
        subject: row.subject,
        about: (await abouts.get(key)) ?? null,
        snippet: messageSnippet(row.body, input.q),
        senderName: row.senderName ?? API_SENDER_NAME,
        senderCompanyName: row.senderCompanyName,
        at: row.at,
      };
    }),
  );
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? serialCursor(last.messageId) : null };
}

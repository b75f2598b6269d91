import { type Database, type Executor, inTransaction } from '@tradeloom/db';
import { conversationRecipients } from '@tradeloom/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findCompanyName } from '../companies/company-reads.ts';
import { findDomainEvent } from '../events/event-reads.ts';
import type { JobHandler } from '../events/job-runner.ts';
import { notify } from '../notifications/engine.ts';
import { aboutOf } from './conversation-records.ts';
import { documentParties } from './document-parties.ts';

// Tells the other companies of a conversation that something was written: a new conversation
// reaches every member who may read it; a new message only the people of that company who have
// taken part (written or read), or everyone who may read while none has yet.

export const MESSAGING_NOTIFY_QUEUE = 'messaging.notify';
export const MESSAGING_NOTIFY_EVENTS = ['conversation.started', 'message.sent'] as const;
type NoticeEvent = (typeof MESSAGING_NOTIFY_EVENTS)[number];

const jobPayload = z.object({ eventId: z.number() });
const EXCERPT_CHARS = 80;

export function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS).trimEnd()}…` : text;
}

/** "Acme Mills wrote on PO-2026-000012: …", or for a new general conversation "Acme Mills started “Lot 4”: …". */
export function conversationNoticeText(
  name: NoticeEvent,
  actor: string,
  topic: { document?: string; subject: string },
  body: string,
): string {
  const on = topic.document ?? (topic.subject ? `“${topic.subject}”` : undefined);
  const lead =
    name === 'conversation.started'
      ? `${actor} started a conversation${topic.document ? ` about ${topic.document}` : topic.subject ? ` on ${on}` : ''}`
      : `${actor} wrote${on ? ` on ${on}` : ''}`;
  return `${lead}: ${excerpt(body)}`;
}

/** The people of `companyId` who wrote in or read the conversation. */
async function participantsOf(db: Executor, conversationId: string, companyId: string): Promise<string[]> {
  const writers = await db
    .selectFrom('messages')
    .select('sender_user_id as userId')
    .distinct()
    .where('conversation_id', '=', conversationId)
    .where('sender_company_id', '=', companyId)
    .where('sender_user_id', 'is not', null)
    .execute();
  const readers = await db
    .selectFrom('conversation_reads')
    .select('user_id as userId')
    .where('conversation_id', '=', conversationId)
    .where('company_id', '=', companyId)
    .execute();
  return [...new Set([...writers, ...readers].flatMap((row) => (row.userId ? [row.userId] : [])))];
}

export function messagingNotificationHandler(db: Kysely<Database>): JobHandler {
  return {
    async run(raw) {
      const { eventId } = jobPayload.parse(raw);
      const event = await findDomainEvent(db, eventId);
      if (!(MESSAGING_NOTIFY_EVENTS as readonly string[]).includes(event.type)) return;
      const name = event.type as NoticeEvent;
      const parties = conversationRecipients.parse(event.payload);
      if (parties.messageId === undefined) return;
      const messageId = parties.messageId;
      await inTransaction(db, async (trx) => {
        const message = await trx
          .selectFrom('messages as m')
          .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
          .select(['m.body', 'm.deleted_at', 'c.id as conversationId', 'c.subject', 'c.about_type', 'c.about_id'])
          .where('m.id', '=', messageId)
          .executeTakeFirst();
        // Deleted before anyone was told: there is nothing left to tell.
        if (!message || message.deleted_at) return;
        const actor = await findCompanyName(trx, parties.actorCompanyId);
        const about = aboutOf(message);
        for (const recipient of new Set(parties.recipients)) {
          if (recipient === parties.actorCompanyId) continue;
          const document = about ? (await documentParties(trx, about, recipient))?.label : undefined;
          const participants = name === 'message.sent' ? await participantsOf(trx, message.conversationId, recipient) : [];
          await notify(trx, {
            companyId: recipient,
            kind: name,
            title: conversationNoticeText(name, actor, { document, subject: message.subject }, message.body),
            linkPath: `/messages/${message.conversationId}`,
            entityType: 'conversation',
            entityId: message.conversationId,
            eventId,
            actorName: actor,
            document,
            ...(participants.length ? { userIds: participants } : {}),
          });
        }
      });
    },
  };
}

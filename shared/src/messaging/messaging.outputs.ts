import { z } from 'zod';
import { pageOf, timestamp } from '../wire.ts';
import { CONVERSATION_ABOUT_TYPES } from './messaging.schemas.ts';

// What `messaging.*` answers.

const companyRef = z.strictObject({ id: z.uuid(), name: z.string() });

/** The document a conversation is about, as the caller may open it. */
export const conversationAboutView = z.strictObject({
  type: z.enum(CONVERSATION_ABOUT_TYPES),
  id: z.string(),
  /** The document's number or title as the caller knows it (its own PO number, the tender title…). */
  label: z.string(),
  /** The caller's page for the document, e.g. `/orders/<id>`; null when the app has none. */
  linkPath: z.string().nullable(),
});

export const conversationSummary = z.strictObject({
  id: z.uuid(),
  subject: z.string(),
  about: conversationAboutView.nullable(),
  /** Every company in it, the caller's own included. */
  companies: z.array(companyRef),
  lastMessage: z
    .strictObject({
      id: z.number().int(),
      /** The first characters of the text; empty for a deleted message. */
      preview: z.string(),
      deleted: z.boolean(),
      senderName: z.string(),
      senderCompanyName: z.string(),
      at: timestamp,
    })
    .nullable(),
  /** Messages from others the caller has not read. */
  unread: z.number().int(),
  lastMessageAt: timestamp,
});
export const conversationPage = pageOf(conversationSummary);

export const conversationView = conversationSummary.extend({
  createdAt: timestamp,
  /** False once a general conversation's partner link ended: it reads, but takes no new messages. */
  canSend: z.boolean(),
  /** Companies the caller may still add (the document's other parties, or its own partners). */
  canAdd: z.array(companyRef),
});

/** The conversations about one document, and the parties the caller may start one with. */
export const documentConversations = z.strictObject({
  items: z.array(conversationSummary),
  startWith: z.array(companyRef),
});

export const conversationStarted = z.strictObject({ id: z.uuid(), messageId: z.number().int() });
export const unreadCounts = z.strictObject({ conversations: z.number().int(), messages: z.number().int() });

const attachmentView = z.strictObject({ fileId: z.uuid(), name: z.string(), contentType: z.string(), sizeBytes: z.number().int() });

export const messageView = z.strictObject({
  id: z.number().int(),
  conversationId: z.uuid(),
  sender: z.strictObject({ userId: z.uuid().nullable(), name: z.string(), companyId: z.uuid(), companyName: z.string() }),
  /** Null once deleted: the tombstone keeps its place and time. */
  body: z.string().nullable(),
  deleted: z.boolean(),
  editedAt: timestamp.nullable(),
  replyTo: z.strictObject({ id: z.number().int(), preview: z.string(), senderName: z.string(), deleted: z.boolean() }).nullable(),
  attachments: z.array(attachmentView),
  createdAt: timestamp,
  /** Sent by the caller. */
  mine: z.boolean(),
  /** The caller may still edit it (their own, not deleted, within the edit window). */
  canEdit: z.boolean(),
});
export const messagePage = pageOf(messageView);
export const messageSent = z.strictObject({ id: z.number().int() });
export const messageEdit = z.strictObject({ body: z.string(), editedAt: timestamp, editedBy: z.string() });
export const messageHistory = z.strictObject({ current: messageView, edits: z.array(messageEdit) });

export const messageSearchHit = z.strictObject({
  conversationId: z.uuid(),
  messageId: z.number().int(),
  subject: z.string(),
  about: conversationAboutView.nullable(),
  /** Text around the match; plain text. */
  snippet: z.string(),
  senderName: z.string(),
  senderCompanyName: z.string(),
  at: timestamp,
});
export const messageSearchPage = pageOf(messageSearchHit);

export type ConversationSummary = z.infer<typeof conversationSummary>;
export type ConversationView = z.infer<typeof conversationView>;
export type MessageView = z.infer<typeof messageView>;
export type MessageSearchHit = z.infer<typeof messageSearchHit>;

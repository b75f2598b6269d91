import { z } from 'zod';
import { id, pageCursor } from '../common.ts';

// Inputs of `messaging.*`: conversations between companies, general or about a document.

/** The documents a conversation can be about; only that document's parties may take part. */
export const CONVERSATION_ABOUT_TYPES = ['order', 'tender', 'quote', 'offer', 'negotiation', 'contract', 'invoice', 'complaint'] as const;
export type ConversationAboutType = (typeof CONVERSATION_ABOUT_TYPES)[number];
export const CONVERSATION_ABOUT_LABELS: Record<ConversationAboutType, string> = {
  order: 'Order',
  tender: 'Tender',
  quote: 'Quote',
  offer: 'Offer',
  negotiation: 'Negotiation',
  contract: 'Contract',
  invoice: 'Invoice',
  complaint: 'Complaint',
};

/** Limits a sender meets, each refused with its own error. */
export const MESSAGE_LIMITS = {
  bodyChars: 4000,
  attachments: 5,
  subjectChars: 200,
  /** Messages one person may send per minute, across conversations. */
  perMinute: 30,
  /** Minutes after sending during which the sender may edit. */
  editMinutes: 15,
} as const;

export const conversationAbout = z.object({ type: z.enum(CONVERSATION_ABOUT_TYPES), id: z.string().trim().min(1).max(100) });
export type ConversationAbout = z.infer<typeof conversationAbout>;

/** Plain text: links are shown as links, nothing is rendered as markup. */
export const messageBody = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(MESSAGE_LIMITS.bodyChars, `must be at most ${MESSAGE_LIMITS.bodyChars} characters`);
const attachmentFileIds = z
  .array(id)
  .max(MESSAGE_LIMITS.attachments, `at most ${MESSAGE_LIMITS.attachments} files per message`)
  .default([]);

export const startConversationInput = z.object({
  partnerCompanyId: id,
  about: conversationAbout.optional(),
  subject: z.string().trim().max(MESSAGE_LIMITS.subjectChars).optional(),
  body: messageBody,
  attachmentFileIds,
});
export const conversationIdInput = z.object({ conversationId: id });
export const conversationListInput = z.object({
  unreadOnly: z.boolean().default(false),
  /** Only conversations about this document (its page's panel). */
  about: conversationAbout.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export const documentConversationsInput = z.object({ about: conversationAbout });
export const markConversationReadInput = z.object({
  conversationId: id,
  /** Read up to this message (default: the newest). */
  upToMessageId: z.number().int().positive().optional(),
});
export const addConversationCompanyInput = z.object({ conversationId: id, companyId: id });
export const conversationSearchInput = z.object({
  q: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const sendMessageInput = z.object({
  conversationId: id,
  body: messageBody,
  replyToId: z.number().int().positive().optional(),
  attachmentFileIds,
});
export const messageListInput = z.object({
  conversationId: id,
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const messageIdInput = z.object({ messageId: z.number().int().positive() });
export const editMessageInput = z.object({ messageId: z.number().int().positive(), body: messageBody });

import {
  addConversationCompanyInput,
  conversationIdInput,
  conversationListInput,
  conversationPage,
  conversationSearchInput,
  conversationStarted,
  conversationView,
  documentConversationsInput,
  documentConversations as documentConversationsOutput,
  editMessageInput,
  markConversationReadInput,
  messageHistory as messageHistoryOutput,
  messageIdInput,
  messageListInput,
  messagePage,
  messageSearchPage,
  messageSent,
  sendMessageInput,
  startConversationInput,
  unreadCounts as unreadCountsOutput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { documentConversations, getConversation, listConversations, searchMessages, unreadCounts } from './conversation-reads.ts';
import { addConversationCompany, markConversationRead, startConversation } from './conversations.service.ts';
import { listMessages, messageHistory } from './message-reads.ts';
import { deleteMessage, editMessage, sendMessage } from './messages.service.ts';

const read = () => companyProcedure('messaging:read');
const write = () => companyProcedure('messaging:write');

/** Conversations between companies: general ones between partners, or about a document its parties share. */
const conversationsRouter = router({
  start: write()
    .input(startConversationInput)
    .output(conversationStarted)
    .mutation(({ ctx, input }) => startConversation(ctx, ctx.actor, input)),
  list: read()
    .input(conversationListInput)
    .output(conversationPage)
    .query(({ ctx, input }) => listConversations(ctx, ctx.actor, input)),
  get: read()
    .input(conversationIdInput)
    .output(conversationView)
    .query(({ ctx, input }) => getConversation(ctx, ctx.actor, input.conversationId)),
  forDocument: read()
    .input(documentConversationsInput)
    .output(documentConversationsOutput)
    .query(({ ctx, input }) => documentConversations(ctx, ctx.actor, input.about)),
  /** Reading is per person; an API key has no read state. */
  markRead: read()
    .input(markConversationReadInput)
    .output(unreadCountsOutput)
    .mutation(({ ctx, input }) => markConversationRead(ctx, ctx.actor, input)),
  addCompany: write()
    .input(addConversationCompanyInput)
    .mutation(({ ctx, input }) => addConversationCompany(ctx, ctx.actor, input)),
  unreadCount: read()
    .output(unreadCountsOutput)
    .query(({ ctx }) => unreadCounts(ctx, ctx.actor)),
  search: read()
    .input(conversationSearchInput)
    .output(messageSearchPage)
    .query(({ ctx, input }) => searchMessages(ctx, ctx.actor, input)),
});

const messagesRouter = router({
  send: write()
    .input(sendMessageInput)
    .output(messageSent)
    .mutation(({ ctx, input }) => sendMessage(ctx, ctx.actor, input)),
  list: read()
    .input(messageListInput)
    .output(messagePage)
    .query(({ ctx, input }) => listMessages(ctx, ctx.actor, input)),
  edit: write()
    .input(editMessageInput)
    .output(messageSent)
    .mutation(({ ctx, input }) => editMessage(ctx, ctx.actor, input)),
  delete: write()
    .input(messageIdInput)
    .output(messageSent)
    .mutation(({ ctx, input }) => deleteMessage(ctx, ctx.actor, input.messageId)),
  history: read()
    .input(messageIdInput)
    .output(messageHistoryOutput)
    .query(({ ctx, input }) => messageHistory(ctx, ctx.actor, input.messageId)),
});

export const messagingRouter = router({ conversations: conversationsRouter, messages: messagesRouter });

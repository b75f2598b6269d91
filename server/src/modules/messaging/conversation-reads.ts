import type { ConversationAbout, ConversationSummary, ConversationView, MessageSearchHit, Page } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the msg-server helper implements these.

export async function listConversations(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { unreadOnly: boolean; about?: ConversationAbout; cursor?: string; limit: number },
): Promise<Page<ConversationSummary>> {
  throw new Error('CONTRACT STUB: listConversations');
}

export async function getConversation(_ctx: ServiceContext, _actor: CompanyActor, _conversationId: string): Promise<ConversationView> {
  throw new Error('CONTRACT STUB: getConversation');
}

export async function documentConversations(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _about: ConversationAbout,
): Promise<{ items: ConversationSummary[]; startWith: { id: string; name: string }[] }> {
  throw new Error('CONTRACT STUB: documentConversations');
}

export async function unreadCounts(_ctx: ServiceContext, _actor: CompanyActor): Promise<{ conversations: number; messages: number }> {
  throw new Error('CONTRACT STUB: unreadCounts');
}

export async function searchMessages(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { q: string; cursor?: string; limit: number },
): Promise<Page<MessageSearchHit>> {
  throw new Error('CONTRACT STUB: searchMessages');
}

import type { ConversationAbout } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the msg-server helper implements these.

export async function startConversation(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { partnerCompanyId: string; about?: ConversationAbout; subject?: string; body: string; attachmentFileIds: string[] },
): Promise<{ id: string; messageId: number }> {
  throw new Error('CONTRACT STUB: startConversation');
}

export async function markConversationRead(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { conversationId: string; upToMessageId?: number },
): Promise<{ conversations: number; messages: number }> {
  throw new Error('CONTRACT STUB: markConversationRead');
}

export async function addConversationCompany(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { conversationId: string; companyId: string },
): Promise<void> {
  throw new Error('CONTRACT STUB: addConversationCompany');
}

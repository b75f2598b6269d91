import type { MessageView, Page } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the msg-server helper implements these.

export async function listMessages(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { conversationId: string; cursor?: string; limit: number },
): Promise<Page<MessageView>> {
  throw new Error('CONTRACT STUB: listMessages');
}

export async function messageHistory(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _messageId: number,
): Promise<{ current: MessageView; edits: { body: string; editedAt: string; editedBy: string }[] }> {
  throw new Error('CONTRACT STUB: messageHistory');
}

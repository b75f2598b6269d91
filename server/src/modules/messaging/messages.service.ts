import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the msg-server helper implements these.

export async function sendMessage(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { conversationId: string; body: string; replyToId?: number; attachmentFileIds: string[] },
): Promise<{ id: number }> {
  throw new Error('CONTRACT STUB: sendMessage');
}

export async function editMessage(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { messageId: number; body: string },
): Promise<{ id: number }> {
  throw new Error('CONTRACT STUB: editMessage');
}

export async function deleteMessage(_ctx: ServiceContext, _actor: CompanyActor, _messageId: number): Promise<{ id: number }> {
  throw new Error('CONTRACT STUB: deleteMessage');
}

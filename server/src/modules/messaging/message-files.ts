import type { Executor } from '@tradeloom/db';
import { isMember } from './conversation-records.ts';

// Who may download a file attached to a message (the files module asks): the companies in its
// conversation, while the message stands (a deleted message takes its files with it).

export async function isFileInCompanyConversation(db: Executor, fileId: string, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('message_attachments as a')
    .innerJoin('messages as m', 'm.id', 'a.message_id')
    .select('a.file_id')
    .where('a.file_id', '=', fileId)
    .where('m.deleted_at', 'is', null)
    .where((eb) => isMember(eb.ref('m.conversation_id'), companyId))
    .executeTakeFirst();
  return row !== undefined;
}

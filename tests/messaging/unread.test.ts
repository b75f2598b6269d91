import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { generalConversation, talkingPair } from './messaging-fixtures.ts';

// Read state is per person: unread = messages by others after the person's read pointer, not
// deleted. Counted, never kept as a counter, so concurrent sends cannot make it drift.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('unread counts', () => {
  it('counts per person: reading clears one member’s count, not a colleague’s; own and deleted messages never count', async () => {
    const { buyer, supplier } = await talkingPair(app, 'UnreadPerson');
    const one = await generalConversation(buyer, supplier, 'one');
    const two = await generalConversation(buyer, supplier, 'two');
    await buyer.members.staff.caller.messaging.messages.send({ conversationId: two.id, body: 'three' });
    const gone = await buyer.members.staff.caller.messaging.messages.send({ conversationId: two.id, body: 'oops' });
    await buyer.members.staff.caller.messaging.messages.delete({ messageId: gone.id });
    const staff = supplier.members.staff.caller.messaging.conversations;
    const manager = supplier.members.manager.caller.messaging.conversations;
    expect(await staff.unreadCount()).toEqual({ conversations: 2, messages: 3 });
    // The sender's company: their own messages are not unread to them; a colleague reads them as unread.
    expect(await buyer.members.staff.caller.messaging.conversations.unreadCount()).toEqual({ conversations: 0, messages: 0 });
    expect(await buyer.members.manager.caller.messaging.conversations.unreadCount()).toEqual({ conversations: 2, messages: 3 });

    expect(await staff.markRead({ conversationId: two.id, upToMessageId: two.messageId })).toEqual({ conversations: 2, messages: 2 });
    expect(await staff.markRead({ conversationId: two.id })).toEqual({ conversations: 1, messages: 1 });
    // A pointer never moves back.
    expect(await staff.markRead({ conversationId: two.id, upToMessageId: two.messageId })).toEqual({ conversations: 1, messages: 1 });
    expect(await manager.unreadCount()).toEqual({ conversations: 2, messages: 3 });
    const unreadOnly = await staff.list({ unreadOnly: true });
    expect(unreadOnly.items.map((c) => [c.id, c.unread])).toEqual([[one.id, 1]]);
    const all = await staff.list({});
    expect(all.items.map((c) => [c.id, c.unread])).toEqual([
      [two.id, 0],
      [one.id, 1],
    ]);
    // Replying reads the conversation up to one's own message.
    await supplier.members.staff.caller.messaging.messages.send({ conversationId: one.id, body: 'reply', replyToId: one.messageId });
    expect(await staff.unreadCount()).toEqual({ conversations: 0, messages: 0 });
  });

  it('N concurrent sends make exactly N unread for the other side; a read racing sends leaves exactly the messages after its pointer unread', async () => {
    const { buyer, supplier } = await talkingPair(app, 'UnreadRace');
    const started = await generalConversation(buyer, supplier, 'start');
    const reader = supplier.members.staff.caller.messaging.conversations;
    await reader.markRead({ conversationId: started.id });
    const senders = [buyer.members.owner, buyer.members.admin, buyer.members.manager, buyer.members.staff];
    const N = 12;
    const senderAt = (i: number) => senders[i % senders.length] ?? buyer.members.staff;
    await Promise.all(
      Array.from({ length: N }, (_, i) => senderAt(i).caller.messaging.messages.send({ conversationId: started.id, body: `burst ${i}` })),
    );
    expect(await reader.unreadCount()).toEqual({ conversations: 1, messages: N });
    expect((await reader.get({ conversationId: started.id })).unread).toBe(N);

    // Reads racing sends: whatever a read marks, every message it did not see stays unread.
    const racing = await Promise.all([
      ...Array.from({ length: N }, (_, i) => senderAt(i).caller.messaging.messages.send({ conversationId: started.id, body: `race ${i}` })),
      reader.markRead({ conversationId: started.id }),
    ]);
    const marked = racing.at(-1) as { messages: number };
    const pointer = await app.db
      .selectFrom('conversation_reads')
      .select('last_read_message_id')
      .where('conversation_id', '=', started.id)
      .where('user_id', '=', supplier.members.staff.id)
      .executeTakeFirstOrThrow();
    const after = await app.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', started.id)
      .where('id', '>', pointer.last_read_message_id)
      .executeTakeFirstOrThrow();
    expect((await reader.unreadCount()).messages).toBe(Number(after.n));
    expect(marked.messages).toBeLessThanOrEqual(Number(after.n));
  });

  it('read state belongs to a person: an API key may not mark read', async () => {
    const { buyer, supplier } = await talkingPair(app, 'UnreadKey');
    const started = await generalConversation(buyer, supplier);
    const { key } = await supplier.members.admin.caller.apiKeys.create({ name: 'inbox', scopes: ['messaging:read'] });
    const refused = await failure(app.caller({ apiKey: key }).messaging.conversations.markRead({ conversationId: started.id }));
    expect([refused.code, refused.reason]).toEqual(['FORBIDDEN', 'API_KEY_NOT_ALLOWED']);
    expect(await app.caller({ apiKey: key }).messaging.conversations.unreadCount()).toEqual({ conversations: 1, messages: 1 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { generalConversation, link, talkingPair } from './messaging-fixtures.ts';

// Full-text search over the messages of the caller's own conversations; deleted ones never match.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('search', () => {
  it('finds words in the company’s conversations, newest first with a plain snippet; never another company’s, never a deleted message', async () => {
    const { buyer, supplier } = await talkingPair(app, 'SearchA');
    const other = await talkingPair(app, 'SearchB');
    const word = `zircon${Date.now().toString(36)}`;
    const started = await generalConversation(buyer, supplier, `The ${word} lot arrives Monday`);
    const long = `${'Before the point. '.repeat(12)}Here the ${word} sample is <b>graded</b> 31-1. ${'After the point. '.repeat(12)}`;
    const second = await supplier.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: long });
    const deleted = await supplier.members.staff.caller.messaging.messages.send({
      conversationId: started.id,
      body: `Delete ${word} please`,
    });
    await supplier.members.staff.caller.messaging.messages.delete({ messageId: deleted.id });
    await generalConversation(other.buyer, other.supplier, `Their ${word} is private`);
    await link(buyer, other.supplier);

    const hits = await buyer.members.viewer.caller.messaging.conversations.search({ q: word });
    expect(hits.items.map((h) => h.messageId)).toEqual([second.id, started.messageId]);
    expect(hits.items[1]).toEqual({
      conversationId: started.id,
      messageId: started.messageId,
      subject: '',
      about: null,
      snippet: `The ${word} lot arrives Monday`,
      senderName: 'Test SearchABuyer-staff',
      senderCompanyName: buyer.name,
      at: expect.any(String),
    });
    const snippet = hits.items[0]?.snippet ?? '';
    expect(snippet).toContain(`Here the ${word} sample is <b>graded</b> 31-1.`);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(162);

    const paged = await buyer.members.viewer.caller.messaging.conversations.search({ q: word, limit: 1 });
    expect(paged.items.map((h) => h.messageId)).toEqual([second.id]);
    const next = await buyer.members.viewer.caller.messaging.conversations.search({
      q: word,
      limit: 1,
      cursor: paged.nextCursor ?? undefined,
    });
    expect(next.items.map((h) => h.messageId)).toEqual([started.messageId]);
    expect(next.nextCursor).toBeNull();

    expect((await other.buyer.members.viewer.caller.messaging.conversations.search({ q: word })).items.map((h) => h.snippet)).toEqual([
      `Their ${word} is private`,
    ]);
    expect((await buyer.members.viewer.caller.messaging.conversations.search({ q: 'please' })).items).toEqual([]);
  });

  it('a query too short is refused naming the field', async () => {
    const { buyer } = await talkingPair(app, 'SearchShort');
    const error = await failure(buyer.members.viewer.caller.messaging.conversations.search({ q: 'a' }));
    expect(fieldErrors(error)).toEqual({ q: ['must be at least 2 characters'] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';
import { generalConversation, MINUTE, rows, talkingPair } from './messaging-fixtures.ts';

// Messages: plain text as given, replies, edits within the window with their history, deletes
// that leave a tombstone, files, the rate limit, and a refused send that writes nothing.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

async function uploaded(token: string, name: string): Promise<string> {
  const response = await upload(http.url, `tl_session=${token}`, PDF, name);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('messages', () => {
  it('stores the text exactly as given, markup included, and lists newest first in keyset pages', async () => {
    const { buyer, supplier } = await talkingPair(app, 'MsgText');
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** https://example.com/?a=1&b=2';
    const started = await generalConversation(buyer, supplier, hostile);
    const sender = supplier.members.staff.caller.messaging.messages;
    for (const body of ['two', 'three', 'four']) await sender.send({ conversationId: started.id, body });
    const reader = buyer.members.viewer.caller.messaging.messages;
    const first = await reader.list({ conversationId: started.id, limit: 3 });
    expect(first.items.map((m) => m.body)).toEqual(['four', 'three', 'two']);
    expect(first.nextCursor).not.toBeNull();
    const second = await reader.list({ conversationId: started.id, limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((m) => m.body)).toEqual([hostile]);
    expect(second.nextCursor).toBeNull();
    expect(second.items[0]).toMatchObject({ mine: false, canEdit: false, deleted: false, editedAt: null, replyTo: null, attachments: [] });
    const bad = await failure(reader.list({ conversationId: started.id, cursor: 'not-a-cursor' }));
    expect(fieldErrors(bad)).toEqual({ cursor: ['is not a valid page cursor; start from the first page'] });
  });

  it('edits within 15 minutes keep the earlier texts; later the edit is refused; someone else’s message is not theirs to edit', async () => {
    const { buyer, supplier } = await talkingPair(app, 'MsgEdit');
    const started = await generalConversation(buyer, supplier, 'Price 56,500');
    const author = buyer.members.staff.caller.messaging.messages;
    await author.edit({ messageId: started.messageId, body: 'Price 56,400' });
    app.clock.advance(14 * MINUTE);
    await author.edit({ messageId: started.messageId, body: 'Price 56,300' });
    const history = await supplier.members.viewer.caller.messaging.messages.history({ messageId: started.messageId });
    expect(history.current.body).toBe('Price 56,300');
    expect(history.current.editedAt).not.toBeNull();
    expect(history.edits.map((e) => [e.body, e.editedBy])).toEqual([
      ['Price 56,500', 'Test MsgEditBuyer-staff'],
      ['Price 56,400', 'Test MsgEditBuyer-staff'],
    ]);
    const notMine = await failure(buyer.members.manager.caller.messaging.messages.edit({ messageId: started.messageId, body: 'Hijack' }));
    expect([notMine.code, notMine.reason]).toEqual(['FORBIDDEN', 'NOT_YOUR_MESSAGE']);
    expect((await author.list({ conversationId: started.id })).items[0]?.canEdit).toBe(true);
    app.clock.advance(2 * MINUTE);
    expect((await author.list({ conversationId: started.id })).items[0]?.canEdit).toBe(false);
    const late = await failure(author.edit({ messageId: started.messageId, body: 'Price 56,000' }));
    expect([late.code, late.reason]).toEqual(['CONFLICT', 'EDIT_WINDOW_PASSED']);
    expect(await app.db.selectFrom('messages').select('body').where('id', '=', started.messageId).executeTakeFirstOrThrow()).toEqual({
      body: 'Price 56,300',
    });
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'message')
      .where('entity_id', '=', String(started.messageId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['message.edited', 'message.edited']);
  });

  it('a delete leaves a tombstone without text, history or files; a reply to it is refused, and it cannot be edited', async () => {
    const { buyer, supplier } = await talkingPair(app, 'MsgDelete');
    const file = await uploaded(buyer.members.staff.token, 'spec.pdf');
    const started = await generalConversation(buyer, supplier, 'Secret draft');
    const author = buyer.members.staff.caller.messaging.messages;
    const withFile = await author.send({ conversationId: started.id, body: 'The spec', attachmentFileIds: [file] });
    await author.edit({ messageId: started.messageId, body: 'Secret draft v2' });
    const reply = await supplier.members.staff.caller.messaging.messages.send({
      conversationId: started.id,
      body: 'Noted',
      replyToId: started.messageId,
    });
    const notMine = await failure(supplier.members.staff.caller.messaging.messages.delete({ messageId: started.messageId }));
    expect([notMine.code, notMine.reason]).toEqual(['FORBIDDEN', 'NOT_YOUR_MESSAGE']);
    await author.delete({ messageId: started.messageId });
    await author.delete({ messageId: withFile.id });
    const page = await supplier.members.viewer.caller.messaging.messages.list({ conversationId: started.id });
    expect(page.items.map((m) => [m.id, m.body, m.deleted, m.attachments.length])).toEqual([
      [reply.id, 'Noted', false, 0],
      [withFile.id, null, true, 0],
      [started.messageId, null, true, 0],
    ]);
    expect(page.items[0]?.replyTo).toEqual({ id: started.messageId, preview: '', senderName: 'Test MsgDeleteBuyer-staff', deleted: true });
    expect((await supplier.members.viewer.caller.messaging.messages.history({ messageId: started.messageId })).edits).toEqual([]);
    const stored = await app.db
      .selectFrom('messages')
      .select(['body', 'deleted_at'])
      .where('id', '=', started.messageId)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe('');
    expect(stored.deleted_at).not.toBeNull();
    const toDeleted = await failure(
      supplier.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: 'Re', replyToId: started.messageId }),
    );
    expect([toDeleted.code, toDeleted.reason]).toEqual(['CONFLICT', 'MESSAGE_DELETED']);
    const editDeleted = await failure(author.edit({ messageId: started.messageId, body: 'Back' }));
    expect([editDeleted.code, editDeleted.reason]).toEqual(['CONFLICT', 'MESSAGE_DELETED']);
    // The deleted message's file is no longer readable through the conversation.
    const download = await fetch(`${http.url}/files/${file}`, { headers: { cookie: `tl_session=${supplier.members.viewer.token}` } });
    expect(download.status).toBe(404);
    const summary = (await supplier.members.viewer.caller.messaging.conversations.list({})).items.find((c) => c.id === started.id);
    expect(summary?.lastMessage).toMatchObject({ id: reply.id, preview: 'Noted', deleted: false });
  });

  it('attaches the sender’s own uploads, readable by the other company; another company’s file is not found and nothing is written', async () => {
    const { buyer, supplier } = await talkingPair(app, 'MsgFiles');
    const own = await uploaded(buyer.members.staff.token, 'lab-report.pdf');
    const theirs = await uploaded(supplier.members.staff.token, 'theirs.pdf');
    const started = await generalConversation(buyer, supplier);
    const before = [
      await rows(app, 'messages'),
      await rows(app, 'message_attachments'),
      await countRows(app, 'domain_events'),
      await countRows(app, 'jobs'),
    ];
    const foreign = await failure(
      buyer.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: 'Report', attachmentFileIds: [own, theirs] }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
    expect([
      await rows(app, 'messages'),
      await rows(app, 'message_attachments'),
      await countRows(app, 'domain_events'),
      await countRows(app, 'jobs'),
    ]).toEqual(before);
    const sent = await buyer.members.staff.caller.messaging.messages.send({
      conversationId: started.id,
      body: 'Report',
      attachmentFileIds: [own],
    });
    const page = await supplier.members.viewer.caller.messaging.messages.list({ conversationId: started.id });
    expect(page.items[0]).toMatchObject({
      id: sent.id,
      attachments: [{ fileId: own, name: 'lab-report.pdf', contentType: 'application/pdf', sizeBytes: PDF.length }],
    });
    const download = await fetch(`${http.url}/files/${own}`, { headers: { cookie: `tl_session=${supplier.members.viewer.token}` } });
    expect(download.status).toBe(200);
  });

  it('a reply must be to a message of the same conversation', async () => {
    const { buyer, supplier } = await talkingPair(app, 'MsgReply');
    const one = await generalConversation(buyer, supplier, 'One');
    const two = await generalConversation(buyer, supplier, 'Two');
    const wrong = await failure(
      supplier.members.staff.caller.messaging.messages.send({ conversationId: two.id, body: 'Re', replyToId: one.messageId }),
    );
    expect(fieldErrors(wrong)).toEqual({ replyToId: ['is not a message of this conversation'] });
    const reply = await supplier.members.staff.caller.messaging.messages.send({
      conversationId: one.id,
      body: 'Re: one',
      replyToId: one.messageId,
    });
    const page = await buyer.members.viewer.caller.messaging.messages.list({ conversationId: one.id });
    expect(page.items[0]).toMatchObject({ id: reply.id, replyTo: { id: one.messageId, preview: 'One', deleted: false } });
  });

  it('a sender gets 30 messages a minute, across conversations; the 31st is refused, writes nothing, and a minute later sending works again', async () => {
    const { buyer, supplier } = await talkingPair(app, 'MsgRate');
    const one = await generalConversation(buyer, supplier, 'm1');
    const two = await generalConversation(buyer, supplier, 'm2');
    const sender = buyer.members.staff.caller.messaging.messages;
    for (let i = 3; i <= 30; i += 1) await sender.send({ conversationId: i % 2 ? one.id : two.id, body: `m${i}` });
    const before = await rows(app, 'messages');
    const refused = await failure(sender.send({ conversationId: one.id, body: 'm31' }));
    expect([refused.code, refused.reason, refused.message]).toEqual([
      'TOO_MANY_REQUESTS',
      'MESSAGE_RATE_LIMITED',
      'You can send at most 30 messages a minute. Wait a minute, then send again.',
    ]);
    expect(await rows(app, 'messages')).toBe(before);
    // Another person of the same company has their own allowance.
    await buyer.members.manager.caller.messaging.messages.send({ conversationId: one.id, body: 'from the manager' });
    app.clock.advance(MINUTE);
    await sender.send({ conversationId: one.id, body: 'm31 again' });
    expect(await rows(app, 'messages')).toBe(before + 2);
  });
});

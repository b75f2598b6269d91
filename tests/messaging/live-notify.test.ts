import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { type LiveStream, openLiveStream } from '../harness/live.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { generalConversation, talkingPair } from './messaging-fixtures.ts';

// What the other company hears: live refetch signals on its open screens, and in-app
// notifications worded for it (its own document number), to the people the job picks.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
const streams: LiveStream[] = [];
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await http.close();
  await app.close();
});

async function listen(token: string) {
  const stream = await openLiveStream(http.url, { cookie: `tl_session=${token}` });
  streams.push(stream);
  return stream;
}

async function notificationsOf(entityId: string, companyId: string) {
  return app.db
    .selectFrom('notifications')
    .select(['user_id', 'type', 'title', 'link_path'])
    .where('entity_id', '=', entityId)
    .where('company_id', '=', companyId)
    .orderBy('id')
    .execute();
}

describe('live delivery and notifications', () => {
  it('the other company’s open screens hear each new, edited and deleted message; an unrelated company hears nothing', async () => {
    const { buyer, supplier } = await talkingPair(app, 'LiveMsg');
    const outsider = await talkingPair(app, 'LiveOut');
    const supplierTab = await listen(supplier.members.viewer.token);
    const outsiderTab = await listen(outsider.buyer.members.viewer.token);
    const started = await generalConversation(buyer, supplier, 'Live hello');
    await supplierTab.waitFor((m) => m.type === 'conversation.started' && m.entityType === 'conversation' && m.entityId === started.id);
    const sent = await buyer.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: 'Are you there?' });
    await supplierTab.waitFor((m) => m.type === 'message.sent' && m.entityId === started.id);
    await buyer.members.staff.caller.messaging.messages.edit({ messageId: sent.id, body: 'Are you there now?' });
    await supplierTab.waitFor((m) => m.type === 'message.edited' && m.entityId === started.id);
    await buyer.members.staff.caller.messaging.messages.delete({ messageId: sent.id });
    await supplierTab.waitFor((m) => m.type === 'message.deleted' && m.entityId === started.id);
    // The outsider's own conversation is the marker that everything before it was delivered.
    const own = await generalConversation(outsider.buyer, outsider.supplier, 'Marker');
    await outsiderTab.waitFor((m) => m.entityId === own.id);
    expect(outsiderTab.messages.filter((m) => (m as { entityId: string }).entityId === started.id)).toEqual([]);
  });

  it('a new conversation tells every member who may read; a message then tells only the members who took part', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'NotifyOrder');
    const order = await buyer.members.staff.caller.orders.create({ supplierId: supplier.id, lines: [yarnLine(product.id)] });
    await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    const numbers = await app.db
      .selectFrom('orders')
      .select(['buyer_number', 'supplier_number'])
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    const body = `Please confirm the dispatch date for the full quantity of combed yarn, packed in 50 kg bags, before Friday`;
    const started = await buyer.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: supplier.id,
      about: { type: 'order', id: order.id },
      body,
    });
    await app.runner.drain();
    const opening = await notificationsOf(started.id, supplier.id);
    const everyone = Object.values(supplier.members).map((member) => member.id);
    expect(opening.map((n) => n.user_id).sort()).toEqual([...everyone].sort());
    expect(opening[0]).toMatchObject({
      type: 'conversation.started',
      title: `${buyer.name} started a conversation about ${numbers.supplier_number}: Please confirm the dispatch date for the full quantity of combed yarn, packed in…`,
      link_path: `/messages/${started.id}`,
    });
    // Nobody at the buyer is told of its own message.
    expect(await notificationsOf(started.id, buyer.id)).toEqual([]);

    // The supplier's manager reads it; staff answers. The buyer's next message reaches only those two.
    await supplier.members.manager.caller.messaging.conversations.markRead({ conversationId: started.id });
    await supplier.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: 'Friday works' });
    await app.runner.drain();
    const answer = (await notificationsOf(started.id, buyer.id)).filter((n) => n.type === 'message.sent');
    // No one at the buyer besides its writer took part, and the writer is who the job tells.
    expect(answer.map((n) => n.user_id)).toEqual([buyer.members.staff.id]);
    expect(answer[0]?.title).toBe(`${supplier.name} wrote on ${numbers.buyer_number}: Friday works`);
    await buyer.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: 'Thanks' });
    await app.runner.drain();
    const reply = (await notificationsOf(started.id, supplier.id)).filter((n) => n.type === 'message.sent');
    expect(reply.map((n) => n.user_id).sort()).toEqual([supplier.members.manager.id, supplier.members.staff.id].sort());
  });

  it('a message deleted before the job runs tells no one', async () => {
    const { buyer, supplier } = await talkingPair(app, 'NotifyGone');
    const started = await generalConversation(buyer, supplier, 'first');
    await app.runner.drain();
    const sent = await buyer.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: 'wrong chat' });
    await buyer.members.staff.caller.messaging.messages.delete({ messageId: sent.id });
    await app.runner.drain();
    expect((await notificationsOf(started.id, supplier.id)).map((n) => n.type)).toEqual(Array(5).fill('conversation.started'));
  });
});

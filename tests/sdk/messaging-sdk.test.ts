import { createClient, errorReason } from '@tradeloom/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';

// Two programs talk over HTTP with their companies' API keys: the buyer's starts a conversation
// with its supplier, the supplier's lists it and answers, and a read-only key cannot write.

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

it('a buyer key starts a conversation, a supplier key lists it and answers, a read-only key is refused', async () => {
  const buyer = await createCompany(app, 'SdkMsgBuyer');
  const supplier = await createCompany(app, 'SdkMsgSupplier');
  const request = await buyer.members.staff.caller.partners.requestLink({ supplierId: supplier.id });
  await supplier.members.manager.caller.partners.decide({ linkId: request.id, decision: 'accept' });
  const scopes = ['messaging:read', 'messaging:write'] as const;
  const buyerKey = await buyer.members.admin.caller.apiKeys.create({ name: 'erp', scopes: [...scopes] });
  const supplierKey = await supplier.members.admin.caller.apiKeys.create({ name: 'crm', scopes: [...scopes] });
  const readOnlyKey = await supplier.members.admin.caller.apiKeys.create({ name: 'reader', scopes: ['messaging:read'] });
  const buying = createClient({ url: http.url, apiKey: buyerKey.key });
  const selling = createClient({ url: http.url, apiKey: supplierKey.key });
  const reading = createClient({ url: http.url, apiKey: readOnlyKey.key });

  const started = await buying.messaging.conversations.start.mutate({ partnerCompanyId: supplier.id, body: 'PO 7 ships when?' });
  const inbox = await selling.messaging.conversations.list.query({});
  expect(inbox.items.map((c) => [c.id, c.unread, c.lastMessage?.preview, c.lastMessage?.senderName])).toEqual([
    [started.id, 1, 'PO 7 ships when?', 'API key'],
  ]);
  const answer = await selling.messaging.messages.send.mutate({
    conversationId: started.id,
    body: 'Tuesday',
    replyToId: started.messageId,
  });
  const page = await buying.messaging.messages.list.query({ conversationId: started.id });
  expect(page.items.map((m) => [m.id, m.body, m.sender.companyId, m.replyTo?.id ?? null])).toEqual([
    [answer.id, 'Tuesday', supplier.id, started.messageId],
    [started.messageId, 'PO 7 ships when?', buyer.id, null],
  ]);
  expect(page.nextCursor).toBeNull();

  const refused = await reading.messaging.messages.send.mutate({ conversationId: started.id, body: 'Hi' }).catch((error: unknown) => error);
  expect(errorReason(refused)).toBe('PERMISSION_DENIED');
  expect((await reading.messaging.messages.list.query({ conversationId: started.id })).items).toHaveLength(2);
});

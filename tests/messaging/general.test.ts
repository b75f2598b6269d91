import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { expectNotFound, generalConversation, link, rows, talkingPair } from './messaging-fixtures.ts';

// General conversations: between companies with an active partner link, and no one else.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('general conversations between partners', () => {
  it('partners talk; a company with no link is told the partner does not exist, and nothing is written', async () => {
    const { buyer, supplier } = await talkingPair(app, 'GenStart');
    const stranger = await createCompany(app, 'GenStranger');
    const started = await buyer.members.staff.caller.messaging.conversations.start({
      partnerCompanyId: supplier.id,
      subject: 'Lot 4 grading',
      body: 'Can we talk about lot 4?',
    });
    const view = await supplier.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(view).toMatchObject({
      id: started.id,
      subject: 'Lot 4 grading',
      about: null,
      companies: [
        { id: buyer.id, name: buyer.name },
        { id: supplier.id, name: supplier.name },
      ],
      lastMessage: { id: started.messageId, preview: 'Can we talk about lot 4?', deleted: false, senderCompanyName: buyer.name },
      unread: 1,
      canSend: true,
    });
    const before = [await rows(app, 'conversations'), await rows(app, 'messages')];
    await expectNotFound(stranger.members.staff.caller.messaging.conversations.start({ partnerCompanyId: supplier.id, body: 'Hi' }));
    await expectNotFound(stranger.members.staff.caller.messaging.conversations.get({ conversationId: started.id }));
    expect([await rows(app, 'conversations'), await rows(app, 'messages')]).toEqual(before);
  });

  it('after unlinking the conversation still reads, but takes no new message (PARTNER_NOT_LINKED) and no new start', async () => {
    const { buyer, supplier, linkId } = await talkingPair(app, 'GenUnlink');
    const started = await generalConversation(buyer, supplier);
    await supplier.members.manager.caller.partners.unlink({ linkId });
    const view = await buyer.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(view.canSend).toBe(false);
    expect((await buyer.members.viewer.caller.messaging.messages.list({ conversationId: started.id })).items.map((m) => m.body)).toEqual([
      'Hello from the buyer',
    ]);
    const refused = await failure(
      supplier.members.staff.caller.messaging.messages.send({ conversationId: started.id, body: 'Still there?' }),
    );
    expect([refused.code, refused.reason]).toEqual(['CONFLICT', 'PARTNER_NOT_LINKED']);
    await expectNotFound(buyer.members.staff.caller.messaging.conversations.start({ partnerCompanyId: supplier.id, body: 'Again' }));
    expect((await buyer.members.viewer.caller.messaging.messages.list({ conversationId: started.id })).items).toHaveLength(1);
  });

  it('a party adds one of its own partners, who then reads the whole conversation; a company not linked to the adder cannot be added', async () => {
    const { buyer, supplier } = await talkingPair(app, 'GenAdd');
    const transporter = await createCompany(app, 'GenTransporter');
    const outsider = await createCompany(app, 'GenOutsider');
    await link(buyer, transporter);
    const started = await generalConversation(buyer, supplier, 'Pickup on Monday');
    const canAdd = (await buyer.members.staff.caller.messaging.conversations.get({ conversationId: started.id })).canAdd;
    expect(canAdd).toEqual([{ id: transporter.id, name: transporter.name }]);
    await expectNotFound(
      supplier.members.staff.caller.messaging.conversations.addCompany({ conversationId: started.id, companyId: transporter.id }),
    );
    await expectNotFound(
      buyer.members.staff.caller.messaging.conversations.addCompany({ conversationId: started.id, companyId: outsider.id }),
    );
    await buyer.members.staff.caller.messaging.conversations.addCompany({ conversationId: started.id, companyId: transporter.id });
    const seen = await transporter.members.viewer.caller.messaging.conversations.get({ conversationId: started.id });
    expect(seen.companies.map((c) => c.id)).toEqual([buyer.id, supplier.id, transporter.id]);
    expect(
      (await transporter.members.viewer.caller.messaging.messages.list({ conversationId: started.id })).items.map((m) => m.body),
    ).toEqual(['Pickup on Monday']);
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', started.id)
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['conversation.started', 'conversation.company_added']);
    expect(audit[1]?.after).toEqual({ companyId: transporter.id });
  });

  it('bad input names the field; starting with one’s own company is refused', async () => {
    const { buyer } = await talkingPair(app, 'GenInput');
    const caller = buyer.members.staff.caller.messaging.conversations;
    const own = await failure(caller.start({ partnerCompanyId: buyer.id, body: 'Me' }));
    expect(fieldErrors(own)).toEqual({ partnerCompanyId: ['must be another company than your own'] });
    const blank = await failure(caller.start({ partnerCompanyId: buyer.id, body: '   ' }));
    expect(fieldErrors(blank)).toEqual({ body: ['is required'] });
    const long = await failure(caller.start({ partnerCompanyId: buyer.id, body: 'x'.repeat(4001) }));
    expect(fieldErrors(long)).toEqual({ body: ['must be at most 4000 characters'] });
  });

  it('a viewer reads but cannot write', async () => {
    const { buyer, supplier } = await talkingPair(app, 'GenViewer');
    const started = await generalConversation(buyer, supplier);
    const refused = await failure(supplier.members.viewer.caller.messaging.messages.send({ conversationId: started.id, body: 'Hi' }));
    expect(refused.code).toBe('FORBIDDEN');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany } from '../harness/factories.ts';
import { tradingPair, yarnLine } from '../orders/order-fixtures.ts';
import { kindsFor, tell } from './notify-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('who hears of it', () => {
  it('tells only the members whose role holds the kind’s permission', async () => {
    const company = await createCompany(app, 'Roles');
    await tell(app, { companyId: company.id, kind: 'reminder.certification_expiring' });
    await tell(app, { companyId: company.id, kind: 'complaint.escalated' });
    await tell(app, { companyId: company.id, kind: 'order.shipped' });
    const heard = Object.fromEntries(
      await Promise.all(Object.entries(company.members).map(async ([role, user]) => [role, await kindsFor(user)] as const)),
    );
    // kyc:read and support:manage start at manager; orders:read reaches everyone.
    expect(heard).toEqual({
      owner: ['order.shipped', 'complaint.escalated', 'reminder.certification_expiring'],
      admin: ['order.shipped', 'complaint.escalated', 'reminder.certification_expiring'],
      manager: ['order.shipped', 'complaint.escalated', 'reminder.certification_expiring'],
      staff: ['order.shipped'],
      viewer: ['order.shipped'],
    });
  });

  it('does not tell the person who acted, and tells only the people named when the caller names them', async () => {
    const company = await createCompany(app, 'Named');
    await tell(app, { companyId: company.id, kind: 'message.sent', excludeUserId: company.members.staff.id });
    await tell(app, { companyId: company.id, kind: 'complaint.assigned', userIds: [company.members.staff.id, company.members.viewer.id] });
    expect(await kindsFor(company.members.staff)).toEqual(['complaint.assigned']);
    expect(await kindsFor(company.members.viewer)).toEqual(['complaint.assigned', 'message.sent']);
    expect(await kindsFor(company.members.manager)).toEqual(['message.sent']);
  });

  it('never tells a person twice for the same cause', async () => {
    const company = await createCompany(app, 'Twice');
    const request = { companyId: company.id, kind: 'order.shipped' as const, dedupeKey: 'test:same-cause', entityId: 'x' };
    await tell(app, request);
    await tell(app, request);
    expect(await kindsFor(company.members.viewer)).toEqual(['order.shipped']);
    // Nor emails them twice: one delivery per person (order.shipped is emailed by default).
    const deliveries = await app.db.selectFrom('notification_deliveries').select('user_id').where('company_id', '=', company.id).execute();
    expect(deliveries).toHaveLength(5);
  });

  it('tells the buyer’s members of an order in the branch it ships to; members with no branch hear of all', async () => {
    const { buyer, supplier, product } = await tradingPair(app, 'Branch');
    const [headOffice] = (await buyer.members.admin.caller.companies.branches.list()).filter((branch) => branch.isHeadOffice);
    const surat = await buyer.members.admin.caller.companies.branches.create({ name: 'Surat', country: 'IN' });
    const bind = (userId: string, branchIds: string[]) =>
      app.db
        .updateTable('memberships')
        .set({ branch_ids: branchIds })
        .where('company_id', '=', buyer.id)
        .where('user_id', '=', userId)
        .execute();
    await bind(buyer.members.staff.id, [surat.id]);
    await bind(buyer.members.manager.id, [headOffice?.id ?? '']);
    const order = await buyer.members.staff.caller.orders.create({
      supplierId: supplier.id,
      shipToBranchId: surat.id,
      lines: [yarnLine(product.id)],
    });
    const sent = await buyer.members.staff.caller.orders.transition({ orderId: order.id, action: 'submit', version: order.version });
    await supplier.members.manager.caller.orders.transition({ orderId: order.id, action: 'accept', version: sent.version });
    await app.runner.drain();
    expect(await kindsFor(buyer.members.viewer)).toContain('order.accepted');
    expect(await kindsFor(buyer.members.staff)).toContain('order.accepted');
    expect(await kindsFor(buyer.members.manager)).not.toContain('order.accepted');
    // The supplier's members are told of the submission whatever the buyer's branch.
    expect(await kindsFor(supplier.members.viewer)).toContain('order.submitted');
  });
});

describe('read state', () => {
  it('is each person’s: one member reading does not mark another’s, and each bell counts its own', async () => {
    const company = await createCompany(app, 'Reads');
    await tell(app, { companyId: company.id, kind: 'order.shipped' });
    await tell(app, { companyId: company.id, kind: 'order.delivered' });
    const staffInbox = await company.members.staff.caller.notifications.list({});
    expect(staffInbox.unread).toBe(2);
    expect(await company.members.staff.caller.notifications.markRead({ ids: [staffInbox.items[0]?.id ?? 0] })).toEqual({ marked: 1 });
    expect((await company.members.staff.caller.notifications.list({})).unread).toBe(1);
    expect((await company.members.viewer.caller.notifications.list({})).unread).toBe(2);
    // Marking another person's notification read by its id marks nothing.
    const viewerIds = (await company.members.viewer.caller.notifications.list({})).items.map((item) => item.id);
    expect(await company.members.staff.caller.notifications.markRead({ ids: viewerIds })).toEqual({ marked: 0 });
    expect((await company.members.viewer.caller.notifications.list({ unreadOnly: true })).items.map((item) => item.id)).toEqual(viewerIds);
  });
});

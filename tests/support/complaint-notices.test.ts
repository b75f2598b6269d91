import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { type ComplaintWorld, complaintNotices, fileOnOrder, orderWorld } from './complaint-fixtures.ts';

// What each side hears of a complaint (support.notify): the supplier of what the buyer files,
// reopens and writes; the buyer of what the supplier decides; the assignee of their assignment.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const everyone = (company: ComplaintWorld['buyer']) => Object.values(company.members).map((member) => member.id);

/** The notices of one type: who got them (sorted) and the one title they share. */
async function heard(companyId: string, complaintId: string, type: string) {
  const notices = (await complaintNotices(app, companyId, complaintId)).filter((notice) => notice.type === type);
  return { users: notices.map((notice) => notice.user_id).sort(), titles: [...new Set(notices.map((notice) => notice.title))] };
}

describe('complaint notifications', () => {
  it('tells the other side, worded for it, linking to the complaint', async () => {
    const world = await orderWorld(app, 'Notices');
    const filed = await fileOnOrder(world);
    const filedNotices = await complaintNotices(app, world.supplier.id, filed.id);
    expect(filedNotices.map((notice) => notice.link_path)).toEqual(everyone(world.supplier).map(() => `/complaints/${filed.id}`));
    expect(await heard(world.supplier.id, filed.id, 'complaint.filed')).toEqual({
      users: everyone(world.supplier).sort(),
      titles: [`${world.buyer.name} filed complaint ${filed.number} (Quality)`],
    });
    expect(await complaintNotices(app, world.buyer.id, filed.id)).toEqual([]);

    const rep = world.supplier.members.staff;
    await world.supplier.members.manager.caller.support.complaints.assign({ complaintId: filed.id, assigneeUserId: rep.id, version: 1 });
    expect(await heard(world.supplier.id, filed.id, 'complaint.assigned')).toEqual({
      users: [rep.id],
      titles: [`Complaint ${filed.number} from ${world.buyer.name} is assigned to you`],
    });
    expect(await heard(world.buyer.id, filed.id, 'complaint.assigned')).toEqual({
      users: everyone(world.buyer).sort(),
      titles: [`${world.supplier.name} is reviewing your complaint ${filed.number}`],
    });

    // An internal note tells nobody; a shared one tells the other side.
    await rep.caller.support.complaints.addNote({ complaintId: filed.id, body: 'Ask dispatch', internal: true });
    await rep.caller.support.complaints.addNote({ complaintId: filed.id, body: 'Samples on the way' });
    expect(await heard(world.buyer.id, filed.id, 'complaint.noted')).toEqual({
      users: everyone(world.buyer).sort(),
      titles: [`${world.supplier.name} wrote on your complaint ${filed.number}`],
    });
    expect((await heard(world.supplier.id, filed.id, 'complaint.noted')).users).toEqual([]);

    await rep.caller.support.complaints.resolve({
      complaintId: filed.id,
      version: 2,
      resolution: 'credit_note',
      creditAmount: '2500',
      note: 'Credit',
    });
    expect(await heard(world.buyer.id, filed.id, 'complaint.resolved')).toEqual({
      users: everyone(world.buyer).sort(),
      titles: [`${world.supplier.name} resolved your complaint ${filed.number}: Credit note`],
    });

    // The buyer's staff reopens: the supplier hears of it, the person who acted does not hear of their own act.
    await world.buyer.members.staff.caller.support.complaints.reopen({ complaintId: filed.id, version: 3, reason: 'No credit yet' });
    expect(await heard(world.supplier.id, filed.id, 'complaint.reopened')).toEqual({
      users: everyone(world.supplier).sort(),
      titles: [`${world.buyer.name} reopened complaint ${filed.number}`],
    });

    await world.buyer.members.staff.caller.support.complaints.escalate({ complaintId: filed.id, note: 'Third week' });
    expect(await heard(world.supplier.id, filed.id, 'complaint.escalated')).toEqual({
      users: [world.supplier.members.owner.id, world.supplier.members.admin.id, world.supplier.members.manager.id].sort(),
      titles: [`${world.buyer.name} escalated complaint ${filed.number}`],
    });
    expect(await heard(world.buyer.id, filed.id, 'complaint.escalated')).toEqual({
      users: [world.buyer.members.owner.id, world.buyer.members.admin.id, world.buyer.members.manager.id].sort(),
      titles: [`Your complaint ${filed.number} was escalated to ${world.supplier.name}’s managers`],
    });

    // Running the jobs again tells nobody twice.
    const before = (await complaintNotices(app, world.supplier.id, filed.id)).length;
    const requeued = await app.db
      .updateTable('jobs')
      .set({ status: 'pending', finished_at: null })
      .where('queue', '=', 'support.notify')
      .where('status', '=', 'done')
      .executeTakeFirst();
    expect(Number(requeued.numUpdatedRows)).toBeGreaterThanOrEqual(7);
    expect((await complaintNotices(app, world.supplier.id, filed.id)).length).toBe(before);
  });

  it('tells the buyer of a rejection', async () => {
    const world = await orderWorld(app, 'RejectNotice');
    const filed = await fileOnOrder(world);
    await world.supplier.members.staff.caller.support.complaints.reject({ complaintId: filed.id, version: 1, reason: 'Outside warranty' });
    expect(await heard(world.buyer.id, filed.id, 'complaint.rejected')).toEqual({
      users: everyone(world.buyer).sort(),
      titles: [`${world.supplier.name} rejected your complaint ${filed.number}`],
    });
  });
});

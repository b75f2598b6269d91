import { createDb, type DbHandle } from '@tradeloom/db';
import { createLogger, JobRunner, jobHandlers } from '@tradeloom/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../server/src/jobs.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import { escalateOverdueComplaints } from '../../server/src/modules/support/sla-clock.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import {
  type ComplaintWorld,
  complaintAudits,
  complaintEvents,
  complaintNotices,
  complaintRow,
  fileOnOrder,
  HOUR,
  orderWorld,
} from './complaint-fixtures.ts';

// The complaints' clock: a schedule escalates complaints whose first response or resolution
// deadline passed (once, however many runners race) and reminds whoever must act 4 hours ahead
// (once per person and deadline).

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
  await registerSchedules(app.db, app.clock, SCHEDULES);
});
afterAll(() => app.close());

const MINUTE = 60_000;

/** Moves the clock on and runs what fell due (the clock's schedule ticks every 5 minutes). */
async function tick(ms: number) {
  app.clock.advance(ms);
  await app.runner.drain();
}

/** The supplier answers `billing` complaints within `first` hours and settles them within `resolution`. */
async function billingPolicy(world: ComplaintWorld, first: number, resolution: number) {
  await world.supplier.members.admin.caller.support.sla.set({
    policies: [{ category: 'billing', firstResponseHours: first, resolutionHours: resolution }],
  });
}

const managersOf = (world: ComplaintWorld) =>
  [world.supplier.members.owner.id, world.supplier.members.admin.id, world.supplier.members.manager.id].sort();

describe('escalation by the clock', () => {
  it('escalates an unanswered complaint once its first response deadline passes, as the system, telling managers and the buyer', async () => {
    const world = await orderWorld(app, 'FirstSla');
    await billingPolicy(world, 2, 48);
    const filed = await fileOnOrder(world, { category: 'billing' });
    await tick(2 * HOUR - 10 * MINUTE);
    expect((await complaintRow(app, filed.id)).escalated_at).toBeNull();

    await tick(20 * MINUTE);
    const row = await complaintRow(app, filed.id);
    expect([row.escalation_reason, row.status, row.version]).toEqual(['first_response_sla', 'open', 2]);
    // Later ticks change nothing.
    await tick(10 * MINUTE);
    const escalations = (await complaintEvents(app, filed.id)).filter((event) => event.type === 'complaint.escalated');
    expect(escalations).toEqual([
      {
        type: 'complaint.escalated',
        company_id: world.supplier.id,
        actor_user_id: null,
        payload: {
          buyerCompanyId: world.buyer.id,
          supplierCompanyId: world.supplier.id,
          actorCompanyId: world.supplier.id,
          document: filed.number,
          reason: 'first_response_sla',
        },
      },
    ]);
    expect((await complaintAudits(app, filed.id)).filter((audit) => audit.action === 'complaint.escalated')).toEqual([
      {
        action: 'complaint.escalated',
        company_id: world.supplier.id,
        actor_user_id: null,
        before: { status: 'open' },
        after: { status: 'open', escalationReason: 'first_response_sla' },
      },
    ]);
    const view = await world.buyer.members.staff.caller.support.complaints.get({ complaintId: filed.id });
    expect(view).toMatchObject({ escalated: true, escalationReason: 'first_response_sla', sla: 'breached' });
    expect(view.entries.at(-1)).toMatchObject({
      kind: 'escalated',
      author: null,
      company: { id: world.supplier.id },
      body: 'The first response deadline passed.',
    });

    const supplierNotices = (await complaintNotices(app, world.supplier.id, filed.id)).filter(
      (notice) => notice.type === 'complaint.escalated',
    );
    expect(supplierNotices.map((notice) => notice.user_id).sort()).toEqual(managersOf(world));
    expect(supplierNotices[0]?.title).toBe(
      `Complaint ${filed.number} from ${world.buyer.name} is escalated: its first response deadline passed`,
    );
    const buyerNotices = (await complaintNotices(app, world.buyer.id, filed.id)).filter((notice) => notice.type === 'complaint.escalated');
    expect(buyerNotices.map((notice) => notice.user_id).sort()).toEqual(
      [world.buyer.members.owner.id, world.buyer.members.admin.id, world.buyer.members.manager.id].sort(),
    );
    expect(buyerNotices[0]?.title).toBe(
      `Your complaint ${filed.number} is escalated: ${world.supplier.name} missed its first response deadline`,
    );
  });

  it('escalates an answered complaint when its resolution deadline passes; leaves a closed one alone', async () => {
    const world = await orderWorld(app, 'ResolutionSla');
    await billingPolicy(world, 1, 3);
    const answered = await fileOnOrder(world, { category: 'billing' });
    const closed = await fileOnOrder(world, { category: 'billing' });
    await world.supplier.members.manager.caller.support.complaints.assign({
      complaintId: answered.id,
      assigneeUserId: world.supplier.members.staff.id,
      version: 1,
    });
    await world.supplier.members.staff.caller.support.complaints.resolve({
      complaintId: closed.id,
      version: 1,
      resolution: 'none',
      note: 'Invoice was right',
    });
    await tick(2 * HOUR);
    expect((await complaintRow(app, answered.id)).escalated_at).toBeNull();
    await tick(HOUR + 10 * MINUTE);
    expect((await complaintRow(app, answered.id)).escalation_reason).toBe('resolution_sla');
    expect((await complaintRow(app, closed.id)).escalated_at).toBeNull();
  });

  it('two runners racing on one database escalate each complaint exactly once', async () => {
    const world = await orderWorld(app, 'Race');
    await billingPolicy(world, 1, 2);
    const complaints = [await fileOnOrder(world, { category: 'billing' }), await fileOnOrder(world, { category: 'billing' })];
    const second = new JobRunner(app.db, app.clock, jobHandlers(app.deps), createLogger('silent'), { workerId: 'second' });
    app.clock.advance(HOUR + 10 * MINUTE);
    const request = { requestId: 'race', ip: null, userAgent: null };
    await Promise.all([
      app.runner.drain(),
      second.drain(),
      escalateOverdueComplaints(app.db, app.clock, request),
      escalateOverdueComplaints(app.db, app.clock, request),
    ]);
    for (const complaint of complaints) {
      const events = (await complaintEvents(app, complaint.id)).filter((event) => event.type === 'complaint.escalated');
      const audits = (await complaintAudits(app, complaint.id)).filter((audit) => audit.action === 'complaint.escalated');
      expect([events.length, audits.length, (await complaintRow(app, complaint.id)).version]).toEqual([1, 1, 2]);
    }
  });
});

describe('reminders', () => {
  it('reminds the supplier’s managers of an unassigned first response, then the assignee of the resolution, once each', async () => {
    const world = await orderWorld(app, 'Remind');
    await billingPolicy(world, 8, 12);
    const filed = await fileOnOrder(world, { category: 'billing' });
    const reminders = async () =>
      (await complaintNotices(app, world.supplier.id, filed.id))
        .filter((notice) => notice.type === 'reminder.complaint_sla_due')
        .map((notice) => [notice.dedupe_key, notice.user_id, notice.link_path]);
    await tick(HOUR);
    expect(await reminders()).toEqual([]);

    // 3 h 50 min before the first response is due: each manager is reminded, once.
    await tick(3 * HOUR + 10 * MINUTE);
    await tick(10 * MINUTE);
    const firstKey = `reminder:complaint_sla_due:${filed.id}:first_response`;
    expect((await reminders()).sort()).toEqual(
      managersOf(world)
        .map((userId) => [firstKey, userId, `/complaints/${filed.id}`])
        .sort(),
    );

    const rep = world.supplier.members.staff;
    await world.supplier.members.manager.caller.support.complaints.assign({ complaintId: filed.id, assigneeUserId: rep.id, version: 1 });
    // 3 h 40 min before the resolution is due: only the assignee, once.
    await tick(4 * HOUR);
    await tick(10 * MINUTE);
    const resolutionKey = `reminder:complaint_sla_due:${filed.id}:resolution`;
    expect((await reminders()).filter(([key]) => key === resolutionKey)).toEqual([[resolutionKey, rep.id, `/complaints/${filed.id}`]]);
    expect(await reminders()).toHaveLength(4);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('two processes on PostgreSQL', () => {
  let second: DbHandle;
  beforeAll(async () => {
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(app.db);
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${rows[0]?.name}`;
    second = await createDb({ databaseUrl: url.toString() });
  });
  afterAll(() => second?.close());

  it('escalates concurrently from two connection pools once per complaint', async () => {
    const world = await orderWorld(app, 'Pools');
    await billingPolicy(world, 1, 2);
    const ids = [(await fileOnOrder(world, { category: 'billing' })).id, (await fileOnOrder(world, { category: 'billing' })).id];
    app.clock.advance(HOUR + 10 * MINUTE);
    const request = { requestId: 'pools', ip: null, userAgent: null };
    const [first, other] = await Promise.all([
      escalateOverdueComplaints(app.db, app.clock, request),
      escalateOverdueComplaints(second.db, app.clock, request),
    ]);
    expect([...first, ...other].filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect((await complaintEvents(app, id)).filter((event) => event.type === 'complaint.escalated')).toHaveLength(1);
    }
  });
});

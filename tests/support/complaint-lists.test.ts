import { slaState } from '@tradeloom/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaStateOf } from '../../server/src/modules/support/complaint-records.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { fileOnOrder, HOUR, orderWorld } from './complaint-fixtures.ts';

// Lists with SLA states (the SQL and the shared rule agree), filters and keyset pages; the
// summary per counterparty; SLA policies.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const MINUTE = 60_000;

/** Places a complaint's clock: filed `ageMs` ago with deadlines at the offsets given (from now). */
async function placeClock(
  id: string,
  clock: { ageMs: number; firstResponseInMs: number; resolutionInMs: number; respondedAgoMs?: number; closedAgoMs?: number },
) {
  const now = app.clock.now().getTime();
  // created_at is written once by the app; a test moves it back by hand.
  await sql`update complaints set created_at = ${new Date(now - clock.ageMs)} where id = ${id}`.execute(app.db);
  await app.db
    .updateTable('complaints')
    .set({
      first_response_due_at: new Date(now + clock.firstResponseInMs),
      resolution_due_at: new Date(now + clock.resolutionInMs),
      first_responded_at: clock.respondedAgoMs === undefined ? null : new Date(now - clock.respondedAgoMs),
      closed_at: clock.closedAgoMs === undefined ? null : new Date(now - clock.closedAgoMs),
    })
    .where('id', '=', id)
    .execute();
}

describe('the SLA state', () => {
  it('reads the same in SQL as the shared rule, at every edge', async () => {
    const world = await orderWorld(app, 'SlaEdges');
    const filed = await fileOnOrder(world);
    const cases = [
      // on time: 10 h left of a 24 h window
      { ageMs: 14 * HOUR, firstResponseInMs: 10 * HOUR, resolutionInMs: 100 * HOUR },
      // due soon: a quarter of a 2 h window is 30 min; 29 min left
      { ageMs: 91 * MINUTE, firstResponseInMs: 29 * MINUTE, resolutionInMs: 10 * HOUR },
      // on time: 31 min left of that window
      { ageMs: 89 * MINUTE, firstResponseInMs: 31 * MINUTE, resolutionInMs: 10 * HOUR },
      // due soon: at most 4 hours even in a long window
      { ageMs: 100 * HOUR, firstResponseInMs: 3 * HOUR, resolutionInMs: 30 * HOUR, respondedAgoMs: undefined },
      // answered in time: the response deadline no longer counts; the resolution is 3 h out of 120 → due soon
      { ageMs: 117 * HOUR, firstResponseInMs: -93 * HOUR, resolutionInMs: 3 * HOUR, respondedAgoMs: 100 * HOUR },
      // breached: the first response deadline passed unanswered
      { ageMs: 25 * HOUR, firstResponseInMs: -HOUR, resolutionInMs: 95 * HOUR },
      // breached: answered late still counts as missed
      { ageMs: 30 * HOUR, firstResponseInMs: -6 * HOUR, resolutionInMs: 90 * HOUR, respondedAgoMs: HOUR },
      // closed in time: on time for good
      { ageMs: 30 * HOUR, firstResponseInMs: -6 * HOUR, resolutionInMs: 90 * HOUR, respondedAgoMs: 20 * HOUR, closedAgoMs: 10 * HOUR },
      // closed after the resolution deadline: breached
      { ageMs: 30 * HOUR, firstResponseInMs: -6 * HOUR, resolutionInMs: -2 * HOUR, respondedAgoMs: 20 * HOUR, closedAgoMs: HOUR },
    ];
    const states = [];
    for (const clock of cases) {
      await placeClock(filed.id, clock);
      const now = app.clock.now();
      const row = await app.db
        .selectFrom('complaints as c')
        .select([
          'created_at',
          'first_response_due_at',
          'resolution_due_at',
          'first_responded_at',
          'closed_at',
          slaStateOf('c', now).as('sla'),
        ])
        .where('c.id', '=', filed.id)
        .executeTakeFirstOrThrow();
      const shared = slaState(
        {
          createdAt: row.created_at,
          firstResponseDueAt: row.first_response_due_at,
          resolutionDueAt: row.resolution_due_at,
          firstRespondedAt: row.first_responded_at,
          closedAt: row.closed_at,
        },
        now,
      );
      expect(row.sla).toBe(shared);
      states.push(shared);
    }
    expect(states).toEqual(['on_time', 'due_soon', 'on_time', 'due_soon', 'due_soon', 'breached', 'breached', 'on_time', 'breached']);
  });
});

describe('listing complaints', () => {
  it('filters by side, status, category, SLA state, assignee, escalation, document and words', async () => {
    const world = await orderWorld(app, 'Lists');
    const onTime = await fileOnOrder(world, { category: 'quality', description: 'Cones crushed in transit' });
    const dueSoon = await fileOnOrder(world, { category: 'billing', description: 'GST charged twice' });
    const breached = await fileOnOrder(world, { category: 'other', description: 'Packing list missing' });
    const resolved = await fileOnOrder(world, { category: 'quality', description: 'Shade variation' });
    await placeClock(dueSoon.id, { ageMs: 21 * HOUR, firstResponseInMs: 3 * HOUR, resolutionInMs: 99 * HOUR });
    await placeClock(breached.id, { ageMs: 25 * HOUR, firstResponseInMs: -HOUR, resolutionInMs: 95 * HOUR });
    const rep = world.supplier.members.staff;
    await world.supplier.members.manager.caller.support.complaints.assign({ complaintId: dueSoon.id, assigneeUserId: rep.id, version: 1 });
    await world.supplier.members.staff.caller.support.complaints.resolve({
      complaintId: resolved.id,
      version: 1,
      resolution: 'replacement',
      note: 'Replaced',
    });
    await world.buyer.members.staff.caller.support.complaints.escalate({ complaintId: breached.id });

    const ids = async (caller: typeof rep.caller, input: Parameters<typeof rep.caller.support.complaints.list>[0]) =>
      (await caller.support.complaints.list(input)).items.map((item) => item.id);
    const buyer = world.buyer.members.viewer.caller;
    const supplier = world.supplier.members.viewer.caller;
    // Newest filed first (the placed clocks moved two filings back in time).
    expect(await ids(buyer, {})).toEqual([resolved.id, onTime.id, dueSoon.id, breached.id]);
    expect(await ids(buyer, { side: 'filed' })).toEqual([resolved.id, onTime.id, dueSoon.id, breached.id]);
    expect(await ids(buyer, { side: 'received' })).toEqual([]);
    expect(await ids(supplier, { side: 'received' })).toEqual([resolved.id, onTime.id, dueSoon.id, breached.id]);
    expect(await ids(supplier, { status: 'in_review' })).toEqual([dueSoon.id]);
    expect(await ids(supplier, { category: 'quality' })).toEqual([resolved.id, onTime.id]);
    expect(await ids(supplier, { sla: 'on_time' })).toEqual([resolved.id, onTime.id, dueSoon.id]);
    expect(await ids(supplier, { sla: 'breached' })).toEqual([breached.id]);
    expect(await ids(rep.caller, { assignedToMe: true })).toEqual([dueSoon.id]);
    expect(await ids(world.supplier.members.manager.caller, { assignedToMe: true })).toEqual([]);
    expect(await ids(supplier, { escalated: true })).toEqual([breached.id]);
    expect(await ids(supplier, { escalated: false })).toEqual([resolved.id, onTime.id, dueSoon.id]);
    expect(await ids(supplier, { q: 'gst charged' })).toEqual([dueSoon.id]);
    expect(await ids(supplier, { q: breached.number })).toEqual([breached.id]);
    expect(await ids(supplier, { q: world.order.buyerNumber })).toHaveLength(4);
    expect(await ids(supplier, { about: { type: 'order', id: world.order.id } })).toHaveLength(4);
    expect(await ids(world.stranger.members.owner.caller, {})).toEqual([]);

    const items = (await supplier.support.complaints.list({})).items;
    expect(items.map((item) => [item.number, item.sla, item.escalated, item.assignee?.id ?? null])).toEqual([
      [resolved.number, 'on_time', false, null],
      [onTime.number, 'on_time', false, null],
      [dueSoon.number, 'on_time', false, rep.id],
      [breached.number, 'breached', true, null],
    ]);
  });

  it('shows due soon until the first response comes', async () => {
    const world = await orderWorld(app, 'DueSoon');
    const filed = await fileOnOrder(world);
    await placeClock(filed.id, { ageMs: 21 * HOUR, firstResponseInMs: 3 * HOUR, resolutionInMs: 99 * HOUR });
    const supplier = world.supplier.members.viewer.caller;
    expect((await supplier.support.complaints.list({ sla: 'due_soon' })).items.map((item) => item.id)).toEqual([filed.id]);
    await world.supplier.members.staff.caller.support.complaints.addNote({ complaintId: filed.id, body: 'On it' });
    expect((await supplier.support.complaints.list({ sla: 'due_soon' })).items).toEqual([]);
  });

  it('pages newest first without repeats', async () => {
    const world = await orderWorld(app, 'Pages');
    const filed = [];
    for (let index = 0; index < 5; index += 1) filed.push((await fileOnOrder(world)).id);
    const caller = world.buyer.members.viewer.caller;
    const first = await caller.support.complaints.list({ limit: 2 });
    const second = await caller.support.complaints.list({ limit: 2, cursor: first.nextCursor as string });
    const third = await caller.support.complaints.list({ limit: 2, cursor: second.nextCursor as string });
    expect([...first.items, ...second.items, ...third.items].map((item) => item.id)).toEqual([...filed].reverse());
    expect(third.nextCursor).toBeNull();
    const forged = await failure(caller.support.complaints.list({ cursor: 'bm9wZQ' }));
    expect([forged.code, forged.reason]).toEqual(['BAD_REQUEST', 'CURSOR_INVALID']);
  });
});

describe('the summary per counterparty', () => {
  it('counts open, resolved, rejected and breached, and the median hours to close', async () => {
    const world = await orderWorld(app, 'Summary');
    const complaints = [];
    for (let index = 0; index < 5; index += 1) complaints.push(await fileOnOrder(world));
    // The first stays open, untouched.
    const [, breachedOne, resolvedA, resolvedB, rejectedOne] = complaints.map((complaint) => complaint.id) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const staff = world.supplier.members.staff.caller.support.complaints;
    await staff.resolve({ complaintId: resolvedA, version: 1, resolution: 'none', note: 'Explained' });
    await staff.resolve({ complaintId: resolvedB, version: 1, resolution: 'replacement', note: 'Replaced' });
    await staff.reject({ complaintId: rejectedOne, version: 1, reason: 'Not ours' });
    await placeClock(breachedOne, { ageMs: 25 * HOUR, firstResponseInMs: -HOUR, resolutionInMs: 95 * HOUR });
    // Closed 10 h, 20 h and 45 h after filing: the median is 20 h.
    const closedAfter = async (id: string, hours: number) =>
      app.db
        .updateTable('complaints')
        .set({ closed_at: sql`created_at + make_interval(hours => ${hours})` })
        .where('id', '=', id)
        .execute();
    await closedAfter(resolvedA, 10);
    await closedAfter(resolvedB, 45);
    await closedAfter(rejectedOne, 20);

    const expected = { open: 2, resolved: 2, rejected: 1, breached: 1, medianHoursToResolve: 20 };
    expect(await world.buyer.members.viewer.caller.support.complaints.summary({ side: 'filed' })).toEqual({
      rows: [{ company: { id: world.supplier.id, name: world.supplier.name }, ...expected }],
    });
    expect(await world.supplier.members.viewer.caller.support.complaints.summary({ side: 'received' })).toEqual({
      rows: [{ company: { id: world.buyer.id, name: world.buyer.name }, ...expected }],
    });
    expect(await world.buyer.members.viewer.caller.support.complaints.summary({ side: 'received' })).toEqual({ rows: [] });
    expect(await world.buyer.members.viewer.caller.support.complaints.summary({ side: 'filed', to: '2000-01-01' })).toEqual({ rows: [] });
  });
});

describe('SLA policies', () => {
  it('reads every category (the default where none is set) and saves some, with an audit row', async () => {
    const world = await orderWorld(app, 'Policies');
    const before = await world.supplier.members.viewer.caller.support.sla.get();
    expect(before.policies.map((policy) => [policy.category, policy.custom])).toEqual([
      ['quality', false],
      ['quantity_short', false],
      ['late_delivery', false],
      ['wrong_item', false],
      ['damaged', false],
      ['billing', false],
      ['other', false],
    ]);
    const saved = await world.supplier.members.admin.caller.support.sla.set({
      policies: [
        { category: 'quality', firstResponseHours: 12, resolutionHours: 72 },
        { category: 'damaged', firstResponseHours: 6, resolutionHours: 48 },
      ],
    });
    expect(saved.policies.filter((policy) => policy.custom)).toEqual([
      { category: 'quality', firstResponseHours: 12, resolutionHours: 72, custom: true },
      { category: 'damaged', firstResponseHours: 6, resolutionHours: 48, custom: true },
    ]);
    expect(await world.supplier.members.viewer.caller.support.sla.get()).toEqual(saved);
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'before', 'after'])
      .where('company_id', '=', world.supplier.id)
      .where('action', '=', 'complaint_sla.saved')
      .execute();
    expect(audit).toEqual([
      {
        action: 'complaint_sla.saved',
        actor_user_id: world.supplier.members.admin.id,
        before: { quality: { firstResponseHours: 24, resolutionHours: 120 }, damaged: { firstResponseHours: 24, resolutionHours: 96 } },
        after: { quality: { firstResponseHours: 12, resolutionHours: 72 }, damaged: { firstResponseHours: 6, resolutionHours: 48 } },
      },
    ]);
    // Another company's policies are its own.
    expect((await world.buyer.members.viewer.caller.support.sla.get()).policies.every((policy) => !policy.custom)).toBe(true);
  });

  it('refuses a manager (settings:write) and a resolution shorter than the first response, saving nothing', async () => {
    const world = await orderWorld(app, 'PolicyRefused');
    const byManager = await failure(
      world.supplier.members.manager.caller.support.sla.set({
        policies: [{ category: 'quality', firstResponseHours: 12, resolutionHours: 72 }],
      }),
    );
    expect(byManager.code).toBe('FORBIDDEN');
    const shorter = await failure(
      world.supplier.members.admin.caller.support.sla.set({
        policies: [{ category: 'quality', firstResponseHours: 48, resolutionHours: 24 }],
      }),
    );
    expect(shorter.code).toBe('BAD_REQUEST');
    expect(fieldErrors(shorter)).toEqual({ policies: ['must be at least the first response time'] });
    expect((await world.supplier.members.viewer.caller.support.sla.get()).policies.every((policy) => !policy.custom)).toBe(true);
  });
});

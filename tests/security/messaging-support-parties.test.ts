import { ROLES, roleCan } from '@tradeloom/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { callProcedure, procedureInventory } from './inventory.ts';
import { idTakingInputs, type PartyRecords, partyRecords } from './party-records.ts';
import { tableFingerprints } from './row-counts.ts';

// Conversations and complaints belong to their parties: a stranger finds nothing and changes
// nothing, each role gets exactly what the access matrix grants, an API key only its scopes,
// and a complaint's internal notes stay with the company that wrote them.

let app: TestApp;
let pair: PartyRecords;
let stranger: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  pair = await partyRecords(app, 'Party');
  stranger = await createCompany(app, 'Stranger');
});
afterAll(() => app.close());

const inventory = procedureInventory().filter((p) => /^(messaging|support)\./.test(p.path));
const permissionOf = (path: string) => {
  const access = inventory.find((p) => p.path === path)?.access;
  if (access?.kind !== 'company') throw new Error(`${path} is not a company procedure`);
  return access.permission;
};
/** The procedures that take no record id: lists, counts, search, the summary and the SLA policy. */
const WITHOUT_IDS = [
  'messaging.conversations.list',
  'messaging.conversations.search',
  'messaging.conversations.unreadCount',
  'support.complaints.list',
  'support.complaints.summary',
  'support.sla.get',
  'support.sla.set',
];

async function outcome(promise: Promise<unknown>): Promise<{ code: string; reason?: string } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { code: error.code, reason: (error.cause as { reason?: string } | undefined)?.reason };
  }
}

describe('a stranger company', () => {
  it('covers every id-taking procedure of messaging and support', () => {
    const withIds = inventory.map((p) => p.path).filter((path) => !WITHOUT_IDS.includes(path));
    expect(Object.keys(idTakingInputs(pair, stranger.members.owner.id)).sort()).toEqual(withIds.sort());
  });

  it.each(ROLES.map((role) => [role]))('as %s gets NOT_FOUND (or no permission) from each, and nothing is written', async (role) => {
    const member = stranger.members[role];
    const inputs = idTakingInputs(pair, member.id);
    const before = await tableFingerprints(app);
    const results: Record<string, string> = {};
    for (const [path, input] of Object.entries(inputs)) {
      const result = await outcome(callProcedure(member.caller, path, input));
      results[path] = result === 'ok' ? 'ok' : result.code;
    }
    const expected = Object.fromEntries(
      Object.keys(inputs).map((path) => [path, roleCan(role, permissionOf(path)) ? 'NOT_FOUND' : 'FORBIDDEN']),
    );
    expect(results).toEqual(expected);
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it("finds none of the pair's records in its lists, counts and searches", async () => {
    const caller = stranger.members.owner.caller;
    const responses = [
      await caller.messaging.conversations.list({}),
      await caller.messaging.conversations.search({ q: pair.canary }),
      await caller.messaging.conversations.unreadCount(),
      await caller.support.complaints.list({}),
      await caller.support.complaints.list({ q: pair.canary }),
      await caller.support.complaints.summary({ side: 'filed' }),
      await caller.support.complaints.summary({ side: 'received' }),
      await caller.notifications.list({}),
    ];
    const text = JSON.stringify(responses);
    expect(text).not.toContain(pair.canary);
    expect(text).not.toContain(pair.ids.conversationId);
    expect(text).not.toContain(pair.ids.complaintId);
    expect(await caller.messaging.conversations.unreadCount()).toEqual({ conversations: 0, messages: 0 });
  });
});

describe("each role of a party gets what the access matrix grants, on the party's own records", () => {
  // The buyer's members try every procedure on real records: a role without the permission is
  // refused before anything is looked up; a role with it is never refused for permission.
  // Its own pair: the permitted calls change these records (a note, an escalation, a message).
  let matrix: PartyRecords;
  beforeAll(async () => {
    matrix = await partyRecords(app, 'Matrix');
  });
  const cases = inventory.flatMap((p) => ROLES.map((role) => [p.path, role] as const));
  it.each(cases)('%s as the buyer %s', async (path, role) => {
    const member = matrix.buyer.members[role];
    const inputs: Record<string, unknown> = {
      ...idTakingInputs(matrix, member.id),
      'messaging.conversations.start': { partnerCompanyId: matrix.supplier.id, body: `Hello from ${role}` },
      'messaging.conversations.list': {},
      'messaging.conversations.search': { q: 'wet' },
      'messaging.conversations.unreadCount': undefined,
      'support.complaints.list': {},
      'support.complaints.summary': {},
      'support.sla.get': undefined,
      'support.sla.set': { policies: [{ category: 'quality', firstResponseHours: 24, resolutionHours: 96 }] },
    };
    const before = await tableFingerprints(app);
    const result = await outcome(callProcedure(member.caller, path, inputs[path]));
    if (roleCan(role, permissionOf(path))) {
      expect(result === 'ok' || result.reason !== 'PERMISSION_DENIED').toBe(true);
    } else {
      expect(result).toEqual({ code: 'FORBIDDEN', reason: 'PERMISSION_DENIED' });
      expect(await tableFingerprints(app)).toEqual(before);
    }
  });
});

describe('API keys', () => {
  it('a messaging:read key reads the conversation but cannot send, start or edit', async () => {
    const { key } = await pair.buyer.members.owner.caller.apiKeys.create({ name: 'reader', scopes: ['messaging:read'] });
    const program = app.caller({ apiKey: key });
    const page = await program.messaging.messages.list({ conversationId: pair.ids.conversationId });
    expect(page.items.map((m) => m.body)).toEqual([
      `We will check the truck ${pair.canary}-reply`,
      `Bales look wet ${pair.canary}-message`,
    ]);
    const before = await tableFingerprints(app);
    // Lazy: each call starts only when awaited, so no rejection goes unhandled meanwhile.
    const attempts = [
      () => program.messaging.messages.send({ conversationId: pair.ids.conversationId, body: 'From a read-only key' }),
      () => program.messaging.conversations.start({ partnerCompanyId: pair.supplier.id, body: 'From a read-only key' }),
      () => program.messaging.messages.edit({ messageId: pair.ids.messageId, body: 'From a read-only key' }),
      () => program.messaging.messages.delete({ messageId: pair.ids.messageId }),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect([error.code, error.reason]).toEqual(['FORBIDDEN', 'PERMISSION_DENIED']);
    }
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it('a support:read key reads the complaint but cannot file, note or escalate', async () => {
    const { key } = await pair.buyer.members.owner.caller.apiKeys.create({ name: 'support reader', scopes: ['support:read'] });
    const program = app.caller({ apiKey: key });
    expect((await program.support.complaints.get({ complaintId: pair.ids.complaintId })).id).toBe(pair.ids.complaintId);
    const before = await tableFingerprints(app);
    const attempts = [
      () => program.support.complaints.file({ about: { type: 'order', id: pair.ids.orderId }, category: 'other', description: 'By a key' }),
      () => program.support.complaints.addNote({ complaintId: pair.ids.complaintId, body: 'By a key' }),
      () => program.support.complaints.escalate({ complaintId: pair.ids.complaintId }),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt());
      expect([error.code, error.reason]).toEqual(['FORBIDDEN', 'PERMISSION_DENIED']);
    }
    expect(await tableFingerprints(app)).toEqual(before);
  });

  it("a key of the stranger cannot read the pair's conversation or complaint", async () => {
    const { key } = await stranger.members.owner.caller.apiKeys.create({
      name: 'stranger reader',
      scopes: ['messaging:read', 'support:read'],
    });
    const program = app.caller({ apiKey: key });
    expect((await failure(program.messaging.messages.list({ conversationId: pair.ids.conversationId }))).code).toBe('NOT_FOUND');
    expect((await failure(program.support.complaints.get({ complaintId: pair.ids.complaintId }))).code).toBe('NOT_FOUND');
  });
});

describe('internal notes of a complaint', () => {
  const buyerNote = () => `${pair.canary}-buyer-internal`;
  const supplierNote = () => `${pair.canary}-supplier-internal`;

  it("each side's get shows its own internal note and never the other's", async () => {
    const asBuyer = JSON.stringify(await pair.buyer.members.viewer.caller.support.complaints.get({ complaintId: pair.ids.complaintId }));
    const asSupplier = JSON.stringify(
      await pair.supplier.members.viewer.caller.support.complaints.get({ complaintId: pair.ids.complaintId }),
    );
    expect([asBuyer.includes(buyerNote()), asBuyer.includes(supplierNote())]).toEqual([true, false]);
    expect([asSupplier.includes(buyerNote()), asSupplier.includes(supplierNote())]).toEqual([false, true]);
  });

  it('no list, search or summary of either side carries an internal note', async () => {
    for (const [side, company] of [
      ['buyer', pair.buyer],
      ['supplier', pair.supplier],
    ] as const) {
      const caller = company.members.owner.caller;
      const responses = [
        await caller.support.complaints.list({}),
        await caller.support.complaints.list({ q: 'liable' }),
        await caller.support.complaints.list({ q: 'settle' }),
        await caller.support.complaints.summary({ side: side === 'buyer' ? 'filed' : 'received' }),
        await caller.messaging.conversations.search({ q: pair.canary }),
        await caller.notifications.list({}),
      ];
      const text = JSON.stringify(responses);
      expect([side, text.includes(buyerNote()), text.includes(supplierNote())]).toEqual([side, false, false]);
    }
    // The words of a note find no complaint for the other side either.
    expect((await pair.buyer.members.owner.caller.support.complaints.list({ q: 'transporter is liable' })).items).toEqual([]);
    expect((await pair.supplier.members.owner.caller.support.complaints.list({ q: 'settle for half' })).items).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { DAY, draftTender, openTender, type SourcingWorld, sourcingWorld, WORLD_TIMEOUT } from './sourcing-fixtures.ts';

let app: TestApp;
let world: SourcingWorld;
beforeAll(async () => {
  app = await setupTestApp();
  world = await sourcingWorld(app, 'Clr');
}, WORLD_TIMEOUT);
afterAll(() => app.close());

async function lastEvent(tenderId: string) {
  const row = await app.db
    .selectFrom('domain_events')
    .select(['type', 'payload'])
    .where('entity_type', '=', 'tender')
    .where('entity_id', '=', tenderId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const payload = row.payload as { recipients: string[]; actorCompanyId: string };
  return { type: row.type, ...payload, recipients: [...payload.recipients].sort() };
}

describe('clarifications', () => {
  it('a supplier asks the buyer alone; the answer reaches every invitee without naming the asker', async () => {
    const tender = await openTender(app, world, { suppliers: [world.supplierA, world.supplierB, world.supplierC] });
    const asker = world.supplierA.members.staff.caller.sourcing;
    const { id } = await asker.clarifications.ask({ tenderId: tender.id, question: 'Is 28.5 mm staple acceptable?' });
    expect(await lastEvent(tender.id)).toMatchObject({
      type: 'clarification.asked',
      recipients: [world.buyer.id],
      actorCompanyId: world.supplierA.id,
    });
    // Unanswered: the buyer and the asker see it, the other invitees do not.
    const buyerView = await world.buyer.members.viewer.caller.sourcing.tenders.get({ tenderId: tender.id });
    expect(buyerView.clarifications).toEqual([
      expect.objectContaining({ id, question: 'Is 28.5 mm staple acceptable?', answer: null, askedByYou: false }),
    ]);
    expect((await asker.tenders.get({ tenderId: tender.id })).clarifications).toEqual([
      expect.objectContaining({ id, answer: null, askedByYou: true }),
    ]);
    expect((await world.supplierB.members.viewer.caller.sourcing.tenders.get({ tenderId: tender.id })).clarifications).toEqual([]);

    await world.buyer.members.staff.caller.sourcing.clarifications.answer({ clarificationId: id, answer: 'Yes, down to 28 mm.' });
    const answered = await lastEvent(tender.id);
    expect(answered).toMatchObject({
      type: 'clarification.answered',
      recipients: [world.supplierA.id, world.supplierB.id, world.supplierC.id].sort(),
      actorCompanyId: world.buyer.id,
    });
    for (const supplier of [world.supplierB, world.supplierC]) {
      const seen = await supplier.members.viewer.caller.sourcing.tenders.get({ tenderId: tender.id });
      expect(seen.clarifications).toEqual([
        {
          id,
          question: 'Is 28.5 mm staple acceptable?',
          answer: 'Yes, down to 28 mm.',
          askedAt: expect.any(String),
          answeredAt: expect.any(String),
          askedByYou: false,
        },
      ]);
      // Nothing anywhere in the tender names the asker.
      expect(JSON.stringify(seen)).not.toContain(world.supplierA.id);
      expect(JSON.stringify(seen)).not.toContain(world.supplierA.name);
    }
    expect((await asker.tenders.get({ tenderId: tender.id })).clarifications[0]).toMatchObject({
      askedByYou: true,
      answer: 'Yes, down to 28 mm.',
    });
    const audit = await app.db.selectFrom('audit_log').select(['action', 'company_id']).where('entity_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'clarification.asked', company_id: world.supplierA.id },
      { action: 'clarification.answered', company_id: world.buyer.id },
    ]);
    // Each company's history names the question by the tender's RFQ number.
    const history = (await world.supplierA.members.admin.caller.audit.list({ entityType: 'clarification' })).items;
    expect(history.map((entry) => [entry.action, entry.entityLabel])).toEqual([['clarification.asked', tender.number]]);
    const buyerHistory = (await world.buyer.members.admin.caller.audit.list({ entityType: 'tender' })).items;
    expect(buyerHistory.find((entry) => entry.entityId === tender.id && entry.action === 'tender.published')?.entityLabel).toBe(
      tender.number,
    );
  });

  it('only an invitee asks, only while the tender is open; only the buyer answers; a viewer neither', async () => {
    const tender = await openTender(app, world);
    const ask = (caller: typeof world.buyer.members.staff.caller, tenderId = tender.id) =>
      caller.sourcing.clarifications.ask({ tenderId, question: 'Delivery by truck or rail?' });
    expect((await failure(ask(world.supplierC.members.staff.caller))).code).toBe('NOT_FOUND');
    expect((await failure(ask(world.stranger.members.staff.caller))).code).toBe('NOT_FOUND');
    expect((await failure(ask(world.buyer.members.staff.caller))).code).toBe('NOT_FOUND');
    expect((await failure(ask(world.supplierA.members.viewer.caller))).code).toBe('FORBIDDEN');
    // An invitee of a draft does not see it yet.
    const draft = await draftTender(app, world);
    await world.buyer.members.staff.caller.sourcing.tenders.invite({ tenderId: draft.id, supplierIds: [world.supplierA.id] });
    expect((await failure(ask(world.supplierA.members.staff.caller, draft.id))).code).toBe('NOT_FOUND');

    const { id } = await ask(world.supplierB.members.staff.caller);
    const answer = (caller: typeof world.buyer.members.staff.caller) =>
      caller.sourcing.clarifications.answer({ clarificationId: id, answer: 'By truck.' });
    expect((await failure(answer(world.supplierB.members.owner.caller))).code).toBe('NOT_FOUND');
    expect((await failure(answer(world.stranger.members.owner.caller))).code).toBe('NOT_FOUND');
    expect((await failure(answer(world.buyer.members.viewer.caller))).code).toBe('FORBIDDEN');

    app.clock.advance(3 * DAY);
    try {
      const late = await failure(ask(world.supplierA.members.staff.caller));
      expect([late.code, late.reason]).toEqual(['CONFLICT', 'DEADLINE_PASSED']);
      // The buyer may still answer what was asked in time.
      await answer(world.buyer.members.staff.caller);
    } finally {
      app.clock.advance(-3 * DAY);
    }
    await world.buyer.members.staff.caller.sourcing.tenders.cancel({ tenderId: tender.id, reason: 'Enough' });
    const cancelled = await failure(ask(world.supplierA.members.staff.caller));
    expect([cancelled.code, cancelled.reason]).toEqual(['CONFLICT', 'TENDER_NOT_OPEN']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany, securityEventCount } from '../harness/factories.ts';

// Concurrency is only real on PostgreSQL (PGlite runs one session at a time), but the outcome
// asserted here must hold on both.
let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

async function written(entityId: string, action: string, eventType: string) {
  const audits = await app.db.selectFrom('audit_log').select('id').where('entity_id', '=', entityId).where('action', '=', action).execute();
  const events = await app.db
    .selectFrom('domain_events')
    .select('id')
    .where('entity_id', '=', entityId)
    .where('type', '=', eventType)
    .execute();
  return { audits: audits.length, events: events.length };
}

/** Settles every call; returns how many succeeded and the codes of the ones that failed. */
async function settle(calls: Promise<unknown>[]) {
  const results = await Promise.allSettled(calls);
  const codes = await Promise.all(results.filter((r) => r.status === 'rejected').map((r) => failure(Promise.reject(r.reason))));
  return { succeeded: results.filter((r) => r.status === 'fulfilled').length, failed: codes.map((e) => e.code) };
}

describe('concurrent revokes write one audit row', () => {
  it('ten parallel revokes of one API key: one succeeds, one audit row and event, nine CONFLICT', async () => {
    const co = await createCompany(app, 'Revoke10');
    const { id } = await co.members.admin.caller.apiKeys.create({ name: 'Twice', scopes: ['company:read'] });
    const outcome = await settle(Array.from({ length: 10 }, () => co.members.admin.caller.apiKeys.revoke({ apiKeyId: id })));
    expect(outcome.succeeded).toBe(1);
    expect(outcome.failed).toEqual(Array(9).fill('CONFLICT'));
    expect(await written(id, 'api_key.revoked', 'api_key.revoked')).toEqual({ audits: 1, events: 1 });
  });

  it('ten parallel removals of one member: one succeeds, one audit row and event, nine NOT_FOUND', async () => {
    const co = await createCompany(app, 'Remove10');
    const target = co.members.viewer.id;
    const outcome = await settle(Array.from({ length: 10 }, () => co.members.admin.caller.companies.removeMember({ userId: target })));
    expect(outcome.succeeded).toBe(1);
    expect(outcome.failed).toEqual(Array(9).fill('NOT_FOUND'));
    expect(await written(target, 'member.removed', 'member.left')).toEqual({ audits: 1, events: 1 });
  });

  it('ten parallel revokes of one invitation: one audit row', async () => {
    const co = await createCompany(app, 'Invite10');
    const invitation = await co.members.admin.caller.companies.invite({ email: 'parallel-revoke@example.test', role: 'viewer' });
    if (invitation.kind !== 'invitation') throw new Error('expected an invitation');
    const outcome = await settle(
      Array.from({ length: 10 }, () => co.members.admin.caller.companies.revokeInvite({ invitationId: invitation.invitationId })),
    );
    expect(outcome.succeeded).toBe(1);
    expect((await written(invitation.invitationId, 'invitation.revoked', 'invitation.revoked')).audits).toBe(1);
  });

  it('ten parallel revokes of one session: one security event', async () => {
    const co = await createCompany(app, 'Session10');
    const user = co.members.staff;
    await app.caller().auth.login({ email: user.email, password: user.password });
    const sessionId = (await user.caller.auth.sessions()).find((s) => !s.current)?.id ?? '';
    const outcome = await settle(Array.from({ length: 10 }, () => user.caller.auth.revokeSession({ sessionId })));
    expect(outcome.succeeded).toBe(1);
    expect(outcome.failed).toEqual(Array(9).fill('NOT_FOUND'));
    expect(await securityEventCount(app, user.id, 'sessions.revoked')).toBe(1);
  });
});

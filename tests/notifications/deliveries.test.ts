import { createServer } from 'node:net';
import { JobRunner, jobHandlers, smtpMailer } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { tell } from './notify-fixtures.ts';

let app: TestApp;
/** A runner whose SMTP server is a port nothing listens on. */
let brokenRunner: JobRunner;
let refused: string;
beforeAll(async () => {
  app = await setupTestApp();
  const closed = createServer();
  const port = await new Promise<number>((resolve) =>
    closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
  );
  await new Promise((resolve) => closed.close(resolve));
  refused = `connect ECONNREFUSED 127.0.0.1:${port}`;
  const handlers = jobHandlers({ ...app.deps, mailer: smtpMailer(`smtp://127.0.0.1:${port}`, app.deps.config.mailFrom) });
  brokenRunner = new JobRunner(app.db, app.clock, handlers, app.deps.logger, { workerId: 'broken-smtp' });
});
afterAll(() => app.close());

/** Runs due jobs with the broken mailer, then moves past the longest back-off (32 s and a quarter). */
async function failOnce() {
  await brokenRunner.drain();
  app.clock.advance(60_000);
}

describe('the delivery log', () => {
  it('records a failing email’s attempts with the reason, retries with back-off, then gives up as dead', async () => {
    const company = await createCompany(app, 'Fail');
    const { owner, viewer } = company.members;
    await tell(app, { companyId: company.id, kind: 'order.shipped', title: 'Acme shipped PO-9', userIds: [viewer.id] });
    await failOnce();
    const [first] = (await owner.caller.notifications.deliveries.list({ status: 'failed' })).items;
    expect(first).toMatchObject({
      event: 'order.shipped',
      eventLabel: 'A supplier ships your order',
      channel: 'email',
      recipient: { userId: viewer.id, name: 'Test Fail-viewer', address: viewer.email },
      subject: 'Acme shipped PO-9',
      status: 'failed',
      attempts: 1,
      sentAt: null,
    });
    expect(first?.lastError).toBe(refused);
    expect(first?.nextAttemptAt).not.toBeNull();
    for (let attempt = 2; attempt <= 6; attempt++) await failOnce();
    const [dead] = (await owner.caller.notifications.deliveries.list({})).items;
    expect([dead?.id, dead?.status, dead?.attempts, dead?.nextAttemptAt]).toEqual([first?.id, 'dead', 6, null]);
    expect(dead?.lastError).toBe(refused);
    // Nothing more is tried once dead.
    await failOnce();
    expect((await owner.caller.notifications.deliveries.list({})).items[0]?.attempts).toBe(6);

    // The admin sends it again once mail works: queued, then sent, and the retry is audited.
    const retried = await owner.caller.notifications.deliveries.retry({ deliveryId: dead?.id ?? 0 });
    expect([retried.status, retried.attempts]).toEqual(['queued', 6]);
    expect((await app.mailFor(viewer.email)).map((mail) => mail.subject)).toEqual(['Acme shipped PO-9']);
    const [sent] = (await owner.caller.notifications.deliveries.list({})).items;
    expect([sent?.status, sent?.attempts, sent?.lastError, sent?.sentAt === null]).toEqual(['sent', 7, null, false]);
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before', 'after'])
      .where('company_id', '=', company.id)
      .where('action', '=', 'notification_delivery.retried')
      .execute();
    expect(audit).toEqual([
      { action: 'notification_delivery.retried', entity_id: String(dead?.id), before: { status: 'dead' }, after: { status: 'queued' } },
    ]);

    // A sent one cannot be retried.
    const again = await failure(owner.caller.notifications.deliveries.retry({ deliveryId: dead?.id ?? 0 }));
    expect([again.code, again.reason]).toEqual(['CONFLICT', 'ILLEGAL_TRANSITION']);
  });

  it('retries a failed email now, without waiting for its back-off', async () => {
    const company = await createCompany(app, 'Now');
    const { admin, staff } = company.members;
    await tell(app, { companyId: company.id, kind: 'order.cancelled', title: 'Acme cancelled PO-10', userIds: [staff.id] });
    await brokenRunner.drain();
    const [failed] = (await admin.caller.notifications.deliveries.list({})).items;
    expect(failed?.status).toBe('failed');
    await admin.caller.notifications.deliveries.retry({ deliveryId: failed?.id ?? 0 });
    // Due now: the working runner sends it without the clock moving.
    expect((await app.mailFor(staff.email)).map((mail) => mail.subject)).toEqual(['Acme cancelled PO-10']);
  });

  it('lists the company’s deliveries only, newest first, in pages, filtered by status and text', async () => {
    const company = await createCompany(app, 'Log');
    const other = await createCompany(app, 'OtherLog');
    const { owner, staff, viewer } = company.members;
    await tell(app, { companyId: company.id, kind: 'order.shipped', title: 'Acme shipped PO-11', userIds: [staff.id] });
    await tell(app, { companyId: company.id, kind: 'order.shipped', title: 'Acme shipped PO-12', userIds: [viewer.id] });
    await tell(app, { companyId: other.id, kind: 'order.shipped', title: 'Elsewhere shipped PO-13', userIds: [other.members.viewer.id] });
    await app.runner.drain();
    const first = await owner.caller.notifications.deliveries.list({ limit: 1 });
    expect(first.items.map((d) => d.subject)).toEqual(['Acme shipped PO-12']);
    const second = await owner.caller.notifications.deliveries.list({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((d) => d.subject)).toEqual(['Acme shipped PO-11']);
    expect(second.nextCursor).toBeNull();
    expect((await owner.caller.notifications.deliveries.list({ q: staff.email.slice(0, 12) })).items.map((d) => d.subject)).toEqual([
      'Acme shipped PO-11',
    ]);
    expect((await owner.caller.notifications.deliveries.list({ status: 'sent', q: 'po-12' })).items.map((d) => d.subject)).toEqual([
      'Acme shipped PO-12',
    ]);
    expect((await owner.caller.notifications.deliveries.list({ status: 'dead' })).items).toEqual([]);
    // Another company's delivery is not found; a member without notifications:manage cannot read the log.
    const [theirs] = (await other.members.owner.caller.notifications.deliveries.list({})).items;
    expect((await failure(owner.caller.notifications.deliveries.retry({ deliveryId: theirs?.id ?? 0 }))).code).toBe('NOT_FOUND');
    expect((await failure(company.members.manager.caller.notifications.deliveries.list({}))).code).toBe('FORBIDDEN');
  });
});

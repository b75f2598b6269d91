import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { createDb, type DbHandle, inTransaction } from '@tradeloom/db';
import { createLogger, JobRunner, jobHandlers, smtpMailer } from '@tradeloom/server';
import { calendarDate, type NotifiableKind } from '@tradeloom/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../server/src/modules/events/jobs.ts';
import { DIGEST_QUEUE } from '../../server/src/modules/notifications/digest.ts';
import { notify } from '../../server/src/modules/notifications/engine.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany, type TestUser } from '../harness/factories.ts';

// The daily digest: at the hour a person chose, in their time zone, one email of what they have
// not read since their last digest (or in the last 24 hours), grouped by company — once per
// person and local day, even with two processes building digests at once.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const HOUR = 3_600_000;
const SUBJECT = 'What you missed on Tradeloom';

/**
 * Moves the clock to the next hh:45 UTC (hh:15 in Kolkata), so a test has at least a quarter of
 * an hour of the same local hour in every zone it uses.
 */
function toQuarterPast(): void {
  const now = app.clock.now().getTime();
  const next = Math.ceil((now - 45 * 60_000) / HOUR) * HOUR + 45 * 60_000;
  app.clock.advance(next - now);
}

function localHour(timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(app.clock.now()));
}

/** The person's digest settings (a row, as the preferences screen writes it). */
async function digestSettings(user: TestUser, settings: { timeZone?: string; hour: number; enabled?: boolean }): Promise<void> {
  const values = {
    time_zone: settings.timeZone ?? 'Asia/Kolkata',
    digest_hour: settings.hour,
    digest_enabled: settings.enabled ?? true,
    updated_at: app.clock.now(),
  };
  await app.db
    .insertInto('notification_user_settings')
    .values({ user_id: user.id, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** One in-app notification for one person, through the engine as every module sends them. */
async function tell(company: TestCompany, user: TestUser, title: string, options: { kind?: NotifiableKind; linkPath?: string } = {}) {
  await inTransaction(app.db, (trx) =>
    notify(trx, {
      companyId: company.id,
      // In-app only by default: no email of its own to tell apart from the digest.
      kind: options.kind ?? 'order.in_progress',
      title,
      linkPath: options.linkPath,
      entityType: 'order',
      entityId: randomUUID(),
      dedupeKey: `test:${randomUUID()}`,
      userIds: [user.id],
    }),
  );
}

/** Runs the digest job as the hourly schedule queues it. */
async function runDigests(): Promise<void> {
  await enqueueJob(app.db, DIGEST_QUEUE, { schedule: 'notification-digests' }, { runAt: app.clock.now() });
  await app.runner.drain();
}

/** Digest emails the sink has received for the person (all so far). */
const digestsFor = (user: TestUser) => app.smtp.received.filter((mail) => mail.to === user.email && mail.subject === SUBJECT);
const digestRows = (user: TestUser) =>
  app.db.selectFrom('notification_digests').select(['digest_date', 'items', 'delivery_id']).where('user_id', '=', user.id).execute();

describe('the daily digest', () => {
  it('emails what a person has not read, grouped by company, each item with its link, at their hour', async () => {
    toQuarterPast();
    const mill = await createCompany(app, 'DigestMill');
    const trader = await createCompany(app, 'DigestTrader');
    const asha = mill.members.staff;
    // The same person in a second company: one digest covers both.
    await app.db.insertInto('memberships').values({ company_id: trader.id, user_id: asha.id, role: 'viewer' }).execute();
    const millName = `Shree <b>Cotton</b> & Sons ${mill.id.slice(0, 4)}`;
    await app.db.updateTable('companies').set({ name: millName }).where('id', '=', mill.id).execute();
    await app.db.updateTable('users').set({ name: 'Asha Rao' }).where('id', '=', asha.id).execute();
    await digestSettings(asha, { hour: localHour('Asia/Kolkata') });

    await tell(mill, asha, 'Acme started work on PO-2026-000011', { linkPath: '/orders/abc' });
    await tell(mill, asha, 'Acme delivered PO-2026-000012', { linkPath: '/orders/def' });
    await tell(trader, asha, 'A question about <script>RFQ-2026-000007</script>');
    await runDigests();

    const mails = digestsFor(asha);
    expect(mails).toHaveLength(1);
    const sections = [
      {
        name: millName,
        lines: [
          '- Acme delivered PO-2026-000012\n  http://tradeloom.test/orders/def',
          '- Acme started work on PO-2026-000011\n  http://tradeloom.test/orders/abc',
        ],
      },
      { name: trader.name, lines: ['- A question about <script>RFQ-2026-000007</script>'] },
    ].sort((a, b) => a.name.localeCompare(b.name));
    expect(mails[0]?.text).toBe(
      [
        'Hello Asha Rao,',
        'Here is what you have not read yet on Tradeloom.',
        ...sections.map((section) => `${section.name} (${section.lines.length} unread)\n${section.lines.join('\n')}`),
        'Read them all: http://tradeloom.test/notifications',
        'Change when you get this digest, or turn it off: http://tradeloom.test/settings/notifications',
      ]
        .join('\n\n')
        .concat('\n'),
    );
    expect(await digestRows(asha)).toEqual([
      { digest_date: calendarDate(app.clock.now(), 'Asia/Kolkata'), items: 3, delivery_id: expect.any(Number) },
    ]);
    // The HTML part escapes every value: the company's markup and the sentence's script are text.
    const html = mails[0]?.html ?? '';
    expect(html).toContain(`<h3>Shree &lt;b&gt;Cotton&lt;/b&gt; &amp; Sons ${mill.id.slice(0, 4)} (2 unread)</h3>`);
    expect(html).toContain('<li><a href="http://tradeloom.test/orders/def">Acme delivered PO-2026-000012</a></li>');
    expect(html).toContain('<li>A question about &lt;script&gt;RFQ-2026-000007&lt;/script&gt;</li>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script>');
    const delivery = await app.db
      .selectFrom('notification_deliveries')
      .select(['user_id', 'company_id', 'channel', 'event_type', 'to_address', 'subject', 'status', 'attempts'])
      .where('id', '=', (await digestRows(asha))[0]?.delivery_id ?? 0)
      .executeTakeFirst();
    // Across two companies, the delivery is the person's alone (no company's admin log shows it).
    expect(delivery).toEqual({
      user_id: asha.id,
      company_id: null,
      channel: 'digest',
      event_type: 'digest',
      to_address: asha.email,
      subject: SUBJECT,
      status: 'sent',
      attempts: 1,
    });
  });

  it('once per day: a later run the same day sends nothing more, the next day only what came since', async () => {
    toQuarterPast();
    const company = await createCompany(app, 'DigestDaily');
    const ravi = company.members.manager;
    await digestSettings(ravi, { hour: localHour('Asia/Kolkata') });
    await tell(company, ravi, 'First thing missed');
    await runDigests();
    await tell(company, ravi, 'Second thing missed');
    await runDigests();
    expect(digestsFor(ravi).map((mail) => mail.text.includes('Second thing missed'))).toEqual([false]);

    app.clock.advance(24 * HOUR);
    await runDigests();
    const mails = digestsFor(ravi);
    expect(mails).toHaveLength(2);
    // The first is still unread, but was in yesterday's digest.
    expect(mails[1]?.text).toContain(`${company.name} (1 unread)\n- Second thing missed\n`);
    expect(mails[1]?.text).not.toContain('First thing missed');
    // A single company's digest shows in that company's delivery log.
    const rows = await digestRows(ravi);
    expect(rows.map((row) => row.items)).toEqual([1, 1]);
    const companies = await app.db
      .selectFrom('notification_deliveries')
      .select('company_id')
      .where('user_id', '=', ravi.id)
      .where('channel', '=', 'digest')
      .execute();
    expect(companies).toEqual([{ company_id: company.id }, { company_id: company.id }]);
  });

  it('leaves out what the person read and what is older than a day', async () => {
    toQuarterPast();
    const company = await createCompany(app, 'DigestRead');
    const meera = company.members.viewer;
    await digestSettings(meera, { hour: localHour('Asia/Kolkata') });
    await tell(company, meera, 'Already read');
    await tell(company, meera, 'Old news');
    await tell(company, meera, 'Still unread');
    await app.db
      .updateTable('notifications')
      .set({ read_at: new Date() })
      .where('user_id', '=', meera.id)
      .where('title', '=', 'Already read')
      .execute();
    await sql`update notifications set created_at = now() - interval '25 hours' where user_id = ${meera.id} and title = 'Old news'`.execute(
      app.db,
    );
    await runDigests();
    const mails = digestsFor(meera);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`${company.name} (1 unread)\n- Still unread\n`);
    expect(mails[0]?.text).not.toContain('Already read');
    expect(mails[0]?.text).not.toContain('Old news');
  });

  it('sends nothing when nothing was missed, when the digest is off, at another hour, or for a company the person left', async () => {
    toQuarterPast();
    const company = await createCompany(app, 'DigestNone');
    const { owner, admin, staff, manager } = company.members;
    const hour = localHour('Asia/Kolkata');
    await digestSettings(owner, { hour });
    await digestSettings(admin, { hour, enabled: false });
    await digestSettings(staff, { hour: (hour + 1) % 24 });
    await digestSettings(manager, { hour });
    await tell(company, owner, 'Read at once');
    await app.db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', owner.id).execute();
    await tell(company, admin, 'Admin would have missed this');
    await tell(company, staff, 'Staff would have missed this');
    await tell(company, manager, 'Manager would have missed this');
    // The manager was disabled in the company since.
    await app.db
      .updateTable('memberships')
      .set({ disabled_at: new Date() })
      .where('company_id', '=', company.id)
      .where('user_id', '=', manager.id)
      .execute();
    await runDigests();
    for (const member of [owner, admin, staff, manager]) {
      expect(digestsFor(member)).toEqual([]);
      expect(await digestRows(member)).toEqual([]);
    }
  });

  it('goes out at the hour in the person’s own time zone', async () => {
    toQuarterPast();
    const company = await createCompany(app, 'DigestZone');
    const { owner, admin } = company.members;
    // Both chose the hour it is now in London; only the one who lives there is due.
    const londonHour = localHour('Europe/London');
    await digestSettings(owner, { timeZone: 'Europe/London', hour: londonHour });
    await digestSettings(admin, { timeZone: 'Asia/Kolkata', hour: londonHour });
    await tell(company, owner, 'For London');
    await tell(company, admin, 'For Kolkata');
    await runDigests();
    expect(digestsFor(owner)).toHaveLength(1);
    expect(await digestRows(owner)).toEqual([
      { digest_date: calendarDate(app.clock.now(), 'Europe/London'), items: 1, delivery_id: expect.any(Number) },
    ]);
    expect(digestsFor(admin)).toEqual([]);
  });

  it('two runners draining digest jobs at once send exactly one email per person', async () => {
    toQuarterPast();
    const company = await createCompany(app, 'DigestRace');
    const people = [company.members.owner, company.members.staff, company.members.viewer];
    for (const person of people) {
      await digestSettings(person, { hour: localHour('Asia/Kolkata') });
      await tell(company, person, `Missed by ${person.email}`);
    }
    const second = new JobRunner(app.db, app.clock, jobHandlers(app.deps), createLogger('silent'), { workerId: 'second' });
    // As if both processes' schedules (or a retry) queued the same hour's run.
    for (let i = 0; i < 4; i += 1) await enqueueJob(app.db, DIGEST_QUEUE, {}, { runAt: app.clock.now() });
    await Promise.all([app.runner.drain(), second.drain()]);
    await app.runner.drain();
    for (const person of people) {
      expect(digestsFor(person).map((mail) => mail.text.includes(`Missed by ${person.email}`))).toEqual([true]);
      expect(await digestRows(person)).toHaveLength(1);
    }
  });
});

describe('a digest that cannot be sent', () => {
  it('is logged failed with the reason, and the company admin sends it again from the delivery log', async () => {
    toQuarterPast();
    const company = await createCompany(app, 'DigestFail');
    const { owner, staff } = company.members;
    await digestSettings(staff, { hour: localHour('Asia/Kolkata') });
    await tell(company, staff, 'Missed while mail was down');
    // A process whose SMTP server refuses connections builds and tries to send it.
    const closed = createServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)),
    );
    await new Promise((resolve) => closed.close(resolve));
    const broken = new JobRunner(
      app.db,
      app.clock,
      jobHandlers({ ...app.deps, mailer: smtpMailer(`smtp://127.0.0.1:${port}`, app.deps.config.mailFrom) }),
      createLogger('silent'),
      { workerId: 'broken-smtp' },
    );
    await enqueueJob(app.db, DIGEST_QUEUE, {}, { runAt: app.clock.now() });
    await broken.drain();
    const [failed] = (await owner.caller.notifications.deliveries.list({ channel: 'digest' })).items;
    expect(failed).toMatchObject({
      channel: 'digest',
      subject: SUBJECT,
      status: 'failed',
      attempts: 1,
      lastError: `connect ECONNREFUSED 127.0.0.1:${port}`,
      recipient: { userId: staff.id, address: staff.email },
    });
    expect(digestsFor(staff)).toEqual([]);

    const retried = await owner.caller.notifications.deliveries.retry({ deliveryId: failed?.id ?? 0 });
    expect(retried.status).toBe('queued');
    await app.runner.drain();
    expect(digestsFor(staff).map((mail) => mail.text.includes('Missed while mail was down'))).toEqual([true]);
    expect((await owner.caller.notifications.deliveries.list({ channel: 'digest' })).items[0]?.status).toBe('sent');
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

  it('two runners on separate connection pools send one digest per person', async () => {
    toQuarterPast();
    const company = await createCompany(app, 'DigestPools');
    const people = Object.values(company.members);
    for (const person of people) {
      await digestSettings(person, { hour: localHour('Asia/Kolkata') });
      await tell(company, person, 'Missed across pools');
    }
    const other = new JobRunner(second.db, app.clock, jobHandlers({ ...app.deps, db: second.db }), createLogger('silent'), {
      workerId: 'pool-2',
    });
    for (let i = 0; i < 4; i += 1) await enqueueJob(app.db, DIGEST_QUEUE, {}, { runAt: app.clock.now() });
    await Promise.all([app.runner.drain(), other.drain()]);
    await Promise.all([app.runner.drain(), other.drain()]);
    for (const person of people) {
      expect(digestsFor(person)).toHaveLength(1);
      expect(await digestRows(person)).toHaveLength(1);
    }
  });
});

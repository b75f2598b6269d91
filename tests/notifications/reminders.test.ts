import { createLogger, JobRunner, jobHandlers } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../server/src/modules/events/jobs.ts';
import { REMINDERS_QUEUE } from '../../server/src/modules/notifications/reminders.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { insertQuote, insertTender } from '../sourcing/notify-fixtures.ts';

// Reminders by the clock: the hourly reminders job tells a company of a certification ending
// within 30 days, and a tender's buyer and its invitees yet to answer that it closes within 24
// hours — each once, however often the job runs or how many processes run it.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IST_OFFSET = 5.5 * HOUR;

/** Runs the reminders job as the hourly schedule queues it. */
async function runReminders(): Promise<void> {
  await enqueueJob(app.db, REMINDERS_QUEUE, { schedule: 'notification-reminders' }, { runAt: app.clock.now() });
  await app.runner.drain();
}

/** Who in the company was told of a cause, by role, with the sentence and link. */
async function remindedIn(company: TestCompany, dedupeKey: string) {
  const rows = await app.db
    .selectFrom('notifications')
    .select(['user_id', 'type', 'title', 'link_path'])
    .where('company_id', '=', company.id)
    .where('dedupe_key', '=', dedupeKey)
    .execute();
  const roleOf = (userId: string | null) => Object.entries(company.members).find(([, member]) => member.id === userId)?.[0];
  return rows
    .map((row) => ({ role: roleOf(row.user_id), type: row.type, title: row.title, link: row.link_path }))
    .sort((a, b) => String(a.role).localeCompare(String(b.role)));
}

const utcDate = (at: Date) => at.toISOString().slice(0, 10);
const readable = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

async function addCertification(company: TestCompany, number: string, validTo: string): Promise<string> {
  const row = await app.db
    .insertInto('certifications')
    .values({ company_id: company.id, standard: 'GOTS', number, issuer: 'Control Union', valid_from: '2025-01-01', valid_to: validTo })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('certification expiry reminders', () => {
  it('tells the members who may see KYC, once, when a certification ends within 30 days', async () => {
    const company = await createCompany(app, 'CertCo');
    const validTo = utcDate(new Date(app.clock.now().getTime() + 10 * DAY));
    const id = await addCertification(company, 'CU-1001', validTo);
    await runReminders();
    await runReminders();
    const key = `reminder:certification:${id}:${validTo}`;
    const told = {
      type: 'reminder.certification_expiring',
      title: `GOTS certification CU-1001 expires on ${readable(validTo)}, in 10 days`,
      link: '/company',
    };
    // Staff and viewers do not hold kyc:read.
    expect(await remindedIn(company, key)).toEqual([
      { role: 'admin', ...told },
      { role: 'manager', ...told },
      { role: 'owner', ...told },
    ]);
  });

  it('says nothing of a certification valid for longer, until it enters the 30 days, nor of one already expired', async () => {
    const company = await createCompany(app, 'CertLater');
    const validTo = utcDate(new Date(app.clock.now().getTime() + 45 * DAY));
    const later = await addCertification(company, 'CU-2002', validTo);
    const expired = await addCertification(company, 'CU-0999', utcDate(new Date(app.clock.now().getTime() - 2 * DAY)));
    await runReminders();
    expect(await remindedIn(company, `reminder:certification:${later}:${validTo}`)).toEqual([]);
    const any = await app.db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where('company_id', '=', company.id)
      .where('type', '=', 'reminder.certification_expiring')
      .execute();
    expect(any).toEqual([]);

    app.clock.advance(16 * DAY);
    await runReminders();
    const told = await remindedIn(company, `reminder:certification:${later}:${validTo}`);
    expect(told.map((row) => [row.role, row.title])).toEqual([
      ['admin', `GOTS certification CU-2002 expires on ${readable(validTo)}, in 29 days`],
      ['manager', `GOTS certification CU-2002 expires on ${readable(validTo)}, in 29 days`],
      ['owner', `GOTS certification CU-2002 expires on ${readable(validTo)}, in 29 days`],
    ]);
    const expiredTold = await app.db.selectFrom('notifications').select('id').where('entity_id', '=', expired).execute();
    expect(expiredTold).toEqual([]);
  });
});

/** The next 17:00 in Kolkata at least `minAhead` from the clock's now. */
function nextFivePmIst(minAhead: number): Date {
  const now = app.clock.now().getTime();
  const istMidnight = Math.floor((now + IST_OFFSET) / DAY) * DAY - IST_OFFSET;
  let at = istMidnight + 17 * HOUR;
  while (at < now + minAhead) at += DAY;
  return new Date(at);
}

/** A buyer and four invited suppliers: A quoted, B declined, C has not answered, D (in Dubai) neither. */
async function closingWorld(label: string, closesAt: Date) {
  const [buyer, quoted, declined, silent, dubai] = await Promise.all([
    createCompany(app, `${label}Buyer`),
    createCompany(app, `${label}Quoted`),
    createCompany(app, `${label}Declined`),
    createCompany(app, `${label}Silent`),
    createCompany(app, `${label}Dubai`),
  ]);
  await app.db.updateTable('companies').set({ country: 'AE' }).where('id', '=', dubai.id).execute();
  const tender = await insertTender(app, buyer.id, {
    closesAt,
    invitees: [quoted, declined, silent, dubai].map((company) => ({ companyId: company.id })),
  });
  await insertQuote(app, tender.id, quoted.id);
  await app.db
    .updateTable('tender_invitations')
    .set({ status: 'declined', declined_at: app.clock.now() })
    .where('tender_id', '=', tender.id)
    .where('supplier_company_id', '=', declined.id)
    .execute();
  return { buyer, quoted, declined, silent, dubai, tender };
}

describe('tender closing reminders', () => {
  it('reminds the buyer and the invitees yet to answer once the tender closes within 24 hours, in their own time zone', async () => {
    const closesAt = nextFivePmIst(30 * HOUR);
    const world = await closingWorld('Closing', closesAt);
    const key = `reminder:tender:${world.tender.id}`;

    // 30 hours or more before: nobody yet.
    await runReminders();
    expect(await remindedIn(world.buyer, key)).toEqual([]);

    // 21:00 the evening before in Kolkata (19:30 in Dubai).
    app.clock.advance(closesAt.getTime() - 20 * HOUR - app.clock.now().getTime());
    await runReminders();
    await runReminders();
    const buyerTold = await remindedIn(world.buyer, key);
    expect(buyerTold).toHaveLength(5); // every role may read sourcing
    expect(new Set(buyerTold.map((row) => JSON.stringify([row.type, row.title, row.link])))).toEqual(
      new Set([
        JSON.stringify(['reminder.tender_closing', `${world.tender.number} closes tomorrow at 17:00`, `/tenders/${world.tender.id}`]),
      ]),
    );
    const silentTold = await remindedIn(world.silent, key);
    expect(silentTold.map((row) => row.role)).toEqual(['admin', 'manager', 'owner', 'staff', 'viewer']);
    expect(new Set(silentTold.map((row) => `${row.title} | ${row.link}`))).toEqual(
      new Set([
        `${world.buyer.name}’s ${world.tender.number} closes tomorrow at 17:00: you have not quoted yet | /quote-requests/${world.tender.id}`,
      ]),
    );
    const dubaiTold = await remindedIn(world.dubai, key);
    expect(new Set(dubaiTold.map((row) => row.title))).toEqual(
      new Set([`${world.buyer.name}’s ${world.tender.number} closes tomorrow at 15:30: you have not quoted yet`]),
    );
    // A supplier that quoted or declined is not reminded.
    expect(await remindedIn(world.quoted, key)).toEqual([]);
    expect(await remindedIn(world.declined, key)).toEqual([]);
    // Reminders are emailed by default: once, for all the runs.
    const aboutTender = (user: { email: string }) =>
      app.smtp.received.filter((mail) => mail.to === user.email && mail.subject.includes(world.tender.number));
    const silentOwnerMail = aboutTender(world.silent.members.owner);
    expect(silentOwnerMail.map((mail) => mail.subject)).toEqual([
      `${world.buyer.name}’s ${world.tender.number} closes tomorrow at 17:00: you have not quoted yet`,
    ]);
    expect(aboutTender(world.quoted.members.owner)).toEqual([]);
  });

  it('says "today" for a tender closing later the same local day, and nothing for a cancelled one', async () => {
    // Placed at 21:00 in Kolkata, so two hours on is still the same day there.
    const now = app.clock.now().getTime();
    const target = nextFivePmIst(HOUR).getTime() + 4 * HOUR;
    app.clock.advance(target - now);
    const world = await closingWorld('Tonight', new Date(app.clock.now().getTime() + 2 * HOUR));
    const cancelled = await insertTender(app, world.buyer.id, {
      status: 'cancelled',
      closesAt: new Date(app.clock.now().getTime() + 2 * HOUR),
      invitees: [{ companyId: world.silent.id }],
    });
    await runReminders();
    const told = await remindedIn(world.buyer, `reminder:tender:${world.tender.id}`);
    expect(new Set(told.map((row) => row.title))).toEqual(new Set([`${world.tender.number} closes today at 23:00`]));
    expect(await remindedIn(world.silent, `reminder:tender:${cancelled.id}`)).toEqual([]);
    expect(await remindedIn(world.buyer, `reminder:tender:${cancelled.id}`)).toEqual([]);
  });

  it('two runners draining reminder jobs at once tell each person once', async () => {
    const closesAt = new Date(app.clock.now().getTime() + 6 * HOUR);
    const world = await closingWorld('Race', closesAt);
    const certificationEnds = utcDate(new Date(app.clock.now().getTime() + 5 * DAY));
    const certification = await addCertification(world.silent, 'CU-RACE', certificationEnds);
    const second = new JobRunner(app.db, app.clock, jobHandlers(app.deps), createLogger('silent'), { workerId: 'second' });
    for (let i = 0; i < 3; i += 1) await enqueueJob(app.db, REMINDERS_QUEUE, {}, { runAt: app.clock.now() });
    await Promise.all([app.runner.drain(), second.drain()]);
    const key = `reminder:tender:${world.tender.id}`;
    expect((await remindedIn(world.buyer, key)).map((row) => row.role)).toEqual(['admin', 'manager', 'owner', 'staff', 'viewer']);
    expect((await remindedIn(world.silent, key)).map((row) => row.role)).toEqual(['admin', 'manager', 'owner', 'staff', 'viewer']);
    expect((await remindedIn(world.silent, `reminder:certification:${certification}:${certificationEnds}`)).map((row) => row.role)).toEqual(
      ['admin', 'manager', 'owner'],
    );
  });
});

import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, PASSWORD } from '../harness/factories.ts';
import { deliveriesTo, kindsFor, tell } from './notify-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

const MINUTE = 60_000;
/** 'HH:MM' in UTC of an instant. */
const utcClock = (at: Date) => at.toISOString().slice(11, 16);

describe('notification emails', () => {
  it('go out through SMTP in the template’s words, with every value escaped in the HTML part', async () => {
    const company = await createCompany(app, 'Mail');
    const hostile = 'Tom & Jerry <script>alert(1)</script> Ltd';
    await app.db.updateTable('companies').set({ name: hostile }).where('id', '=', company.id).execute();
    const entityId = await tell(app, {
      companyId: company.id,
      kind: 'order.shipped',
      title: 'Acme <b>shipped</b> PO-1 & more',
      body: 'The lot left Surat today.',
      userIds: [company.members.viewer.id],
    });
    const mails = await app.mailFor(company.members.viewer.email);
    expect(mails.map((mail) => [mail.subject, mail.text])).toEqual([
      [
        'Acme <b>shipped</b> PO-1 & more',
        `Hello Test Mail-viewer,\n\nAcme <b>shipped</b> PO-1 & more.\n\nThe lot left Surat today.\n\nOpen it in Tradeloom: http://tradeloom.test/orders/${entityId}\n\nYou get this email for ${hostile}. Choose what you hear about, and where: http://tradeloom.test/settings/notifications\n`,
      ],
    ]);
    const html = mails[0]?.html ?? '';
    expect(html).toContain('Acme &lt;b&gt;shipped&lt;/b&gt; PO-1 &amp; more.');
    expect(html).toContain('You get this email for Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; Ltd.');
    expect(html).toContain(`<a href="http://tradeloom.test/orders/${entityId}">http://tradeloom.test/orders/${entityId}</a>`);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    const [delivery] = await deliveriesTo(app, company.members.viewer.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, last_error: null, subject: 'Acme <b>shipped</b> PO-1 & more' });
  });

  it('keeps a subject on one line whatever a value holds, so no header can be added', async () => {
    const company = await createCompany(app, 'Header');
    await tell(app, {
      companyId: company.id,
      kind: 'order.shipped',
      title: 'Acme shipped PO-2\r\nBcc: thief@example.test',
      userIds: [company.members.staff.id],
    });
    const mails = await app.mailFor(company.members.staff.email);
    expect(mails.map((mail) => mail.subject)).toEqual(['Acme shipped PO-2 Bcc: thief@example.test']);
    expect(app.smtp.received.filter((mail) => mail.to === 'thief@example.test')).toEqual([]);
  });

  it('uses an operator’s wording when there is one', async () => {
    const company = await createCompany(app, 'Custom');
    await app.db
      .insertInto('notification_templates')
      .values({
        event_type: 'order.cancelled',
        channel: 'email',
        subject: '[{company}] {title}',
        body: '{title} — {actor} {document}',
        updated_at: new Date(),
      })
      .execute();
    try {
      await tell(app, {
        companyId: company.id,
        kind: 'order.cancelled',
        title: 'Acme cancelled PO-3',
        actorName: 'Acme',
        document: 'PO-3',
        userIds: [company.members.staff.id],
      });
      const mails = await app.mailFor(company.members.staff.email);
      expect(mails.map((mail) => [mail.subject, mail.text])).toEqual([
        [`[${company.name}] Acme cancelled PO-3`, 'Acme cancelled PO-3 — Acme PO-3\n'],
      ]);
    } finally {
      await app.db.deleteFrom('notification_templates').where('event_type', '=', 'order.cancelled').execute();
    }
  });
});

describe('quiet hours', () => {
  it('hold an email until they end, on the person’s own clock', async () => {
    const company = await createCompany(app, 'Quiet');
    const { viewer, staff } = company.members;
    const now = app.clock.now();
    const end = new Date(Math.floor((now.getTime() + 60 * MINUTE) / MINUTE) * MINUTE);
    await viewer.caller.notifications.preferences.set({
      timeZone: 'UTC',
      quietHours: { start: utcClock(new Date(now.getTime() - 60 * MINUTE)), end: utcClock(end) },
    });
    await tell(app, { companyId: company.id, kind: 'order.shipped', title: 'Acme shipped PO-4', userIds: [viewer.id, staff.id] });
    expect((await app.mailFor(viewer.email)).map((mail) => mail.subject)).toEqual([]);
    expect((await app.mailFor(staff.email)).map((mail) => mail.subject)).toEqual(['Acme shipped PO-4']);
    expect((await deliveriesTo(app, viewer.id)).map((d) => [d.status, d.not_before?.toISOString()])).toEqual([
      ['queued', end.toISOString()],
    ]);
    // The in-app notice is not held: only email waits.
    expect(await kindsFor(viewer)).toEqual(['order.shipped']);

    app.clock.advance(end.getTime() - now.getTime() + 1000);
    expect((await app.mailFor(viewer.email)).map((mail) => mail.subject)).toEqual(['Acme shipped PO-4']);
  });

  it('span midnight: 22:00–07:00 in Kolkata holds a 23:30 email until 07:00 the next morning', async () => {
    const { quietUntil } = await import('../../server/src/modules/notifications/quiet-hours.ts');
    const quiet = { timeZone: 'Asia/Kolkata', start: '22:00', end: '07:00' };
    // 23:30 IST on 1 Dec is 18:00 UTC; 07:00 IST on 2 Dec is 01:30 UTC.
    expect(quietUntil(new Date('2026-12-01T18:00:00Z'), quiet)?.toISOString()).toBe('2026-12-02T01:30:00.000Z');
    // 05:00 IST (23:30 UTC the day before) ends the same morning.
    expect(quietUntil(new Date('2026-12-01T23:30:00Z'), quiet)?.toISOString()).toBe('2026-12-02T01:30:00.000Z');
    // 12:00 IST is outside.
    expect(quietUntil(new Date('2026-12-02T06:30:00Z'), quiet)).toBeNull();
    // A DST zone: 23:00–06:00 in New York on the night clocks go back (1 Nov 2026) ends at 06:00 EST = 11:00 UTC.
    expect(
      quietUntil(new Date('2026-11-01T04:00:00Z'), { timeZone: 'America/New_York', start: '23:00', end: '06:00' })?.toISOString(),
    ).toBe('2026-11-01T11:00:00.000Z');
  });

  it('do not hold a mandatory security notice: a changed password is told at once, to that person only', async () => {
    const company = await createCompany(app, 'Secure');
    const { staff, viewer } = company.members;
    const now = app.clock.now();
    await staff.caller.notifications.preferences.set({
      timeZone: 'UTC',
      quietHours: { start: utcClock(new Date(now.getTime() - 60 * MINUTE)), end: utcClock(new Date(now.getTime() + 60 * MINUTE)) },
    });
    await staff.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase 42' });
    const mails = await app.mailFor(staff.email);
    expect(mails.map((mail) => mail.subject)).toEqual(['Your Tradeloom password was changed']);
    expect(mails[0]?.text).toContain('If you did not change it, reset your password now');
    expect(await kindsFor(staff)).toEqual(['security.password_changed']);
    expect(await kindsFor(viewer)).toEqual([]);
    expect(await app.mailFor(viewer.email)).toEqual([]);
  });

  it('tell a person in each of their companies when two-factor sign-in is turned off', async () => {
    const first = await createCompany(app, 'TwoFa');
    const second = await createCompany(app, 'TwoFaOther');
    const { manager } = first.members;
    await app.db.insertInto('memberships').values({ company_id: second.id, user_id: manager.id, role: 'viewer' }).execute();
    const codeFor = (secret: string) =>
      generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(app.clock.now().getTime() / 30_000)), 6);
    const { secret } = await manager.caller.twoFactor.beginEnrolment();
    await manager.caller.twoFactor.confirmEnrolment({ code: codeFor(secret) });
    app.clock.advance(30_000);
    await manager.caller.twoFactor.disable({ password: PASSWORD, code: codeFor(secret) });
    const mails = await app.mailFor(manager.email);
    expect(mails.map((mail) => mail.subject)).toEqual([
      'Two-factor sign-in was turned off on your Tradeloom account',
      'Two-factor sign-in was turned off on your Tradeloom account',
    ]);
    const toldFor = mails.map((mail) => [first.name, second.name].find((name) => mail.text.includes(`You get this email for ${name}.`)));
    expect(toldFor.sort()).toEqual([first.name, second.name].sort());
  });
});

import { NOTIFIABLE_KINDS, notificationKindSpec, ROLE_PERMISSIONS } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';
import { deliveriesTo, kindsFor, tell } from './notify-fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('a person’s preferences', () => {
  it('lists only the kinds the person’s role can receive, each with where its setting comes from', async () => {
    const company = await createCompany(app, 'Prefs');
    const prefs = await company.members.viewer.caller.notifications.preferences.get();
    const viewerKinds = NOTIFIABLE_KINDS.filter((kind) => ROLE_PERMISSIONS.viewer.has(notificationKindSpec(kind).permission));
    expect(prefs.rows.map((row) => row.event)).toEqual(viewerKinds);
    expect(prefs.rows.map((row) => row.event)).not.toContain('complaint.escalated');
    expect(prefs.rows.find((row) => row.event === 'order.shipped')).toEqual({
      event: 'order.shipped',
      group: 'orders',
      label: 'A supplier ships your order',
      mandatory: false,
      in_app: { enabled: true, source: 'platform' },
      email: { enabled: true, source: 'platform' },
    });
    expect(prefs).toMatchObject({
      quietHours: null,
      timeZone: 'Asia/Kolkata',
      digest: { enabled: true, hour: 8 },
      email: company.members.viewer.email,
    });
  });

  it('honours each channel: email off means no delivery, in-app off means no notification but the email still goes', async () => {
    const company = await createCompany(app, 'Channels');
    const { staff, viewer } = company.members;
    await staff.caller.notifications.preferences.set({ changes: [{ event: 'order.shipped', channel: 'email', enabled: false }] });
    await viewer.caller.notifications.preferences.set({ changes: [{ event: 'order.shipped', channel: 'in_app', enabled: false }] });
    await tell(app, { companyId: company.id, kind: 'order.shipped', title: 'Acme shipped PO-1' });
    expect(await kindsFor(staff)).toEqual(['order.shipped']);
    expect(await deliveriesTo(app, staff.id)).toEqual([]);
    expect(await kindsFor(viewer)).toEqual([]);
    expect((await deliveriesTo(app, viewer.id)).map((d) => [d.event_type, d.to_address, d.subject, d.notification_id])).toEqual([
      ['order.shipped', viewer.email, 'Acme shipped PO-1', null],
    ]);
    expect((await app.mailFor(viewer.email)).map((mail) => mail.subject)).toEqual(['Acme shipped PO-1']);
    expect(await app.mailFor(staff.email)).toEqual([]);
  });

  it('follows the company default until the person chooses, and goes back to it when they clear their choice', async () => {
    const company = await createCompany(app, 'Defaults');
    const { owner, staff } = company.members;
    await owner.caller.notifications.defaults.set({ changes: [{ event: 'order.delivered', channel: 'email', enabled: true }] });
    const row = async () => (await staff.caller.notifications.preferences.get()).rows.find((r) => r.event === 'order.delivered')?.email;
    expect(await row()).toEqual({ enabled: true, source: 'company' });
    await staff.caller.notifications.preferences.set({ changes: [{ event: 'order.delivered', channel: 'email', enabled: false }] });
    expect(await row()).toEqual({ enabled: false, source: 'user' });
    await tell(app, { companyId: company.id, kind: 'order.delivered' });
    expect(await deliveriesTo(app, staff.id)).toEqual([]);
    expect((await deliveriesTo(app, company.members.viewer.id)).map((d) => d.event_type)).toEqual(['order.delivered']);

    await staff.caller.notifications.preferences.set({ changes: [{ event: 'order.delivered', channel: 'email', enabled: null }] });
    expect(await row()).toEqual({ enabled: true, source: 'company' });
    await owner.caller.notifications.defaults.set({ changes: [{ event: 'order.delivered', channel: 'email', enabled: null }] });
    expect(await row()).toEqual({ enabled: false, source: 'platform' });
  });

  it('refuses to mute a mandatory kind, naming it, and writes nothing', async () => {
    const company = await createCompany(app, 'Mandatory');
    const error = await failure(
      company.members.staff.caller.notifications.preferences.set({
        changes: [
          { event: 'order.shipped', channel: 'email', enabled: false },
          { event: 'security.password_changed', channel: 'email', enabled: false },
        ],
      }),
    );
    expect([error.code, error.reason]).toEqual(['BAD_REQUEST', 'NOTIFICATION_MANDATORY']);
    expect(fieldErrors(error)).toEqual({
      'changes.1.enabled': ['“Your password was changed” (security.password_changed) cannot be turned off'],
    });
    const prefs = await company.members.staff.caller.notifications.preferences.get();
    expect(prefs.rows.find((r) => r.event === 'order.shipped')?.email).toEqual({ enabled: true, source: 'platform' });
    expect(prefs.rows.find((r) => r.event === 'security.password_changed')).toMatchObject({
      mandatory: true,
      in_app: { enabled: true, source: 'platform' },
      email: { enabled: true, source: 'platform' },
    });
    const defaultsError = await failure(
      company.members.owner.caller.notifications.defaults.set({
        changes: [{ event: 'security.two_factor_disabled', channel: 'in_app', enabled: false }],
      }),
    );
    expect([defaultsError.code, defaultsError.reason]).toEqual(['BAD_REQUEST', 'NOTIFICATION_MANDATORY']);
  });

  it('refuses a kind the role never receives, naming the field', async () => {
    const company = await createCompany(app, 'NotMine');
    const error = await failure(
      company.members.viewer.caller.notifications.preferences.set({
        changes: [{ event: 'complaint.escalated', channel: 'email', enabled: true }],
      }),
    );
    expect(fieldErrors(error)).toEqual({ 'changes.0.event': ['complaint.escalated is not a notification your role receives'] });
  });

  it('keeps quiet hours, time zone and digest, changing only what is named', async () => {
    const company = await createCompany(app, 'Settings');
    const me = company.members.staff.caller.notifications.preferences;
    await me.set({ quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Asia/Dubai' });
    await me.set({ digest: { enabled: false, hour: 18 } });
    expect(await me.get()).toMatchObject({
      quietHours: { start: '22:00', end: '07:00' },
      timeZone: 'Asia/Dubai',
      digest: { enabled: false, hour: 18 },
    });
    await me.set({ quietHours: null });
    expect(await me.get()).toMatchObject({ quietHours: null, timeZone: 'Asia/Dubai', digest: { enabled: false, hour: 18 } });
    const bad = await failure(me.set({ quietHours: { start: '25:00', end: '07:00' }, timeZone: 'Mars/Olympus' }));
    expect(fieldErrors(bad)).toEqual({ quietHours: ['must be a time such as 22:00'], timeZone: ['is not a known time zone'] });
  });
});

describe('company defaults', () => {
  it('are an admin’s to set, audited; a manager may not', async () => {
    const company = await createCompany(app, 'Admin');
    expect((await failure(company.members.manager.caller.notifications.defaults.get())).code).toBe('FORBIDDEN');
    const saved = await company.members.admin.caller.notifications.defaults.set({
      changes: [{ event: 'order.shipped', channel: 'email', enabled: false }],
    });
    expect(saved.rows.find((row) => row.event === 'order.shipped')).toEqual({
      event: 'order.shipped',
      group: 'orders',
      label: 'A supplier ships your order',
      mandatory: false,
      in_app: { enabled: true, custom: false },
      email: { enabled: false, custom: true },
    });
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before', 'after'])
      .where('company_id', '=', company.id)
      .where('action', '=', 'notification_defaults.saved')
      .execute();
    expect(audit).toEqual([
      {
        action: 'notification_defaults.saved',
        entity_id: company.id,
        before: { 'order.shipped:email': null },
        after: { 'order.shipped:email': false },
      },
    ]);
  });

  it('have no webhook column: an endpoint picks its own events (Settings → Webhooks)', async () => {
    const company = await createCompany(app, 'No webhook column');
    const defaults = await company.members.admin.caller.notifications.defaults.get();
    expect(Object.keys(defaults.rows[0] ?? {})).not.toContain('webhook');
    const change = { event: 'order.shipped', channel: 'webhook', enabled: false } as unknown as {
      event: string;
      channel: 'email';
      enabled: boolean;
    };
    const refused = await failure(company.members.admin.caller.notifications.defaults.set({ changes: [change] }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(Object.keys(fieldErrors(refused))).toEqual(['changes']);
    expect(await app.db.selectFrom('notification_company_defaults').selectAll().where('company_id', '=', company.id).execute()).toEqual([]);
  });
});

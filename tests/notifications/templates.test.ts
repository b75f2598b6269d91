import { defaultTemplate, NOTIFIABLE_KINDS, TEMPLATE_FIELDS } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, createUser, type TestUser } from '../harness/factories.ts';

// The operators' notification templates: every kind's wording per channel, a preview with sample
// values (escaped where they land), saving an override with known placeholders only, and reset.
// Templates are platform-wide, so each test works on a kind no other test touches.

let app: TestApp;
let operator: TestUser;
beforeAll(async () => {
  app = await setupTestApp();
  operator = await createUser(app, { label: 'tpl-ops' });
  await app.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', operator.id).execute();
});
afterAll(() => app.close());

const templates = () => operator.caller.notifications.templates;
const auditRows = (entityId: string) =>
  app.db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id', 'company_id', 'before', 'after'])
    .where('entity_type', '=', 'notification_template')
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();

describe('notification templates', () => {
  it('lists every kind on both channels with the built-in wording and the field list with labels', async () => {
    const list = await templates().list();
    expect(list.rows).toHaveLength(NOTIFIABLE_KINDS.length * 2);
    expect(list.rows.find((row) => row.event === 'order.shipped' && row.channel === 'email')).toEqual({
      event: 'order.shipped',
      label: 'A supplier ships your order',
      channel: 'email',
      ...defaultTemplate('order.shipped', 'email'),
      custom: false,
    });
    expect(list.rows.find((row) => row.event === 'order.shipped' && row.channel === 'in_app')).toMatchObject({
      subject: '{title}',
      body: '{body}',
      custom: false,
    });
    expect(list.fields.map((field) => field.name)).toEqual([...TEMPLATE_FIELDS]);
    expect(list.fields.find((field) => field.name === 'recipient')?.label).toBe('The person’s name');
  });

  it('saves an override, lists it as custom, audits it, and resets it to the built-in wording', async () => {
    const saved = await templates().save({
      event: 'order.accepted',
      channel: 'email',
      subject: '{actor} accepted {document}',
      body: 'Dear {recipient},\n\n{title}.\n\n{link}',
    });
    expect(saved).toEqual({
      event: 'order.accepted',
      label: 'A supplier accepts your order',
      channel: 'email',
      subject: '{actor} accepted {document}',
      body: 'Dear {recipient},\n\n{title}.\n\n{link}',
      custom: true,
    });
    const listed = (await templates().list()).rows.find((row) => row.event === 'order.accepted' && row.channel === 'email');
    expect(listed).toEqual(saved);
    // The other channel of the kind keeps its own wording.
    const inApp = (await templates().list()).rows.find((row) => row.event === 'order.accepted' && row.channel === 'in_app');
    expect(inApp?.custom).toBe(false);

    const audits = await auditRows('order.accepted:email');
    expect(audits).toEqual([
      {
        action: 'notification_template.saved',
        actor_user_id: operator.id,
        company_id: null,
        before: { ...defaultTemplate('order.accepted', 'email'), custom: false },
        after: { subject: '{actor} accepted {document}', body: 'Dear {recipient},\n\n{title}.\n\n{link}', custom: true },
      },
    ]);

    const reset = await templates().reset({ event: 'order.accepted', channel: 'email' });
    expect(reset).toEqual({
      event: 'order.accepted',
      label: 'A supplier accepts your order',
      channel: 'email',
      ...defaultTemplate('order.accepted', 'email'),
      custom: false,
    });
    const afterReset = (await templates().list()).rows.find((row) => row.event === 'order.accepted' && row.channel === 'email');
    expect(afterReset).toEqual(reset);
    expect((await auditRows('order.accepted:email')).map((row) => row.after)).toEqual([
      { subject: '{actor} accepted {document}', body: 'Dear {recipient},\n\n{title}.\n\n{link}', custom: true },
      { ...defaultTemplate('order.accepted', 'email'), custom: false },
    ]);
  });

  it('saving twice keeps one override, the latest', async () => {
    await templates().save({ event: 'order.cancelled', channel: 'in_app', subject: '{title}', body: 'First {body}' });
    await templates().save({ event: 'order.cancelled', channel: 'in_app', subject: 'Cancelled: {title}', body: 'Second {body}' });
    const rows = await app.db
      .selectFrom('notification_templates')
      .select(['subject', 'body', 'updated_by'])
      .where('event_type', '=', 'order.cancelled')
      .execute();
    expect(rows).toEqual([{ subject: 'Cancelled: {title}', body: 'Second {body}', updated_by: operator.id }]);
  });

  it('resetting a template without an override changes nothing and audits nothing', async () => {
    const reset = await templates().reset({ event: 'order.rejected', channel: 'in_app' });
    expect(reset).toMatchObject({ subject: '{title}', body: '{body}', custom: false });
    expect(await auditRows('order.rejected:in_app')).toEqual([]);
  });

  it('refuses unknown placeholders, naming each per field, and saves nothing', async () => {
    const refused = await failure(
      templates().save({
        event: 'order.submitted',
        channel: 'email',
        subject: 'New order {documnet}',
        body: 'Hello {foo} and {bar}, {title}',
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(fieldErrors(refused)).toEqual({
      subject: ['unknown placeholder {documnet}'],
      body: ['unknown placeholders {foo}, {bar}'],
    });
    const stored = await app.db.selectFrom('notification_templates').select('body').where('event_type', '=', 'order.submitted').execute();
    expect(stored).toEqual([]);
    expect(await auditRows('order.submitted:email')).toEqual([]);
  });

  it('refuses an unknown event and an empty body, naming the field', async () => {
    const unknownEvent = await failure(templates().save({ event: 'order.teleported', channel: 'email', subject: 'x', body: 'y' }));
    expect(fieldErrors(unknownEvent).event).toEqual(['is not a notification this app sends']);
    const empty = await failure(templates().save({ event: 'order.completed', channel: 'email', subject: '{title}', body: '   ' }));
    expect(fieldErrors(empty).body).toEqual(['is required']);
  });

  it('previews a draft with sample values: the company name escaped in the HTML, kept as typed in the text', async () => {
    const preview = await templates().preview({
      event: 'order.delivered',
      channel: 'email',
      subject: '{company}: {document}\r\nBcc: someone',
      body: 'Hello {recipient},\n\n{company} — {document}\n\n{link}',
    });
    expect(preview.subject).toBe('Shree <b>Cotton</b> & Sons: PO-2026-000123 Bcc: someone');
    expect(preview.text).toBe(
      'Hello Asha Rao,\n\nShree <b>Cotton</b> & Sons — PO-2026-000123\n\nhttp://tradeloom.test/orders/00000000-0000-4000-8000-000000000000\n',
    );
    expect(preview.html).toContain('Shree &lt;b&gt;Cotton&lt;/b&gt; &amp; Sons — PO-2026-000123');
    expect(preview.html).not.toContain('<b>');
    expect(preview.html).toContain(
      '<a href="http://tradeloom.test/orders/00000000-0000-4000-8000-000000000000">http://tradeloom.test/orders/00000000-0000-4000-8000-000000000000</a>',
    );
    // A preview saves nothing.
    expect(await app.db.selectFrom('notification_templates').select('body').where('event_type', '=', 'order.delivered').execute()).toEqual(
      [],
    );
  });

  it('previews the saved template when no draft is given, and refuses a draft with an unknown placeholder', async () => {
    await templates().save({
      event: 'order.in_progress',
      channel: 'email',
      subject: 'Work started: {document}',
      body: '{actor} started {document}.',
    });
    const preview = await templates().preview({ event: 'order.in_progress', channel: 'email' });
    expect(preview.subject).toBe('Work started: PO-2026-000123');
    expect(preview.text).toBe('Shree <b>Cotton</b> & Sons started PO-2026-000123.\n');
    const refused = await failure(templates().preview({ event: 'order.in_progress', channel: 'email', body: '{nope}' }));
    expect(fieldErrors(refused)).toEqual({ body: ['unknown placeholder {nope}'] });
  });

  it('is for operators only: a company owner is FORBIDDEN from every procedure, and nothing is saved', async () => {
    const company = await createCompany(app, 'TplCo');
    const owner = company.members.owner.caller.notifications.templates;
    const attempts = [
      () => owner.list(),
      () => owner.preview({ event: 'order.shipped', channel: 'email' }),
      () => owner.save({ event: 'order.shipped', channel: 'email', subject: '{title}', body: 'Hacked' }),
      () => owner.reset({ event: 'order.shipped', channel: 'email' }),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe('FORBIDDEN');
    expect(await app.db.selectFrom('notification_templates').select('body').where('event_type', '=', 'order.shipped').execute()).toEqual(
      [],
    );
  });
});

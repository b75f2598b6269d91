import { inTransaction } from '@tradeloom/db';
import {
  defaultTemplate,
  NOTIFIABLE_KINDS,
  NOTIFICATION_CHANNELS,
  type NotifiableKind,
  type NotificationChannel,
  type NotificationTemplate,
  notificationKindSpec,
  type previewTemplateInput,
  renderTemplate,
  type saveTemplateInput,
  TEMPLATE_FIELD_LABELS,
  TEMPLATE_FIELDS,
  type TemplateFields,
  type templateKeyInput,
  type templateList,
  type templatePreview,
  unknownPlaceholders,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { ServiceContext } from '../../deps.ts';
import { invalidFields } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { templateFor, templateKey, templateOverrides } from './template-store.ts';

// The operators' template screens: every kind's wording per channel, a preview with sample
// values, saving an override (only known placeholders) and going back to the built-in wording.
// The wording itself is read and written through template-store.ts, as the email job reads it.

type TemplateRow = z.infer<typeof templateList>['rows'][number];
type TemplateKey = z.infer<typeof templateKeyInput>;

function rowOf(kind: NotifiableKind, channel: NotificationChannel, template: NotificationTemplate, custom: boolean): TemplateRow {
  return { event: kind, label: notificationKindSpec(kind).label, channel, subject: template.subject, body: template.body, custom };
}

// zod's enum already limits `event` to the catalog's kinds.
const kindOf = (key: TemplateKey) => key.event as NotifiableKind;

export async function listTemplates(ctx: ServiceContext): Promise<z.infer<typeof templateList>> {
  const overrides = await templateOverrides(ctx.deps.db);
  const rows = NOTIFIABLE_KINDS.flatMap((kind) =>
    NOTIFICATION_CHANNELS.map((channel) => {
      const override = overrides.get(templateKey(kind, channel));
      return override ? rowOf(kind, channel, override, true) : rowOf(kind, channel, defaultTemplate(kind, channel), false);
    }),
  );
  return { rows, fields: TEMPLATE_FIELDS.map((name) => ({ name, label: TEMPLATE_FIELD_LABELS[name] })) };
}

/** Refuses placeholders that are not fields, naming each per field: `body: unknown placeholder {foo}`. */
function assertKnownPlaceholders(template: Partial<NotificationTemplate>): void {
  const problems: Record<string, string> = {};
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(template[field] ?? '');
    if (unknown.length > 0) {
      problems[field] = `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `{${name}}`).join(', ')}`;
    }
  }
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
}

/** A company name with markup and an ampersand, so the preview shows the escaping at work. */
const SAMPLE_COMPANY = 'Shree <b>Cotton</b> & Sons';

function sampleFields(ctx: ServiceContext, kind: NotifiableKind): TemplateFields {
  const app = ctx.deps.config.publicUrl;
  return {
    recipient: 'Asha Rao',
    company: SAMPLE_COMPANY,
    title: `${SAMPLE_COMPANY}: ${notificationKindSpec(kind).label}`,
    body: 'Any further detail the notification carries appears here.',
    actor: SAMPLE_COMPANY,
    document: 'PO-2026-000123',
    link: `${app}/orders/00000000-0000-4000-8000-000000000000`,
    settingsLink: `${app}/settings/notifications`,
  };
}

export async function previewTemplate(
  ctx: ServiceContext,
  input: z.infer<typeof previewTemplateInput>,
): Promise<z.infer<typeof templatePreview>> {
  const kind = kindOf(input);
  const saved = await templateFor(ctx.deps.db, kind, input.channel);
  const draft = { subject: input.subject ?? saved.subject, body: input.body ?? saved.body };
  assertKnownPlaceholders(draft);
  return renderTemplate(draft, sampleFields(ctx, kind));
}

export async function saveTemplate(
  ctx: ServiceContext,
  operatorUserId: string,
  input: z.infer<typeof saveTemplateInput>,
): Promise<TemplateRow> {
  assertKnownPlaceholders(input);
  const kind = kindOf(input);
  return inTransaction(ctx.deps.db, async (trx) => {
    const before = await templateFor(trx, kind, input.channel);
    const now = ctx.deps.clock.now();
    await trx
      .insertInto('notification_templates')
      .values({
        event_type: kind,
        channel: input.channel,
        subject: input.subject,
        body: input.body,
        updated_by: operatorUserId,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['event_type', 'channel'])
          .doUpdateSet({ subject: input.subject, body: input.body, updated_by: operatorUserId, updated_at: now }),
      )
      .execute();
    await recordAudit(trx, { userId: operatorUserId }, ctx.request, {
      companyId: null,
      action: 'notification_template.saved',
      entityType: 'notification_template',
      entityId: templateKey(kind, input.channel),
      before: { subject: before.subject, body: before.body, custom: before.custom },
      after: { subject: input.subject, body: input.body, custom: true },
    });
    return rowOf(kind, input.channel, input, true);
  });
}

/** Back to the built-in wording; resetting a template that has no override changes nothing. */
export async function resetTemplate(ctx: ServiceContext, operatorUserId: string, input: TemplateKey): Promise<TemplateRow> {
  const kind = kindOf(input);
  return inTransaction(ctx.deps.db, async (trx) => {
    const removed = await trx
      .deleteFrom('notification_templates')
      .where('event_type', '=', kind)
      .where('channel', '=', input.channel)
      .returning(['subject', 'body'])
      .executeTakeFirst();
    const builtIn = await templateFor(trx, kind, input.channel);
    if (removed) {
      await recordAudit(trx, { userId: operatorUserId }, ctx.request, {
        companyId: null,
        action: 'notification_template.saved',
        entityType: 'notification_template',
        entityId: templateKey(kind, input.channel),
        before: { subject: removed.subject, body: removed.body, custom: true },
        after: { subject: builtIn.subject, body: builtIn.body, custom: false },
      });
    }
    return rowOf(kind, input.channel, builtIn, builtIn.custom);
  });
}

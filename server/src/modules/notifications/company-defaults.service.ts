import { inTransaction } from '@tradeloom/db';
import {
  type CompanyDefaults,
  NOTIFIABLE_KINDS,
  type NotifiableKind,
  type NotificationChannel,
  notificationKindSpec,
  type setCompanyDefaultsInput,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, Executor, ServiceContext } from '../../deps.ts';
import { invalidFields } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { choiceKey, companyChoices, resolveChannel } from './channel-settings.ts';

// What the company's members hear by default, per kind and channel, set by an admin: a member's
// own choice still wins, and a mandatory kind is on whatever is saved here.

export async function getCompanyDefaults(ctx: ServiceContext, actor: CompanyActor): Promise<CompanyDefaults> {
  return readDefaults(ctx.deps.db, actor.companyId);
}

async function readDefaults(db: Executor, companyId: string): Promise<CompanyDefaults> {
  const company = await companyChoices(db, companyId);
  const cell = (kind: NotifiableKind, channel: NotificationChannel) => {
    const setting = resolveChannel(notificationKindSpec(kind), channel, { company: company.get(choiceKey(kind, channel)) });
    return { enabled: setting.enabled, custom: setting.source === 'company' };
  };
  return {
    rows: NOTIFIABLE_KINDS.map((kind) => {
      const spec = notificationKindSpec(kind);
      return {
        event: kind,
        group: spec.group,
        label: spec.label,
        mandatory: spec.mandatory === true,
        in_app: cell(kind, 'in_app'),
        email: cell(kind, 'email'),
      };
    }),
  };
}

type SetDefaults = z.infer<typeof setCompanyDefaultsInput>;

/** `enabled: null` goes back to the platform default; turning a mandatory kind off is refused, naming it. */
export async function setCompanyDefaults(ctx: ServiceContext, actor: CompanyActor, input: SetDefaults): Promise<CompanyDefaults> {
  const problems: Record<string, string> = {};
  input.changes.forEach((change, index) => {
    const spec = notificationKindSpec(change.event as NotifiableKind);
    if (spec.mandatory && change.enabled === false) {
      problems[`changes.${index}.enabled`] = `“${spec.label}” (${change.event}) cannot be turned off`;
    }
  });
  if (Object.keys(problems).length) throw invalidFields(problems, 'NOTIFICATION_MANDATORY');
  const now = ctx.deps.clock.now();
  return inTransaction(ctx.deps.db, async (trx) => {
    const before = await companyChoices(trx, actor.companyId);
    for (const change of input.changes) {
      if (change.enabled === null) {
        await trx
          .deleteFrom('notification_company_defaults')
          .where('company_id', '=', actor.companyId)
          .where('event_type', '=', change.event)
          .where('channel', '=', change.channel)
          .execute();
      } else {
        const enabled = change.enabled;
        await trx
          .insertInto('notification_company_defaults')
          .values({
            company_id: actor.companyId,
            event_type: change.event,
            channel: change.channel,
            enabled,
            updated_by: actor.userId,
            updated_at: now,
          })
          .onConflict((oc) =>
            oc.columns(['company_id', 'event_type', 'channel']).doUpdateSet({ enabled, updated_by: actor.userId, updated_at: now }),
          )
          .execute();
      }
    }
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'notification_defaults.saved',
      entityType: 'company',
      entityId: actor.companyId,
      before: Object.fromEntries(
        input.changes.map((change) => [
          choiceKey(change.event, change.channel),
          before.get(choiceKey(change.event, change.channel)) ?? null,
        ]),
      ),
      after: Object.fromEntries(input.changes.map((change) => [choiceKey(change.event, change.channel), change.enabled])),
    });
    return readDefaults(trx, actor.companyId);
  });
}

import { type Executor, inTransaction } from '@tradeloom/db';
import {
  NOTIFIABLE_KINDS,
  type NotifiableKind,
  type NotificationChannel,
  type NotificationPreferences,
  notificationKindSpec,
  type Permission,
  type setPreferencesInput,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { invalidFields } from '../../trpc/errors.ts';
import { findUserProfile } from '../auth/user-reads.ts';
import { choiceKey, companyChoices, personChoices, resolveChannel } from './channel-settings.ts';
import { personOf } from './notifications.service.ts';
import { userSettingsFor } from './user-settings.ts';

// A person's own choices in the active company: per kind and channel (only the kinds their role
// may receive), and, across their companies, quiet hours, time zone and the daily digest.

/** The kinds a member with these permissions can be told of, in catalog order. */
export function receivableKinds(permissions: ReadonlySet<Permission>): NotifiableKind[] {
  return NOTIFIABLE_KINDS.filter((kind) => permissions.has(notificationKindSpec(kind).permission));
}

export async function getPreferences(ctx: ServiceContext, actor: CompanyActor): Promise<NotificationPreferences> {
  return readPreferences(ctx.deps.db, actor.companyId, personOf(actor), actor.permissions);
}

async function readPreferences(
  db: Executor,
  companyId: string,
  userId: string,
  permissions: ReadonlySet<Permission>,
): Promise<NotificationPreferences> {
  const kinds = receivableKinds(permissions);
  const [company, people, settings, profile] = await Promise.all([
    companyChoices(db, companyId, kinds),
    personChoices(db, companyId, [userId], kinds),
    userSettingsFor(db, userId),
    findUserProfile(db, userId),
  ]);
  const own = people.get(userId);
  return {
    rows: kinds.map((kind) => {
      const spec = notificationKindSpec(kind);
      const setting = (channel: NotificationChannel) =>
        resolveChannel(spec, channel, { person: own?.get(choiceKey(kind, channel)), company: company.get(choiceKey(kind, channel)) });
      return {
        event: kind,
        group: spec.group,
        label: spec.label,
        mandatory: spec.mandatory === true,
        in_app: setting('in_app'),
        email: setting('email'),
      };
    }),
    quietHours: settings.quietHours,
    timeZone: settings.timeZone,
    digest: settings.digest,
    email: profile.email,
  };
}

type SetPreferences = z.infer<typeof setPreferencesInput>;

/** Refuses, naming the field, a kind the role never receives and a mandatory kind turned off. */
function checkChanges(changes: NonNullable<SetPreferences['changes']>, permissions: ReadonlySet<Permission>): void {
  const receivable = new Set(receivableKinds(permissions));
  const problems: Record<string, string> = {};
  let mandatory = false;
  changes.forEach((change, index) => {
    const kind = change.event as NotifiableKind;
    if (!receivable.has(kind)) {
      problems[`changes.${index}.event`] = `${kind} is not a notification your role receives`;
    } else if (notificationKindSpec(kind).mandatory && change.enabled === false) {
      mandatory = true;
      problems[`changes.${index}.enabled`] = `“${notificationKindSpec(kind).label}” (${kind}) cannot be turned off`;
    }
  });
  if (Object.keys(problems).length) throw invalidFields(problems, mandatory ? 'NOTIFICATION_MANDATORY' : undefined);
}

/**
 * Saves what the person changed and nothing else: `enabled: null` deletes their row (back to the
 * company default). A mandatory kind keeps no row: it is on whatever is saved.
 */
export async function setPreferences(ctx: ServiceContext, actor: CompanyActor, input: SetPreferences): Promise<NotificationPreferences> {
  const userId = personOf(actor);
  if (input.changes) checkChanges(input.changes, actor.permissions);
  const now = ctx.deps.clock.now();
  return inTransaction(ctx.deps.db, async (trx) => {
    for (const change of input.changes ?? []) {
      const key = { user_id: userId, company_id: actor.companyId, event_type: change.event, channel: change.channel };
      if (change.enabled === null || notificationKindSpec(change.event as NotifiableKind).mandatory) {
        await trx
          .deleteFrom('notification_preferences')
          .where('user_id', '=', key.user_id)
          .where('company_id', '=', key.company_id)
          .where('event_type', '=', key.event_type)
          .where('channel', '=', key.channel)
          .execute();
      } else {
        await trx
          .insertInto('notification_preferences')
          .values({ ...key, enabled: change.enabled, updated_at: now })
          .onConflict((oc) =>
            oc
              .columns(['user_id', 'company_id', 'event_type', 'channel'])
              .doUpdateSet({ enabled: change.enabled as boolean, updated_at: now }),
          )
          .execute();
      }
    }
    await saveUserSettings(trx, userId, input, now);
    return readPreferences(trx, actor.companyId, userId, actor.permissions);
  });
}

/** Quiet hours, time zone and digest: only what the input names changes. */
async function saveUserSettings(trx: Executor, userId: string, input: SetPreferences, now: Date): Promise<void> {
  const changes = {
    ...(input.quietHours !== undefined ? { quiet_start: input.quietHours?.start ?? null, quiet_end: input.quietHours?.end ?? null } : {}),
    ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    ...(input.digest !== undefined ? { digest_enabled: input.digest.enabled, digest_hour: input.digest.hour } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  await trx
    .insertInto('notification_user_settings')
    .values({ user_id: userId, ...changes, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...changes, updated_at: now }))
    .execute();
}

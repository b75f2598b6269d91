import type { Executor } from '@tradeloom/db';
import type { NotifiableKind, NotificationChannel, NotificationKindSpec } from '@tradeloom/shared';

// Whether a kind reaches a person on a channel, and why: a mandatory kind always does; else the
// person's own choice, else their company admin's default, else the catalog's. The engine, the
// preferences screen and the company defaults all read it here, so what a person sees in their
// settings is what the engine does.

export type SettingSource = 'user' | 'company' | 'platform';
export interface ChannelSetting {
  enabled: boolean;
  source: SettingSource;
}

export function resolveChannel(
  spec: NotificationKindSpec,
  channel: NotificationChannel,
  choices: { person?: boolean; company?: boolean },
): ChannelSetting {
  if (spec.mandatory) return { enabled: true, source: 'platform' };
  if (choices.person !== undefined) return { enabled: choices.person, source: 'user' };
  if (choices.company !== undefined) return { enabled: choices.company, source: 'company' };
  return { enabled: spec.defaults[channel], source: 'platform' };
}

export const choiceKey = (kind: string, channel: NotificationChannel) => `${kind}:${channel}`;

/** The company admin's defaults, keyed by `choiceKey`; only the given kinds when named. */
export async function companyChoices(db: Executor, companyId: string, kinds?: readonly NotifiableKind[]): Promise<Map<string, boolean>> {
  let query = db
    .selectFrom('notification_company_defaults')
    .select(['event_type', 'channel', 'enabled'])
    .where('company_id', '=', companyId);
  if (kinds) query = query.where('event_type', 'in', kinds.length ? kinds : ['']);
  const rows = await query.execute();
  return new Map(rows.map((row) => [choiceKey(row.event_type, row.channel), row.enabled]));
}

/** People's own choices in a company, per person, keyed by `choiceKey`. */
export async function personChoices(
  db: Executor,
  companyId: string,
  userIds: readonly string[],
  kinds?: readonly NotifiableKind[],
): Promise<Map<string, Map<string, boolean>>> {
  const byPerson = new Map<string, Map<string, boolean>>();
  if (userIds.length === 0) return byPerson;
  let query = db
    .selectFrom('notification_preferences')
    .select(['user_id', 'event_type', 'channel', 'enabled'])
    .where('company_id', '=', companyId)
    .where('user_id', 'in', userIds);
  if (kinds) query = query.where('event_type', 'in', kinds.length ? kinds : ['']);
  for (const row of await query.execute()) {
    const own = byPerson.get(row.user_id) ?? new Map<string, boolean>();
    own.set(choiceKey(row.event_type, row.channel), row.enabled);
    byPerson.set(row.user_id, own);
  }
  return byPerson;
}

import type { Executor } from '@tradeloom/db';

// A person's quiet hours, time zone and digest choice (one row across their companies; none
// means the defaults below, which are also the table's column defaults).

export interface UserNotificationSettings {
  timeZone: string;
  /** 'HH:MM' on the person's wall clock, or null when quiet hours are off. */
  quietHours: { start: string; end: string } | null;
  digest: { enabled: boolean; hour: number };
}

export const DEFAULT_USER_SETTINGS: UserNotificationSettings = {
  timeZone: 'Asia/Kolkata',
  quietHours: null,
  digest: { enabled: true, hour: 8 },
};

/** 'HH:MM:SS' from the time column, as people write it. */
const clockTime = (time: string) => time.slice(0, 5);

export async function userSettingsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, UserNotificationSettings>> {
  const settings = new Map<string, UserNotificationSettings>();
  if (userIds.length === 0) return settings;
  const rows = await db
    .selectFrom('notification_user_settings')
    .select(['user_id', 'time_zone', 'quiet_start', 'quiet_end', 'digest_enabled', 'digest_hour'])
    .where('user_id', 'in', userIds)
    .execute();
  for (const row of rows) {
    settings.set(row.user_id, {
      timeZone: row.time_zone,
      quietHours: row.quiet_start && row.quiet_end ? { start: clockTime(row.quiet_start), end: clockTime(row.quiet_end) } : null,
      digest: { enabled: row.digest_enabled, hour: row.digest_hour },
    });
  }
  return settings;
}

export async function userSettingsFor(db: Executor, userId: string): Promise<UserNotificationSettings> {
  return (await userSettingsOf(db, [userId])).get(userId) ?? DEFAULT_USER_SETTINGS;
}

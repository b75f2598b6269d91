// Quiet hours: a person's daily window, on their own wall clock, in which no email reaches them.
// The window may span midnight (22:00–07:00). An email due inside it waits for its end.

export interface QuietHours {
  timeZone: string;
  /** 'HH:MM' or 'HH:MM:SS' on the person's wall clock. */
  start: string;
  end: string;
}

const MINUTES_PER_DAY = 24 * 60;

function minutesOf(clockTime: string): number {
  const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The wall-clock date and minute of the day of an instant in a time zone. */
function wallClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return { ...parts, minuteOfDay: parts.hour * 60 + parts.minute };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const wall = wallClock(at, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a wall-clock time happens in a zone (checked twice, so a DST change between is met). */
function instantOf(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): Date {
  const wallAsUtc = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  let instant = wallAsUtc - zoneOffsetMs(new Date(wallAsUtc), timeZone);
  instant = wallAsUtc - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** When the quiet period holding `now` ends, or null when `now` is outside quiet hours. */
export function quietUntil(now: Date, quiet: QuietHours): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const wall = wallClock(now, quiet.timeZone);
  const minute = wall.minuteOfDay;
  const spansMidnight = start > end;
  const inside = spansMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return null;
  // The end falls later today, or (after midnight's start) tomorrow.
  const daysAhead = spansMidnight && minute >= start ? 1 : 0;
  const endDay = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + daysAhead));
  return instantOf(endDay.getUTCFullYear(), endDay.getUTCMonth() + 1, endDay.getUTCDate(), end % MINUTES_PER_DAY, quiet.timeZone);
}

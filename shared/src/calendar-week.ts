// "Today" and "this week" as a company's staff live them: a Kolkata mill's Monday starts at
// 18:30 UTC on Sunday, so a UTC date would put Monday-morning deliveries in last week.

/** The time zone a company's calendar follows when its country's is not known: India's. */
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

/** Countries with one time zone the platform serves; others fall back to the default. */
const COUNTRY_TIME_ZONES: Record<string, string> = {
  IN: 'Asia/Kolkata',
  AE: 'Asia/Dubai',
  SG: 'Asia/Singapore',
  GB: 'Europe/London',
  DE: 'Europe/Berlin',
  JP: 'Asia/Tokyo',
  BD: 'Asia/Dhaka',
  LK: 'Asia/Colombo',
  NP: 'Asia/Kathmandu',
};

export function companyTimeZone(country: string | null | undefined): string {
  return (country && COUNTRY_TIME_ZONES[country.toUpperCase()]) || DEFAULT_TIME_ZONE;
}

/** The calendar date (`YYYY-MM-DD`) it is at `now` in `timeZone`. */
export function calendarDate(now: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The Monday-to-Sunday week holding `day` (`YYYY-MM-DD`), both ends included. */
export function weekOf(day: string): { from: string; to: string } {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const shift = (days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return { from: shift(-sinceMonday), to: shift(6 - sinceMonday) };
}

import { DEFAULT_LOCALE } from '@tradeloom/shared';

// Dates read in the active company's locale, not the browser's: an Indian mill's staff see
// "30 Nov 2026" even in an en-US browser. The locale follows the company's country (en-IN for IN,
// en-AE for AE…); the layout sets it when the active company is known.
let dateTime = new Intl.DateTimeFormat(DEFAULT_LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
let dateOnly = new Intl.DateTimeFormat(DEFAULT_LOCALE, { dateStyle: 'medium' });

/** The locale a company in `country` (ISO 3166 alpha-2) reads: English with that country's habits. */
export function companyLocale(country: string | null | undefined): string {
  const candidate = country ? `en-${country.toUpperCase()}` : DEFAULT_LOCALE;
  return Intl.DateTimeFormat.supportedLocalesOf([candidate]).length ? candidate : DEFAULT_LOCALE;
}

/** Dates from now on read in `locale`. */
export function setDateLocale(locale: string): void {
  if (dateOnly.resolvedOptions().locale === locale) return;
  dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
}
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as it travels (plain JSON): a calendar date `YYYY-MM-DD` is read at local midnight (as
 * UTC it would show the day before west of Greenwich); an instant is ISO-8601 with its offset.
 */
function fromWire(value: string): Date {
  return new Date(CALENDAR_DATE.test(value) ? `${value}T00:00:00` : value);
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dateTime.format(fromWire(value)) : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dateOnly.format(fromWire(value)) : '—';
}

/** "Chrome on Linux"-style summary of a user agent, good enough for a sessions list. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Chrome\//.test(userAgent)
      ? 'Chrome'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : /node|undici/i.test(userAgent)
            ? 'Program'
            : 'Browser';
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /Mac OS X/.test(userAgent)
      ? 'macOS'
      : /Android/.test(userAgent)
        ? 'Android'
        : /iPhone|iPad/.test(userAgent)
          ? 'iOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

/** A stored decimal as a person types it: "265.5000" → "265.5", "500.000" → "500". */
export const trimZeros = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

const MINUTE = 60_000;

/** A `datetime-local` input's value ("2026-12-05T17:00", the browser's time zone) for an instant. */
export function toLocalInput(value: string | Date): string {
  const date = new Date(value);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * MINUTE);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value as the instant the server takes; empty or unreadable stays as typed, for the schema to name. */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
}

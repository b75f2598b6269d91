import { formatDate, formatDateTime } from '../../lib/format.ts';

// An audit entry's before/after as people read it: field names as labels, values as words and
// dates, each change on its own line and never cut (the table wraps them).

// Names whose sentence-cased form would read wrongly.
const LABELS: Record<string, string> = {
  taxId: 'GSTIN / tax id',
  gstin: 'GSTIN',
  hsnCode: 'HSN code',
  sku: 'SKU',
  shipTo: 'Ship to',
  isHeadOffice: 'Head office',
  isBuyer: 'Buys',
  isSupplier: 'Sells',
};

/** `requestedDeliveryDate` or `order_date` → "Requested delivery date", "Order date". */
export function fieldLabel(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
// Machine words stored as values (statuses, roles): `in_progress` reads "in progress".
const CODE = /^[a-z]+(_[a-z]+)+$/;

/** A stored value in words: dates formatted, yes/no, lists joined, nothing shown as JSON braces. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (CALENDAR_DATE.test(value)) return formatDate(value);
    if (INSTANT.test(value)) return formatDateTime(value);
    return CODE.test(value) ? value.replace(/_/g, ' ') : value;
  }
  if (Array.isArray(value)) return value.length ? value.map(formatValue).join(', ') : 'none';
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${fieldLabel(key)} ${formatValue(inner)}`)
    .join(', ');
}

export interface ChangeLine {
  label: string;
  /** Absent when the field was set for the first time. */
  before?: string;
  after: string;
}

/** One line per field that differs: its label, the old value (if any) and the new one. */
export function describeChange(before: unknown, after: unknown): ChangeLine[] {
  const was = (before ?? {}) as Record<string, unknown>;
  const now = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return keys
    .filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]))
    .map((key) => ({
      label: fieldLabel(key),
      ...(key in was ? { before: formatValue(was[key]) } : {}),
      after: key in now ? formatValue(now[key]) : '(removed)',
    }));
}

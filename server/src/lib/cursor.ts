import { type Expression, type SqlBool, sql } from 'kysely';
import { invalidFields } from '../trpc/errors.ts';

// Opaque keyset cursors: the sort key of the last row seen, e.g. [name, id].

function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The values of a cursor we issued with `length` entries; anything else is refused as `cursor`. */
function decodeCursor(cursor: string, length: number): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== length || !values.every(isCursorText)) throw invalidCursor();
  return values;
}

// Names are at most 200 characters; a NUL would reach the query (the input guard sees only the
// encoded cursor).
function isCursorText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 200 && !value.includes('\u0000');
}

/** A page ordered by (name, id) ends at a row; the next page starts after it. */
export function nameIdCursor(row: { name: string; id: string }): string {
  return encodeCursor([row.name, row.id]);
}

export function decodeNameIdCursor(cursor: string): { name: string; id: string } {
  const [name = '', id = ''] = decodeCursor(cursor, 2);
  if (!UUID.test(id)) throw invalidCursor();
  return { name, id };
}

export function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, '\\$&');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of newest-first rows ends at a row; the next page starts after it. */
export function rowCursor(lastId: string): string {
  return encodeCursor([lastId]);
}

/**
 * Rows after the cursor's row, newest first by (created_at, id). The database compares its own
 * stored values, so the microseconds a JavaScript Date drops cannot skip rows, and the row
 * comparison is an index condition: a deep page is one index descent, not a scan past every
 * earlier row (bench: 2.1 ms → 0.1 ms at row 2,000).
 */
export function olderThanCursorRow(cursor: string, table: 'orders' | 'work_orders' | 'partner_links', alias: string) {
  const [id = ''] = decodeCursor(cursor, 1);
  if (!UUID.test(id)) throw invalidCursor();
  return sql<SqlBool>`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) < (select k.created_at, k.id from ${sql.table(table)} as k where k.id = ${id})`;
}

/**
 * Rows after the cursor's row in a list sorted by (key, id), either way. The cursor names the
 * last row seen; the database reads that row's own key, so ties on the key are broken by id and
 * no row is skipped or repeated across pages. `scope` keeps the cursor row to the reader's own
 * rows, so a foreign id positions nothing.
 */
export function afterCursorRow(
  cursor: string,
  table: {
    name:
      | 'orders'
      | 'work_orders'
      | 'partner_links'
      | 'products'
      | 'tenders'
      | 'tender_invitations'
      | 'lots'
      | 'trade_offers'
      | 'negotiations'
      | 'contracts'
      | 'conversations'
      | 'complaints'
      | 'invoices'
      | 'webhook_deliveries'
      | 'disputes'
      | 'deliveries';
    alias: string;
  },
  key: (alias: string) => Expression<unknown>,
  direction: 'asc' | 'desc',
  scope: (alias: string) => Expression<SqlBool>,
) {
  const [id = ''] = decodeCursor(cursor, 1);
  if (!UUID.test(id)) throw invalidCursor();
  const compare = direction === 'asc' ? sql`>` : sql`<`;
  const { name, alias } = table;
  return sql<SqlBool>`(${key(alias)}, ${sql.ref(`${alias}.id`)}) ${compare} (select ${key('k')}, k.id from ${sql.table(name)} as k where k.id = ${id} and ${scope('k')})`;
}

/** A page of rows keyed by a growing integer id (messages), newest first, ends at a row id. */
export function serialCursor(lastId: number): string {
  return encodeCursor([String(lastId)]);
}

export function decodeSerialCursor(cursor: string): number {
  const [id = ''] = decodeCursor(cursor, 1);
  if (!/^[1-9]\d{0,15}$/.test(id)) throw invalidCursor();
  return Number(id);
}

function invalidCursor() {
  return invalidFields({ cursor: 'is not a valid page cursor; start from the first page' }, 'CURSOR_INVALID');
}

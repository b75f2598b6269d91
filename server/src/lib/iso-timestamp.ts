import { type Expression, type RawBuilder, sql } from 'kysely';

// The wire is plain JSON: an instant travels as ISO-8601 UTC text with milliseconds
// (`2026-11-30T16:51:42.123Z`, what `Date#toISOString` writes and `z.iso.datetime()` accepts).
// PostgreSQL writes it in the select, so a read builds no Date per row only to print it again.

/** A `timestamptz` column as ISO-8601 UTC text; `null` stays `null`. */
export function isoTimestamp<T extends Date | null>(column: Expression<T>): RawBuilder<T extends Date ? string : null> {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

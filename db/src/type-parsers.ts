import pg from 'pg';

// One set of parsers for both drivers, so a test on PGlite tells the truth about PostgreSQL.
// OIDs from pg_type: int8 20, numeric 1700, date 1082, timestamp 1114, timestamptz 1184.
export const PG_OID = { bytea: 17, int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  // counts and sequence values: safe as numbers far beyond anything we count
  [PG_OID.int8]: (value) => Number(value),
  // money and quantities stay exact: decimal strings, computed with decimal.js
  [PG_OID.numeric]: (value) => value,
  // a calendar date is not an instant: keep 'YYYY-MM-DD'
  [PG_OID.date]: (value) => value,
  // bytes: Uint8Array on both (pg alone would hand out Buffer)
  [PG_OID.bytea]: (value) => new Uint8Array(pg.types.getTypeParser(PG_OID.bytea)(value) as Buffer),
  // instants: pg's own parser on both drivers
  [PG_OID.timestamptz]: pg.types.getTypeParser(PG_OID.timestamptz),
};

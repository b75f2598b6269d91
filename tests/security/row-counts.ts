import { sql } from 'kysely';
import type { TestApp } from '../harness/app.ts';

// Tables that record failed attempts on purpose (login throttling, security events) or that a
// validated read touches by design (a session's last-used time): not "writes" of a failed call.
const ATTEMPT_TABLES = new Set(['rate_limits', 'security_events', 'sessions', 'kysely_migration', 'kysely_migration_lock']);

async function checkedTables(app: TestApp): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(app.db);
  return tables.rows.map((t) => t.name).filter((name) => !ATTEMPT_TABLES.has(name));
}

/** Rows per table of the whole public schema, to prove a failed call wrote nothing. */
export async function rowCounts(app: TestApp): Promise<Record<string, number>> {
  const union = sql.join(
    (await checkedTables(app)).map((name) => sql`select ${name}::text as name, count(*)::int as n from ${sql.table(name)}`),
    sql` union all `,
  );
  const counts = await sql<{ name: string; n: number }>`${union}`.execute(app.db);
  return Object.fromEntries(counts.rows.map((row) => [row.name, Number(row.n)]));
}

/**
 * Per table, the row count and a hash of every row's content: unlike counts alone, it also
 * changes when a call UPDATEs a row (a read that stamps "seen", bumps a counter, renumbers).
 */
export async function tableFingerprints(app: TestApp): Promise<Record<string, string>> {
  const union = sql.join(
    (await checkedTables(app)).map(
      (name) => sql`select ${name}::text as name,
        count(*) || ':' || coalesce(md5(string_agg(md5(t::text), ',' order by md5(t::text))), '') as fingerprint
        from ${sql.table(name)} as t`,
    ),
    sql` union all `,
  );
  const rows = await sql<{ name: string; fingerprint: string }>`${union}`.execute(app.db);
  return Object.fromEntries(rows.rows.map((row) => [row.name, row.fingerprint]));
}

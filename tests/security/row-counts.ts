import { sql } from 'kysely';
import type { TestApp } from '../harness/app.ts';

// Tables that record failed attempts on purpose (login throttling, security events) or that a
// validated read touches by design (a session's last-used time): not "writes" of a failed call.
const ATTEMPT_TABLES = new Set(['rate_limits', 'security_events', 'sessions', 'kysely_migration', 'kysely_migration_lock']);

/** Rows per table of the whole public schema, to prove a failed call wrote nothing. */
export async function rowCounts(app: TestApp): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(app.db);
  const names = tables.rows.map((t) => t.name).filter((name) => !ATTEMPT_TABLES.has(name));
  const union = sql.join(
    names.map((name) => sql`select ${name}::text as name, count(*)::int as n from ${sql.table(name)}`),
    sql` union all `,
  );
  const counts = await sql<{ name: string; n: number }>`${union}`.execute(app.db);
  return Object.fromEntries(counts.rows.map((row) => [row.name, Number(row.n)]));
}

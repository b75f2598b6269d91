import { type Executor, inTransaction } from '@tradeloom/db';
import { type ImportReport, type importLocationsInput, saveLocationInput } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { type ImportRowError, parseActive, ROWS_PER_SLICE, readCsvRows, rowErrors, slices, yieldToOthers } from '../../lib/csv-import.ts';
import { recordChange } from '../events/record-change.ts';
import { locationColumns, type MasterScope, scopeParts } from './masters.service.ts';

// Locations from a spreadsheet, as the catalog import: a dry run reports what would be created and
// changed and every row's problems; applying upserts by (kind, code) in one transaction and only
// when the file has no problem, so re-applying the same file changes nothing. A company imports
// its own rows (a platform code in the file overrides the default for it); operators the defaults.

const REQUIRED = ['kind', 'code', 'name', 'state_code'] as const;
const OPTIONAL = ['city', 'address', 'active'] as const;
const COLUMN_OF: Record<string, string> = { stateCode: 'state_code' };
// 250 rows × 8 parameters stays far below PostgreSQL's 65,535 parameters per statement.
const ROWS_PER_STATEMENT = 250;

type LocationInput = z.output<typeof saveLocationInput>;
const SAME_FIELDS = ['name', 'state_code', 'city', 'address', 'active'] as const;

export async function importLocations(
  ctx: ServiceContext,
  scope: MasterScope,
  input: z.output<typeof importLocationsInput>,
): Promise<ImportReport> {
  const { companyId, actor } = scopeParts(scope);
  const { records, columns } = readCsvRows(input.csv, REQUIRED, OPTIONAL);
  if (input.dryRun) return (await planImport(ctx.deps.db, companyId, records, columns)).report;
  return inTransaction(ctx.deps.db, async (trx) => {
    // Parallel imports into one scope run one after another, each against what the other wrote.
    await lockUntilCommit(trx, 'locations_import', companyId ?? 'platform');
    const { report, writes } = await planImport(trx, companyId, records, columns);
    if (report.errors.length) return report;
    const now = ctx.deps.clock.now();
    for (const chunk of slices(writes, ROWS_PER_STATEMENT)) {
      await upsertLocations(trx, companyId, chunk, now);
      await yieldToOthers();
    }
    const summary = { rows: report.rows, creates: report.creates, updates: report.updates, unchanged: report.unchanged };
    await recordChange(trx, actor, ctx.request, {
      companyId,
      action: 'master.locations_imported',
      event: 'master.changed',
      entityType: 'master',
      // The scope's location master as a whole: the company, or for the platform's the operator.
      entityId: companyId ?? actor.userId ?? 'platform',
      after: summary,
    });
    return { ...report, applied: true };
  });
}

/** Checks every row and compares the file with the scope's own rows: what would be created and changed. */
async function planImport(db: Executor, companyId: string | null, records: Record<string, string>[], columns: string[]) {
  const existing = await db
    .selectFrom('trade_locations')
    .select(['kind', 'code', ...SAME_FIELDS])
    .where(companyId === null ? sql<boolean>`company_id is null` : sql<boolean>`company_id = ${companyId}`)
    .execute();
  const byKey = new Map(existing.map((row) => [`${row.kind}:${row.code}`, row]));

  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const writes: LocationInput[] = [];
  let creates = 0;
  let unchanged = 0;
  for (const [index, record] of records.entries()) {
    if (index > 0 && index % ROWS_PER_SLICE === 0) await yieldToOthers();
    const row = index + 2; // line 1 is the header
    const parsed = saveLocationInput.safeParse({
      kind: record.kind?.toLowerCase(),
      code: record.code,
      name: record.name,
      stateCode: record.state_code,
      city: record.city || undefined,
      address: record.address || undefined,
      active: parseActive(record.active),
    });
    if (!parsed.success) {
      errors.push(...rowErrors(row, parsed.error.issues, COLUMN_OF));
      continue;
    }
    const key = `${parsed.data.kind}:${parsed.data.code}`;
    const current = byKey.get(key);
    // A column the file leaves out keeps a known location's value (a sheet of names only must not
    // clear addresses or re-activate what was switched off); new locations get the defaults.
    const location: LocationInput = current ? { ...parsed.data, ...keptColumns(current, columns) } : parsed.data;
    const first = seen.get(key);
    if (first) {
      errors.push({ row, column: 'code', message: `repeats the ${location.kind} code of row ${first}` });
      continue;
    }
    seen.set(key, row);
    const next = locationColumns(location);
    if (!current) creates += 1;
    else if (SAME_FIELDS.every((field) => next[field] === current[field])) {
      unchanged += 1;
      continue;
    }
    writes.push(location);
  }
  errors.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    rows: records.length,
    creates,
    updates: writes.length - creates,
    unchanged,
    errors,
    applied: false,
  };
  return { report, writes };
}

function keptColumns(current: { city: string | null; address: string | null; active: boolean }, columns: string[]) {
  return {
    ...(columns.includes('city') ? {} : { city: current.city ?? undefined }),
    ...(columns.includes('address') ? {} : { address: current.address ?? undefined }),
    ...(columns.includes('active') ? {} : { active: current.active }),
  };
}

/** One statement for many rows: new (kind, code) pairs are inserted, known ones take the file's values. */
async function upsertLocations(trx: Executor, companyId: string | null, locations: LocationInput[], now: Date) {
  await trx
    .insertInto('trade_locations')
    .values(
      locations.map((location) => ({ ...locationColumns(location), kind: location.kind, code: location.code, company_id: companyId })),
    )
    // The unique index treats a missing company as equal (NULLS NOT DISTINCT), so the platform's
    // rows conflict too.
    .onConflict((oc) =>
      oc.columns(['company_id', 'kind', 'code']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        state_code: eb.ref('excluded.state_code'),
        city: eb.ref('excluded.city'),
        address: eb.ref('excluded.address'),
        active: eb.ref('excluded.active'),
        version: sql`trade_locations.version + 1`,
        updated_at: now,
      })),
    )
    .execute();
}

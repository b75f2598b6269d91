import type { ImportReport } from '@tradeloom/shared';
import { parse } from 'csv-parse/sync';
import { invalidFields } from '../trpc/errors.ts';

// What every CSV import shares (the catalog's products, the trade desk's locations): reading the
// file, checking its header, one error per row and column, and working through large files in
// slices that let other requests in between.

export type ImportRowError = ImportReport['errors'][number];

export const ROWS_PER_SLICE = 500;

/** Lets the event loop serve other requests (health checks, other tenants) before going on. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export function* slices<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** An `active` cell: empty means active; anything unreadable is returned for the schema to refuse. */
export function parseActive(value: string | undefined): boolean | string {
  if (value === undefined || value === '') return true;
  if (/^(true|yes|y|1|active)$/i.test(value)) return true;
  if (/^(false|no|n|0|inactive)$/i.test(value)) return false;
  return value;
}

/**
 * The file's rows keyed by lower-cased header, after checking the header has every required
 * column and no unknown one (a typo in a header must not silently drop a column).
 */
export function readCsvRows(
  csv: string,
  required: readonly string[],
  optional: readonly string[],
): { records: Record<string, string>[]; columns: string[] } {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw invalidFields({ csv: `could not be read as CSV: ${(error as Error).message}` });
  }
  const columns = records[0] ? Object.keys(records[0]) : [];
  if (!records.length) throw invalidFields({ csv: 'has a header but no rows' });
  const missing = required.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !required.includes(c) && !optional.includes(c));
  if (missing.length || unknown.length) {
    const problems = [
      missing.length && `missing column(s): ${missing.join(', ')}`,
      unknown.length && `unknown column(s): ${unknown.join(', ')}`,
    ].filter(Boolean);
    throw invalidFields({ csv: `${problems.join('; ')}. Expected: ${[...required, ...optional].join(', ')}` });
  }
  return { records, columns };
}

/** A row's schema issues as report errors, one per column (one message is enough to fix a cell). */
export function rowErrors(
  row: number,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  columnOf: Record<string, string>,
): ImportRowError[] {
  const reported = new Set<string>();
  const errors: ImportRowError[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'row');
    if (reported.has(field)) continue;
    reported.add(field);
    errors.push({ row, column: columnOf[field] ?? field, message: issue.message });
  }
  return errors;
}

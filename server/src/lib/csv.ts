import { once } from 'node:events';
import type { Writable } from 'node:stream';

// RFC 4180 text for spreadsheets: CRLF rows, a field quoted when it holds a comma, quote or line break.

// A cell a spreadsheet would read as a formula (=, +, -, @, or a tab/CR that some apps strip first)
// is prefixed with a quote so it shows as text: OWASP's CSV-injection advice.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: null/undefined empty, formulas defused, quoted when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export interface CsvColumn<R> {
  header: string;
  value: (row: R) => unknown;
}

/**
 * Writes the header and then each chunk of rows as it arrives, waiting for the socket to drain so
 * a large export holds one chunk in memory, not the whole list. Stops when the reader hangs up.
 */
export async function writeCsv<R>(out: Writable, columns: readonly CsvColumn<R>[], chunks: AsyncIterable<readonly R[]>): Promise<void> {
  // A byte-order mark: Excel otherwise reads UTF-8 (₹, names in Tamil) as a legacy code page.
  let pending = `\uFEFF${csvLine(columns.map((column) => column.header))}`;
  for await (const rows of chunks) {
    if (out.destroyed) return;
    for (const row of rows) pending += csvLine(columns.map((column) => column.value(row)));
    if (!out.write(pending)) await once(out, 'drain');
    pending = '';
  }
  if (pending) out.write(pending);
}

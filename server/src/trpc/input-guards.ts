import { TRPCError } from '@trpc/server';
import { invalidFields } from './errors.ts';

// PostgreSQL `text` cannot hold U+0000, and a lone UTF-16 surrogate ('\uD800') is not valid
// Unicode: either reaching a query (or the jsonb of an audit row) fails with 22021, 22P02 or
// 22P05, an answer of 500. One walk over the raw input refuses both for every procedure, in values
// and in keys, before any schema or query sees them.
const NUL = '\u0000';
const UNSTORABLE_MESSAGE = 'must be valid text without NUL (\\u0000) characters';

function isStorable(text: string): boolean {
  return !text.includes(NUL) && text.isWellFormed();
}

type Segment = string | number;

/** Field paths (`lines.0.description`) of every string in `raw` that PostgreSQL cannot store. */
function unstorableTextFields(raw: unknown): Record<string, string> {
  const problems: Record<string, string> = {};
  const report = (path: Segment[]) => {
    problems[path.length ? path.join('.') : 'input'] = UNSTORABLE_MESSAGE;
  };
  // Iterative, so a deeply nested body cannot overflow the stack; `seen` stops cycles.
  const pending: { value: unknown; path: Segment[] }[] = [{ value: raw, path: [] }];
  const seen = new Set<object>();
  while (pending.length) {
    const { value, path } = pending.pop() as { value: unknown; path: Segment[] };
    if (typeof value === 'string') {
      if (!isStorable(value)) report(path);
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of entriesOf(value)) {
      if (typeof key === 'string' && !isStorable(key)) {
        report([...path, key.replaceAll(NUL, '\\u0000').toWellFormed()]);
        continue;
      }
      pending.push({ value: child, path: [...path, key] });
    }
  }
  return problems;
}

function entriesOf(value: object): [Segment, unknown][] {
  if (Array.isArray(value)) return value.map((child, index) => [index, child]);
  if (value instanceof Map) return [...value.entries()].map(([key, child]) => [typeof key === 'string' ? key : String(key), child]);
  if (value instanceof Set) return [...value].map((child, index) => [index, child]);
  if (value instanceof Date) return [];
  return Object.entries(value);
}

/** Refuses input holding text PostgreSQL cannot store, naming each field. */
export function assertStorableText(raw: unknown): void {
  const problems = unstorableTextFields(raw);
  if (Object.keys(problems).length) throw invalidFields(problems);
}

// Data errors PostgreSQL raises for values it cannot take. Zod refuses each known case first with
// the field named; this is the net for one that slips past, so it is a 400, not a 500 with SQL.
const DATA_ERROR_CODES = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire
  '22025', // invalid_escape_sequence
  '22P02', // invalid_text_representation
  '22P05', // untranslatable_character
  '23514', // check_violation
]);

/** The PostgreSQL data error (SQLSTATE in `DATA_ERROR_CODES`) behind `error`, if there is one. */
export function databaseDataError(error: unknown): { code: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && DATA_ERROR_CODES.has(code)) return { code };
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function dataErrorAsBadRequest(sqlState: string): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    // No SQL, no column names: the client learns only that a value was out of bounds.
    message: `A value in the request is out of the range this field accepts (code ${sqlState}).`,
  });
}

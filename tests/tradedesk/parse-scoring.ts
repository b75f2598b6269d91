import { dec, HVI_PARAMETERS, PARSED_FIELDS, type ParseResult } from '@tradeloom/shared';
import type { ExpectedOffer, ExpectedRange } from './parse-corpus-types.ts';

// Field-level scoring of the parser against a corpus, for parse.test.ts and `pnpm bench:parse`.
// Each message has one slot per offer field and per HVI parameter; a slot is right when the
// parser found the expected value or rightly found nothing.

export type Outcome = 'right' | 'rightlyEmpty' | 'missed' | 'wrong' | 'invented';

/** The corpus' shorthand for a range ('29', '>=29', '<=8', '28.5..30') as { min, max }. */
export function expectedRange(range: ExpectedRange): { min: string | null; max: string | null } {
  if (range.startsWith('>=')) return { min: range.slice(2), max: null };
  if (range.startsWith('<=')) return { min: null, max: range.slice(2) };
  const [min = range, max = min] = range.split('..');
  return { min, max };
}

const sameDecimal = (a: string | null, b: string | null) => (a === null || b === null ? a === b : dec(a).equals(dec(b)));

export interface SlotResult {
  field: string;
  expected: string | null;
  actual: string | null;
  outcome: Outcome;
}

const show = (range: { min: string | null; max: string | null } | undefined) => (range ? `${range.min ?? ''}..${range.max ?? ''}` : null);

/** Every slot of one message: the offer's fields and `quality.<parameter>` for each HVI parameter. */
export function scoreMessage(expect: ExpectedOffer, result: ParseResult): SlotResult[] {
  const slots: SlotResult[] = [];
  const outcome = (expected: unknown, actual: unknown, same: boolean): Outcome =>
    expected === null ? (actual === null ? 'rightlyEmpty' : 'invented') : actual === null ? 'missed' : same ? 'right' : 'wrong';
  for (const field of PARSED_FIELDS) {
    if (field === 'quality') continue;
    const expected = expect[field] ?? null;
    const actual = result.offer[field];
    const numeric = field === 'quantity' || field === 'price';
    const same = expected !== null && actual !== null && (numeric ? sameDecimal(String(expected), String(actual)) : expected === actual);
    slots.push({
      field,
      expected: expected === null ? null : String(expected),
      actual: actual === null ? null : String(actual),
      outcome: outcome(expected, actual, same),
    });
  }
  for (const parameter of HVI_PARAMETERS) {
    const wanted = expect.quality?.[parameter];
    const expected = wanted === undefined ? undefined : expectedRange(wanted);
    const actual = result.offer.quality[parameter];
    const same =
      expected !== undefined && actual !== undefined && sameDecimal(expected.min, actual.min) && sameDecimal(expected.max, actual.max);
    slots.push({
      field: `quality.${parameter}`,
      expected: show(expected),
      actual: show(actual),
      outcome: outcome(expected ?? null, actual ?? null, same),
    });
  }
  return slots;
}

export interface FieldScore {
  field: string;
  slots: number;
  right: number;
  precision: number;
  recall: number;
  accuracy: number;
}

/**
 * Precision: of the values the parser gave, the share that were right. Recall: of the values the
 * message holds, the share the parser gave right. Accuracy: slots right, empty ones included.
 */
export function summarize(slots: SlotResult[], field = 'overall'): FieldScore {
  const count = (...outcomes: Outcome[]) => slots.filter((slot) => outcomes.includes(slot.outcome)).length;
  const right = count('right');
  const given = count('right', 'wrong', 'invented');
  const held = count('right', 'wrong', 'missed');
  return {
    field,
    slots: slots.length,
    right,
    precision: given === 0 ? 1 : right / given,
    recall: held === 0 ? 1 : right / held,
    accuracy: slots.length === 0 ? 1 : count('right', 'rightlyEmpty') / slots.length,
  };
}

/** Scores per field (quality parameters folded into one `quality` row too) and overall. */
export function scoreByField(slots: SlotResult[]): FieldScore[] {
  const fields = [...new Set(slots.map((slot) => slot.field))];
  return [
    ...fields.map((field) =>
      summarize(
        slots.filter((slot) => slot.field === field),
        field,
      ),
    ),
    summarize(
      slots.filter((slot) => slot.field.startsWith('quality.')),
      'quality (all parameters)',
    ),
    summarize(slots),
  ];
}

import type { Executor } from '@tradeloom/db';
import { dec, type lotQualityInput, type QualityRanges } from '@tradeloom/shared';
import type { z } from 'zod';
import { invalidFields } from '../../trpc/errors.ts';
import { type QualityLimit, qualityLimitsFor } from '../masters/master-lookups.ts';

// Quality as lots and offers store it, checked against the masters' allowed ranges for the
// company (its own parameters overriding the platform's). A lot keeps measured values
// `{ staple_mm: "29.0", …, colour_grade: "31-1" }`; an offer keeps ranges `{ staple_mm: { min, max } }`.

const COLOUR_GRADE = 'colour_grade';

type Problems = Record<string, string>;
type LotQuality = z.output<typeof lotQualityInput>;

function checkValue(problems: Problems, field: string, value: string, code: string, limits: Map<string, QualityLimit>) {
  const limit = limits.get(code);
  if (!limit) {
    problems[field] = `is not a quality parameter of this commodity`;
    return;
  }
  const v = dec(value);
  if (v.lessThan(limit.min) || v.greaterThan(limit.max)) {
    problems[field] = `must be between ${limit.min} and ${limit.max}${limit.unit ? ` ${limit.unit}` : ''}`;
  }
}

/** Measured values must be parameters of the commodity inside their allowed range: `quality.values.staple_mm`. */
export async function assertLotQualityAllowed(db: Executor, companyId: string, commodityCode: string, quality: LotQuality | undefined) {
  const limits = await qualityLimitsFor(db, companyId, commodityCode);
  const problems: Problems = {};
  for (const [code, value] of Object.entries(quality?.values ?? {})) {
    checkValue(problems, `quality.values.${code}`, value, code, limits);
  }
  if (Object.keys(problems).length) throw invalidFields(problems);
}

/** Each range's ends must lie inside the parameter's allowed range: `quality.staple_mm.min`. */
export async function assertQualityRangesAllowed(
  db: Executor,
  companyId: string,
  commodityCode: string,
  ranges: QualityRanges,
  /** Where the ranges sit in the input: a negotiation's are `terms.quality`. */
  field = 'quality',
) {
  const limits = await qualityLimitsFor(db, companyId, commodityCode);
  const problems: Problems = {};
  for (const [code, range] of Object.entries(ranges)) {
    if (!limits.has(code)) {
      problems[`${field}.${code}`] = 'is not a quality parameter of this commodity';
      continue;
    }
    if (range.min !== undefined) checkValue(problems, `${field}.${code}.min`, range.min, code, limits);
    if (range.max !== undefined) checkValue(problems, `${field}.${code}.max`, range.max, code, limits);
  }
  if (Object.keys(problems).length) throw invalidFields(problems);
}

/** A lot's results as the `quality` column keeps them. */
export function lotQualityColumn(quality: LotQuality | undefined): string {
  return JSON.stringify({ ...(quality?.values ?? {}), ...(quality?.colourGrade ? { [COLOUR_GRADE]: quality.colourGrade } : {}) });
}

/** The `quality` column of a lot as the wire carries it. */
export function lotQualityOf(column: unknown): { values: Record<string, string>; colourGrade: string | null } {
  const stored = (column ?? {}) as Record<string, string>;
  const { [COLOUR_GRADE]: colourGrade, ...values } = stored;
  return { values, colourGrade: colourGrade ?? null };
}

/** An offer's ranges as the `quality` column keeps them (an open end left out). */
export function qualityRangesColumn(ranges: QualityRanges | undefined): string {
  return JSON.stringify(ranges ?? {});
}

/** The `quality` column of an offer as the wire carries it: both ends, null when open. */
export function qualityRangesOf(column: unknown): Record<string, { min: string | null; max: string | null }> {
  const stored = (column ?? {}) as Record<string, { min?: string; max?: string }>;
  return Object.fromEntries(Object.entries(stored).map(([code, range]) => [code, { min: range.min ?? null, max: range.max ?? null }]));
}

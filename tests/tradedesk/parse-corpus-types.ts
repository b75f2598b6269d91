import type { ParsedOffer } from '@tradeloom/shared';

/**
 * A quality expectation in the corpus' shorthand: `'29'` (min = max = 29), `'>=29'` (min only),
 * `'<=8'` (max only), `'28.5..30'` (a range).
 */
export type ExpectedRange = string;

/** What a message should parse to; a field left out is expected to be null (or absent for quality). */
export type ExpectedOffer = Partial<Omit<ParsedOffer, 'quality'>> & { quality?: Record<string, ExpectedRange> };

export interface CorpusCase {
  text: string;
  expect: ExpectedOffer;
}

/** The day the corpus is parsed as of: "new crop" is the 2026-27 season then. */
export const CORPUS_TODAY = new Date('2026-12-01T06:00:00Z');

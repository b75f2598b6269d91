import { type ParseResult, type ParserVocabulary, parseResult, parseTradeMessage } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';
import { TUNED_CORPUS } from './parse-corpus.ts';
import { CORPUS_TODAY } from './parse-corpus-types.ts';
import { HELD_OUT_CORPUS } from './parse-held-out.ts';
import { scoreMessage } from './parse-scoring.ts';
import { PLATFORM_VOCABULARY } from './parse-vocabulary.ts';

// The free-text offer parser (shared/src/tradedesk/parse): the tuned corpus field by field, and
// what every answer promises — spans that are the message's own characters, confidences in 0–1,
// unread parts reported and never overlapping what was read, the same answer every time.

const parse = (text: string, vocabulary: ParserVocabulary = PLATFORM_VOCABULARY, today = CORPUS_TODAY) =>
  parseTradeMessage(text, vocabulary, { today });
const field = (result: ParseResult, name: string) => result.fields.find((candidate) => candidate.name === name);

describe('the tuned corpus', () => {
  it('holds at least 60 messages, and the held-out set 20 others', () => {
    expect(TUNED_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(HELD_OUT_CORPUS.length).toBe(20);
    const tuned = new Set(TUNED_CORPUS.map((entry) => entry.text));
    expect(HELD_OUT_CORPUS.filter((entry) => tuned.has(entry.text))).toEqual([]);
  });

  it.each(TUNED_CORPUS.map((entry) => [entry.text, entry] as const))('reads %j field by field', (_text, { text, expect: expected }) => {
    const slots = scoreMessage(expected, parse(text));
    const wrong = slots.filter((slot) => slot.outcome !== 'right' && slot.outcome !== 'rightlyEmpty');
    expect(wrong).toEqual([]);
  });
});

describe('every answer', () => {
  const corpus = [...TUNED_CORPUS, ...HELD_OUT_CORPUS];

  it('matches the procedure’s output schema', () => {
    for (const { text } of corpus) expect(() => parseResult.parse(parse(text))).not.toThrow();
  });

  it('points each field and each unread part at the message’s own characters', () => {
    for (const { text } of corpus) {
      const result = parse(text);
      for (const span of [...result.fields.map((entry) => entry.span), ...result.unparsed]) {
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(text.length);
        expect(span.start).toBeLessThan(span.end);
        expect(text.slice(span.start, span.end)).toBe(span.text);
      }
    }
  });

  it('gives confidences between 0 and 1, and one entry per field found', () => {
    for (const { text } of corpus) {
      const result = parse(text);
      const names = result.fields.map((entry) => entry.name);
      expect(new Set(names).size).toBe(names.length);
      for (const entry of result.fields) {
        expect(entry.confidence).toBeGreaterThan(0);
        expect(entry.confidence).toBeLessThanOrEqual(1);
      }
      // Every non-null offer value has its field, and every field its value.
      const offerNames = Object.entries(result.offer)
        .filter(([name, value]) => name !== 'quality' && value !== null)
        .map(([name]) => name);
      const qualityNames = Object.keys(result.offer.quality).map((code) => `quality.${code}`);
      expect([...names].sort()).toEqual([...offerNames, ...qualityNames].sort());
    }
  });

  it('never reports as unread what a field was read from', () => {
    for (const { text } of corpus) {
      const result = parse(text);
      for (const gap of result.unparsed) {
        for (const entry of result.fields) expect(gap.end <= entry.span.start || gap.start >= entry.span.end).toBe(true);
      }
    }
  });

  it('answers any text, however garbled, within the schema and with honest spans', () => {
    // A fixed-seed generator: the same garbled messages on every run.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      'sell',
      'need',
      '100',
      '3.8',
      '29',
      'mm',
      'mic',
      '-',
      '/',
      '+',
      '₹',
      'Rs',
      '.',
      ',',
      '56,500',
      'k',
      'lakh',
      'bales',
      'candy',
      'per',
      'ex',
      'Rajkot',
      'valid',
      'days',
      '2025',
      '26',
      'S',
      '6',
      'max',
      'min',
      '\n',
      '@',
      '%',
      'गांठ',
      '😀',
      'trash',
      '+b',
      'for',
      'FOR',
    ];
    for (let message = 0; message < 300; message++) {
      const length = 1 + Math.floor(next() * 25);
      const text = Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.5 ? ' ' : '');
      const result = parse(text);
      expect(() => parseResult.parse(result)).not.toThrow();
      for (const span of [...result.fields.map((entry) => entry.span), ...result.unparsed])
        expect(text.slice(span.start, span.end)).toBe(span.text);
    }
    const longest = parse('sell 100 bales S-6 29mm mic 3.8 '.repeat(62).slice(0, 2000));
    expect(longest.offer).toMatchObject({ side: 'sell', quantity: '100', variety: 'shankar-6' });
  });

  it('is the same answer every time (no clock, no randomness beyond the given day)', () => {
    for (const { text } of corpus.slice(0, 10)) expect(parse(text)).toEqual(parse(text));
  });
});

describe('the rules', () => {
  it('reads the issue’s example with a span and a confidence for each field', () => {
    const text = 'Sell 100 bales Shankar-6, 29 mm, mic 3.8, 28 gpt, ₹56,500 per candy ex-Rajkot, 15 days';
    const result = parse(text);
    expect(field(result, 'price')).toMatchObject({ value: '56500', confidence: 1, span: { text: '₹56,500 per candy' } });
    expect(field(result, 'variety')).toMatchObject({ value: 'shankar-6', span: { text: 'Shankar-6' } });
    expect(field(result, 'quality.micronaire')).toMatchObject({ value: '3.8', span: { text: 'mic 3.8' } });
    expect(field(result, 'deliveryCity')).toMatchObject({ value: 'Rajkot', span: { text: 'ex-Rajkot' } });
    expect(result.unparsed).toEqual([]);
  });

  it('keeps a single quality value as min = max, and a min or max word as one bound', () => {
    const { quality } = parse('sell 100 bales 29 mm, mic min 3.5, trash max 3%, strength 28 above, moisture below 8').offer;
    expect(quality).toEqual({
      staple_mm: { min: '29', max: '29' },
      micronaire: { min: '3.5', max: null },
      trash_pct: { min: null, max: '3' },
      strength_gpt: { min: '28', max: null },
      moisture_pct: { min: null, max: '8' },
    });
  });

  it('gives a number to the parameter it can be: staple 29 and mic 3.8, not mic 29', () => {
    expect(parse('need staple 29 mic 3.8').offer.quality).toEqual({
      staple_mm: { min: '29', max: '29' },
      micronaire: { min: '3.8', max: '3.8' },
    });
    expect(parse('need mic 9 bales 100').offer.quality).toEqual({});
  });

  it('turns tonnes into kilograms with a lower confidence', () => {
    const result = parse('sell 20 MT cotton');
    expect(result.offer).toMatchObject({ quantity: '20000', unit: 'kg' });
    expect(field(result, 'quantity')?.confidence).toBeLessThan(1);
  });

  it('guesses a price’s unit from its size with a low confidence when none is written', () => {
    const result = parse('sell 100 bales 56500');
    expect(result.offer).toMatchObject({ price: '56500', priceUnit: 'candy', currency: 'INR' });
    expect(field(result, 'priceUnit')?.confidence).toBeLessThanOrEqual(0.6);
    expect(field(result, 'currency')?.confidence).toBeLessThan(1);
  });

  it('reads "new crop" as the season running on the given day', () => {
    expect(parse('new crop 100 bales', PLATFORM_VOCABULARY, new Date('2026-09-30T12:00:00Z')).offer.cropYear).toBe('2025-26');
    expect(parse('new crop 100 bales', PLATFORM_VOCABULARY, new Date('2026-10-01T12:00:00Z')).offer.cropYear).toBe('2026-27');
  });

  it('reads varieties, places and terms from the vocabulary it is given', () => {
    const text = 'sell 100 bales Suvin 34mm ex Kovai mill 20 days';
    expect(parse(text).offer).toMatchObject({ variety: null, deliveryCity: null });
    const own: ParserVocabulary = {
      varieties: [...PLATFORM_VOCABULARY.varieties, { code: 'suvin', commodityCode: 'cotton-lint', name: 'Suvin', aliases: ['Sujata'] }],
      locations: [...PLATFORM_VOCABULARY.locations, { kind: 'ginning_factory', name: 'Kovai mill', stateCode: 'TN', city: 'Coimbatore' }],
      terms: PLATFORM_VOCABULARY.terms,
    };
    expect(parse(text, own).offer).toMatchObject({
      variety: 'suvin',
      commodity: 'cotton-lint',
      deliveryCity: 'Coimbatore',
      deliveryStateCode: 'TN',
    });
    // Without the delivery terms in its masters, "FOR" names no term.
    expect(parse('buy 100 bales FOR Coimbatore', { ...PLATFORM_VOCABULARY, terms: [] }).offer.deliveryTerm).toBeNull();
  });

  it('forgives one typo in a longer name but not in a short one', () => {
    expect(parse('sell 100 bales shanker 6').offer.variety).toBe('shankar-6');
    expect(field(parse('sell 100 bales shanker 6'), 'variety')?.confidence).toBeLessThan(1);
    expect(parse('sell 100 bales K-34').offer.variety).toBeNull();
    expect(parse('need 100 bales del Rajkott').offer.deliveryCity).toBe('Rajkot');
  });

  it('reports what it could not read, filler words aside', () => {
    const result = parse('Hello sir, sell 100 bales RG quality urgent');
    expect(result.unparsed.map((span) => span.text)).toEqual(['RG quality urgent']);
    expect(parse('hello').unparsed).toEqual([]);
    expect(parse('hello').offer.side).toBeNull();
  });
});

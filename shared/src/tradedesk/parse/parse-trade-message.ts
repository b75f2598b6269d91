import type { Decimal } from 'decimal.js';
import { dec } from '../../money.ts';
import type { OfferSide } from '../negotiation-machine.ts';
import type { HviParameter } from '../quality.ts';
import type { ParsedOffer, ParseResult } from '../tradedesk.outputs.ts';
import type { TradeUnit } from '../units.ts';
import {
  BETTER_WHEN,
  BOUND_WORDS,
  type Bound,
  CITY_SUFFIXES,
  COMMODITY_WORDS,
  DAY_WORDS,
  DELIVERY_MARKERS,
  FILLER_WORDS,
  HOUR_WORDS,
  MULTIPLIERS,
  NEW_CROP,
  NO_CREDIT_PAYMENTS,
  NOT_PAYMENT_AFTER,
  NOT_PAYMENT_BEFORE,
  OLD_CROP,
  PAYMENT_WORDS,
  PER_UNIT_SHORTHANDS,
  PLAUSIBLE,
  PRICE_FILLERS,
  PRICE_MARKERS,
  QUALITY_KEYS,
  QUALITY_UNITS,
  SHORT_UNIT_WORDS,
  SIDE_WORDS,
  UNIT_WORDS,
  VALIDITY_WORDS,
  WEAK_SELL_WORDS,
} from './lexicon.ts';
import { normalizeName, numberText, type Token, tokenize, withinOneEdit } from './tokens.ts';
import type { ParserVocabulary, VocabularyVariety } from './vocabulary.ts';

/*
 * The free-text offer parser: a trade message ("Sell 100 bales Shankar-6, 29 mm, mic 3.8, 28 gpt,
 * ₹56,500 per candy ex-Rajkot, 15 days") → a draft offer, each field with the characters it came
 * from and a confidence, and the parts no rule read. Pure and deterministic: a tokenizer
 * (tokens.ts), the trade's words (lexicon.ts), the company's names (vocabulary) and these rules.
 *
 * The rules run in this order; each claims the tokens it reads, so no token feeds two fields, and
 * a field keeps the first value found for it.
 *  1. Crop year: "2025-26", "2025/2026", "25-26 crop"; "new crop" is the season running today
 *     (seasons start on 1 October), "old crop" the one before.                       conf 1 / 0.8
 *  2. Validity in days from now: "valid 2 days", "validity: 48 hrs" (hours round up to days),
 *     "2 days valid", "today only" and "valid till tomorrow" → 1.                       conf 0.95
 *  3. Variety: the vocabulary's codes, names and aliases, over up to four tokens with spaces and
 *     hyphens ignored ("S-6" = "S6" = "s 6"); one typo allowed in names of 5+ letters.  1 / 0.7
 *  4. Quality, per HVI parameter: a name before or after the value ("mic 3.8", "3.8 mic", "29mm",
 *     "staple 29", "28 gpt", "RD 75", "+b 9", "trash 2.5%", "UI 81") and a value or a range
 *     ("28.5-30", "3.5–4.2", "3.5 to 4.2"). A single value is min = max (a sell offer's spec);
 *     "min"/"above"/"+" before or after it keeps only the minimum, "max"/"below"/"upto" only the
 *     maximum. A value outside what the parameter can be (staple 20–40 mm, mic 2.5–6…) is not that
 *     parameter. A bare "min"/"max" between two values goes to the side where it is the natural
 *     bound (a minimum staple, a maximum trash), else to the value before it.            conf 0.95
 *     The broker's shorthand "29/3.8" or "29.5/3.8/28" is staple/mic/strength when each value
 *     can be that parameter.                                                               conf 0.7
 *  5. Price with a marker: "₹56,500", "Rs. 56500/-", "@56500", "rate 56500", "bhav 55500", with
 *     "k"/"lakh" multipliers ("56.5k", "1.25 lakh") and a unit after it: "per candy", "/kg",
 *     "pc" (per candy), "candy".                                                           conf 1
 *  6. Quantity: a number, a multiplier and a unit: "100 bales", "100 B", "500 khandi", "50 qtl",
 *     "1 lakh kg"; tonnes ("20 MT") become kg (conf 0.8). A number of 10,000+ before "candy"/"kg"/
 *     "qtl", or one after a quantity was found, is a price instead ("57800 candy").       conf 1
 *  7. Price without a marker: "56500 per candy", "56.5k", "56500/-" (conf 0.9); then any free
 *     number from 20,000 to 2,00,000 is a price per candy (conf 0.6; a band "56,800-57,000"
 *     gives its lower end, conf 0.5). A price without a unit is per candy from 20,000, per quintal
 *     from 1,000 and per kg below (conf 0.6); "per lb" or another unit the desk does not trade in
 *     leaves the price unit empty for the user.
 *  8. Payment days: "15 days", "payment 30 days", "30 days credit", "net 15" (not after
 *     "delivery"/"lifting" or before "delivery"); "advance", "cash", "spot", "against delivery" → 0; the
 *     vocabulary's payment terms by name.                                                conf 0.9
 *  9. Place: the vocabulary's cities, warehouses, factories (their city) and states, by name, or a
 *     state's code written in capitals ("MH"); conf 0.95 after "ex", "del", "delivery", "FOR", "at"
 *     or before "delivery", else 0.75. The state follows from the city. Delivery term: "ex gin"/
 *     "ex <city> gin" → ex-gin, "ex warehouse/godown" → ex-warehouse, "FOR <city>/mill" → for-mill,
 *     when the vocabulary has that term, or a vocabulary delivery term by name.
 * 10. Side: sell/selling/offer/avl/available/bechna… vs buy/need/reqd/required/wanted/looking
 *     for/chahiye…, the first one wins (conf 1); "have"/"stock"/"ready" alone mean sell (0.6).
 * 11. Commodity: "cotton"/"lint"/"rui" → cotton-lint, "cotton seed"/"binola" → cotton-seed (1);
 *     else the variety's commodity (0.9); else cotton-lint when the unit is bales or candy (0.6).
 *     "kapas" (seed cotton) has no commodity on the platform and blocks that guess.
 * 12. Currency: INR for "₹"/"Rs"/"INR", USD for "$"/"USD" (1); INR when a price was found (0.7).
 * Side, unit and commodity words include the Devanagari forms (चाहिए, बेचना, गांठ, खंडी, रुई).
 * Unparsed: runs of unclaimed tokens, filler words ("pls", "sir", "hai") and punctuation aside.
 */

export interface ParseOptions {
  /** The day "new crop" is read against; today when left out. */
  today?: Date;
}

type OfferValues = Omit<ParsedOffer, 'quality'>;
type Field = ParseResult['fields'][number];

/** What a vocabulary's names look like to the rules, built once per vocabulary object. */
interface VocabularyIndex {
  /** Normalized code, name and aliases → variety. */
  varietyNames: Map<string, VocabularyVariety>;
  /** The names long enough (5+) to forgive a typo in. */
  typoVarietyNames: [string, VocabularyVariety][];
  /** Lower-case name without spaces → place; a city's name wins over a state's. */
  places: Map<string, Place>;
  deliveryCodes: Set<string>;
  /** Phrases naming a delivery term, longest first. */
  deliveryPhrases: { words: string[]; code: string }[];
  /** Payment terms by normalized name or code ("advance", "againstdelivery"), not "15 days". */
  paymentTermNames: { name: string; days: number }[];
}

interface Place {
  name: string;
  city: string | null;
  stateCode: string;
}

const indexes = new WeakMap<ParserVocabulary, VocabularyIndex>();

function indexOf(vocabulary: ParserVocabulary): VocabularyIndex {
  const cached = indexes.get(vocabulary);
  if (cached) return cached;
  const varietyNames = new Map<string, VocabularyVariety>();
  for (const variety of vocabulary.varieties) {
    for (const name of [variety.code, variety.name, ...variety.aliases]) {
      const normalized = normalizeName(name);
      if (normalized && !varietyNames.has(normalized)) varietyNames.set(normalized, variety);
    }
  }
  const places = new Map<string, Place>();
  const locations = [...vocabulary.locations].sort((a, b) => Number(b.kind === 'city') - Number(a.kind === 'city'));
  for (const location of locations) {
    const normalized = normalizeName(location.name);
    const city = location.kind === 'state' ? null : (location.city ?? location.name);
    if (normalized && !places.has(normalized)) places.set(normalized, { name: location.name, city, stateCode: location.stateCode });
  }
  const deliveryTerms = vocabulary.terms.filter((term) => term.kind === 'delivery');
  const index: VocabularyIndex = {
    varietyNames,
    typoVarietyNames: [...varietyNames].filter(([name]) => name.length >= 5),
    places,
    deliveryCodes: new Set(deliveryTerms.map((term) => term.code)),
    deliveryPhrases: [
      ...BUILT_IN_DELIVERY_PHRASES,
      ...deliveryTerms.flatMap((term) =>
        [term.code, term.name].map((name) => ({ words: tokenize(name).map((t) => t.lower), code: term.code })),
      ),
    ].sort((a, b) => b.words.length - a.words.length),
    paymentTermNames: vocabulary.terms
      .filter((term) => term.kind === 'payment' && term.paymentDays !== null)
      .flatMap((term) => [normalizeName(term.name), normalizeName(term.code)].map((name) => ({ name, days: term.paymentDays as number })))
      .filter((term) => term.name.length >= 4 && !/^\d/.test(term.name)),
  };
  indexes.set(vocabulary, index);
  return index;
}

const BUILT_IN_DELIVERY_PHRASES: { words: string[]; code: string }[] = [
  { words: ['ex', 'gin'], code: 'ex-gin' },
  { words: ['ex', '-', 'gin'], code: 'ex-gin' },
  { words: ['ex', 'ginning'], code: 'ex-gin' },
  { words: ['ex', 'warehouse'], code: 'ex-warehouse' },
  { words: ['ex', '-', 'warehouse'], code: 'ex-warehouse' },
  { words: ['ex', 'godown'], code: 'ex-warehouse' },
  { words: ['for', 'mill'], code: 'for-mill' },
  { words: ['f', '.', 'o', '.', 'r'], code: 'for-mill' },
];

/** A message being read: its tokens, which are claimed, and what was found. */
class Reading {
  readonly tokens: Token[];
  readonly used: boolean[];
  readonly fields: Field[] = [];
  readonly offer: OfferValues = {
    side: null,
    commodity: null,
    variety: null,
    quantity: null,
    unit: null,
    price: null,
    priceUnit: null,
    currency: null,
    deliveryCity: null,
    deliveryStateCode: null,
    deliveryTerm: null,
    paymentDays: null,
    validityDays: null,
    cropYear: null,
  };
  readonly quality: ParsedOffer['quality'] = {};

  readonly text: string;
  readonly vocabulary: ParserVocabulary;
  readonly index: VocabularyIndex;
  readonly today: Date;

  constructor(text: string, vocabulary: ParserVocabulary, today: Date) {
    this.text = text;
    this.vocabulary = vocabulary;
    this.index = indexOf(vocabulary);
    this.today = today;
    this.tokens = tokenize(text);
    this.used = this.tokens.map(() => false);
  }

  at(i: number): Token | undefined {
    return this.tokens[i];
  }
  /** The token at i when no rule has claimed it. */
  free(i: number): Token | undefined {
    return this.used[i] ? undefined : this.tokens[i];
  }
  isWord(i: number, words: ReadonlySet<string> | readonly string[]): boolean {
    const token = this.free(i);
    if (!token || token.kind === 'num') return false;
    return 'has' in words ? words.has(token.lower) : words.includes(token.lower);
  }
  /** The index after `words` when the free tokens from i spell them, else -1. */
  matchWords(i: number, words: readonly string[]): number {
    for (const [offset, word] of words.entries()) {
      if (this.free(i + offset)?.lower !== word) return -1;
    }
    return i + words.length;
  }
  claim(from: number, to: number): void {
    for (let i = from; i < to; i++) this.used[i] = true;
  }
  span(from: number, to: number): Field['span'] {
    const first = this.tokens[from];
    const last = this.tokens[to - 1];
    const start = first?.start ?? 0;
    const end = last?.end ?? start;
    return { start, end, text: this.text.slice(start, end) };
  }
  has(name: keyof OfferValues): boolean {
    return this.offer[name] !== null;
  }
  /** Records a field read from tokens [from, to) and claims them; a field already found keeps its value. */
  set<Name extends keyof OfferValues>(name: Name, value: NonNullable<OfferValues[Name]>, confidence: number, from: number, to: number) {
    this.claim(from, to);
    if (this.offer[name] !== null) return;
    this.offer[name] = value;
    this.fields.push({ name, value: String(value), confidence, span: this.span(from, to) });
  }
  setQuality(parameter: HviParameter, min: string | null, max: string | null, from: number, to: number) {
    this.claim(from, to);
    if (this.quality[parameter]) return;
    this.quality[parameter] = { min, max };
    const value = min !== null && max !== null ? (min === max ? min : `${min}–${max}`) : min !== null ? `≥ ${min}` : `≤ ${max}`;
    this.fields.push({ name: `quality.${parameter}`, value, confidence: 0.95, span: this.span(from, to) });
  }
  fieldOf(name: string): Field | undefined {
    return this.fields.find((field) => field.name === name);
  }
}

const decimalText = (value: Decimal): string => value.toFixed();

/** An amount at i: a number and an optional multiplier ("56.5k", "1.25 lakh"). */
function readAmount(r: Reading, i: number): { value: Decimal; end: number; multiplied: boolean } | null {
  const token = r.free(i);
  if (token?.kind !== 'num') return null;
  const value = dec(numberText(token));
  const next = r.free(i + 1);
  const factor = next && next.kind === 'word' ? (MULTIPLIERS[next.lower] ?? (next.lower === 'l' && !next.spaced ? '100000' : null)) : null;
  if (factor && !(next?.lower === 'k' && next.spaced && r.at(i + 2)?.lower === 'g')) {
    return { value: value.times(factor), end: i + 2, multiplied: true };
  }
  return { value, end: i + 1, multiplied: false };
}

/** A unit after a price: "per candy", "/candy", "/ kg", "pc", "p/c", "candy", "a candy". */
function readPriceUnit(r: Reading, i: number): { unit: TradeUnit; end: number } | null {
  let j = i;
  if (r.free(j)?.text === '/' && r.free(j + 1)?.text === '-') j += 2;
  const short = r.free(j);
  if (short && PER_UNIT_SHORTHANDS[short.lower]) return { unit: PER_UNIT_SHORTHANDS[short.lower] as TradeUnit, end: j + 1 };
  if (short?.lower === 'p' && r.free(j + 1)?.text === '/' && r.free(j + 2)?.lower === 'c') return { unit: 'candy', end: j + 3 };
  let k = j;
  if (r.isWord(k, ['per', 'a', 'pr', 'p']) || r.free(k)?.text === '/') k++;
  const unit = r.free(k);
  const named = unit && unit.kind === 'word' ? UNIT_WORDS[unit.lower] : undefined;
  if (named && named !== 'ton') return { unit: named, end: k + 1 };
  return null;
}

const inferredPriceUnit = (price: Decimal): TradeUnit => (price.gte(20000) ? 'candy' : price.gte(1000) ? 'qtl' : 'kg');

function setPrice(r: Reading, price: Decimal, unit: TradeUnit | null, confidence: number, from: number, to: number) {
  r.set('price', decimalText(price), confidence, from, to);
  if (unit) r.set('priceUnit', unit, confidence, from, to);
  // "per lb": a unit the desk does not trade in; the user picks one rather than the parser guessing.
  else if (!(r.isWord(to, ['per', '/']) && r.free(to + 1)?.kind === 'word')) r.set('priceUnit', inferredPriceUnit(price), 0.6, from, to);
}

// 1. Crop year.
function readCropYear(r: Reading): void {
  const season = (offset: number) => {
    const year = r.today.getUTCFullYear() - (r.today.getUTCMonth() >= 9 ? 0 : 1) + offset;
    return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
  };
  for (let i = 0; i < r.tokens.length; i++) {
    for (const [phrases, offset] of [
      [NEW_CROP, 0],
      [OLD_CROP, -1],
    ] as const) {
      for (const words of phrases) {
        const end = r.matchWords(i, words);
        if (end > 0) r.set('cropYear', season(offset), 0.8, i, end);
      }
    }
    const first = r.free(i);
    const second = r.free(i + 2);
    if (first?.kind !== 'num' || second?.kind !== 'num' || !['-', '/', '–'].includes(r.free(i + 1)?.text ?? '')) continue;
    const from = Number(first.text);
    const to = Number(second.text) % 100;
    const before = r.isWord(i - 1, ['crop', 'season', 'fasal', 'sesn']);
    const after = r.isWord(i + 3, ['crop', 'season', 'fasal', 'sesn']);
    const fullYear = /^20\d\d$/.test(first.text) && (second.text.length === 2 || second.text.length === 4);
    const shortYear = /^\d\d$/.test(first.text) && second.text.length === 2 && (before || after);
    if ((fullYear || shortYear) && (from + 1) % 100 === to) {
      const start = shortYear ? 2000 + from : from;
      r.set('cropYear', `${start}-${String(to).padStart(2, '0')}`, 1, before ? i - 1 : i, after ? i + 4 : i + 3);
    }
  }
}

// 2. Validity.
function readValidity(r: Reading): void {
  for (let i = 0; i < r.tokens.length; i++) {
    const todayOnly = Math.max(r.matchWords(i, ['today', 'only']), r.matchWords(i, ['only', 'today']));
    if (todayOnly > 0) {
      r.set('validityDays', 1, 0.9, i, todayOnly);
      continue;
    }
    if (!r.isWord(i, VALIDITY_WORDS)) continue;
    let j = i + 1;
    while (r.isWord(j, [':', '-', 'for', 'till', 'until', 'upto', 'up', 'to', 'is'])) j++;
    if (r.isWord(j, ['today', 'tomorrow', 'tmrw', 'kal', 'aaj'])) {
      r.set('validityDays', 1, 0.9, i, j + 1);
      continue;
    }
    const days = readDuration(r, j);
    if (days) r.set('validityDays', days.days, 0.95, i, days.end);
  }
  // "2 days valid", read only when no "valid …" came first.
  for (let i = 0; i < r.tokens.length && !r.has('validityDays'); i++) {
    const days = readDuration(r, i);
    if (days && (r.isWord(days.end, VALIDITY_WORDS) || r.isWord(days.end, ['only']))) {
      r.set('validityDays', days.days, 0.9, i, days.end + 1);
    }
  }
}

/** "2 days", "48 hrs" → whole days, hours rounded up. */
function readDuration(r: Reading, i: number): { days: number; end: number } | null {
  const number = r.free(i);
  if (number?.kind !== 'num') return null;
  const value = Number(numberText(number));
  if (!Number.isInteger(value) || value > 365) return null;
  if (r.isWord(i + 1, DAY_WORDS)) return { days: value, end: i + 2 };
  if (r.isWord(i + 1, HOUR_WORDS)) return { days: Math.max(1, Math.ceil(value / 24)), end: i + 2 };
  return null;
}

// 3. Variety.
function readVariety(r: Reading): void {
  const { varietyNames: names, typoVarietyNames } = r.index;
  // An exact name anywhere beats a typo earlier in the message.
  for (const fuzzy of [false, true]) {
    for (let i = 0; i < r.tokens.length && !r.has('variety'); i++) {
      const first = r.free(i);
      if (first?.kind !== 'word' || (fuzzy && first.text.length < 3)) continue;
      let best: { variety: VocabularyVariety; end: number } | null = null;
      let joined = '';
      for (let j = i; j < i + 6 && r.free(j); j++) {
        const token = r.free(j) as Token;
        if (token.kind === 'sym') {
          if (token.text !== '-' || j === i) break;
          continue;
        }
        joined += normalizeName(token.text);
        const match = fuzzy
          ? joined.length >= 5 && !UNIT_WORDS[joined]
            ? typoVarietyNames.find(([name]) => withinOneEdit(name, joined))?.[1]
            : undefined
          : names.get(joined);
        if (match) best = { variety: match, end: j + 1 };
      }
      if (best) r.set('variety', best.variety.code, fuzzy ? 0.7 : 1, i, best.end);
    }
  }
}

// 4. Quality.
type KeyMatch = { parameter: HviParameter; end: number; unitOnly: boolean };
const KEYS_BY_FIRST_WORD = new Map<string, typeof QUALITY_KEYS>();
for (const key of QUALITY_KEYS) {
  const first = key.words[0] ?? '';
  KEYS_BY_FIRST_WORD.set(first, [...(KEYS_BY_FIRST_WORD.get(first) ?? []), key]);
}
const TYPO_KEYS = QUALITY_KEYS.filter((key) => key.words.length === 1 && (key.words[0] ?? '').length >= 6);

function readKey(r: Reading, i: number): KeyMatch | null {
  const token = r.free(i);
  if (!token || token.kind === 'num') return null;
  for (const key of KEYS_BY_FIRST_WORD.get(token.lower) ?? []) {
    const end = r.matchWords(i, key.words);
    if (end > 0) return { parameter: key.parameter, end, unitOnly: key.unitOnly === true };
  }
  // One typo in a longer name: "strenght", "micronair".
  if (token.text.length >= 6) {
    const key = TYPO_KEYS.find((candidate) => withinOneEdit(candidate.words[0] ?? '', token.lower));
    if (key) return { parameter: key.parameter, end: i + 1, unitOnly: false };
  }
  return null;
}
function readBound(r: Reading, i: number): { bound: Bound; end: number } | null {
  const token = r.free(i);
  // "+b" names yellowness; it is no "+" bound.
  if (!token || readKey(r, i)) return null;
  if ((token.lower === '&' || token.lower === 'and') && r.isWord(i + 1, ['above', 'below'])) {
    return { bound: r.free(i + 1)?.lower === 'above' ? 'min' : 'max', end: i + 2 };
  }
  if (token.lower === 'up' && r.isWord(i + 1, ['to'])) return { bound: 'max', end: i + 2 };
  if (token.lower === 'less' && r.isWord(i + 1, ['than'])) return { bound: 'max', end: i + 2 };
  if (token.lower === 'at' && r.isWord(i + 1, ['least'])) return { bound: 'min', end: i + 2 };
  const bound = BOUND_WORDS[token.lower];
  return bound ? { bound, end: i + 1 } : null;
}
const plausible = (parameter: HviParameter, ...values: string[]) => {
  const [low, high] = PLAUSIBLE[parameter];
  return values.every((value) => Number(value) >= low && Number(value) <= high);
};

function readQualityAt(r: Reading, i: number): void {
  let j = i;
  const before = readBound(r, j);
  if (before) j = before.end;
  const name = readKey(r, j);
  if (name?.unitOnly) return;
  if (name) j = name.end;
  while (r.isWord(j, [':', '=', '-', 'of', 'is']) && r.free(j + 1)?.kind !== 'word') j++;
  const innerBound = name && !before ? readBound(r, j) : null;
  if (innerBound) j = innerBound.end;
  const first = r.free(j);
  if (first?.kind !== 'num') return;
  const min = numberText(first);
  let max = min;
  j++;
  // The unit may sit on both ends of a range: "28.5mm-30mm".
  const unitAfter = (k: number, parameter: HviParameter | undefined) =>
    parameter && QUALITY_UNITS[parameter]?.includes(r.free(k)?.lower ?? '') ? k + 1 : k;
  const afterFirst = unitAfter(j, name?.parameter ?? 'staple_mm');
  const separator = r.free(afterFirst);
  if (separator && ['-', '–', '—', '~', 'to'].includes(separator.lower) && r.free(afterFirst + 1)?.kind === 'num') {
    max = numberText(r.free(afterFirst + 1) as Token);
    j = afterFirst + 2;
  }
  let parameter = name?.parameter;
  // A name or unit after the value: "29 mm", "3.8 mic", "28 gpt"; with a name before too, the value
  // goes to whichever it can be, and to the name before when the one after has a value of its own.
  const after = readKey(r, j);
  if (after && (!parameter || after.parameter === parameter)) {
    parameter = after.parameter;
    j = after.end;
  } else if (after && parameter && after.parameter !== parameter) {
    const fitsBefore = plausible(parameter, min, max);
    const fitsAfter = plausible(after.parameter, min, max);
    const afterHasValue = r.free(after.end)?.kind === 'num' || readBound(r, after.end) !== null;
    if (!fitsBefore || (fitsAfter && !afterHasValue)) return;
  } else j = unitAfter(j, parameter);
  if (!parameter || !plausible(parameter, min, max)) return;
  let bound: Bound | null = before?.bound ?? innerBound?.bound ?? null;
  const trailing = readBound(r, j);
  if (trailing && !bound) {
    // "29mm+" or "28.5 mm min mic 3.5": a bound before another parameter's name belongs where it is natural.
    const next = readKey(r, trailing.end);
    const nextWants =
      next && (r.free(next.end)?.kind === 'num' || r.free(next.end + 1)?.kind === 'num') ? BETTER_WHEN[next.parameter] : null;
    const takeIt = !next || BETTER_WHEN[parameter] === trailing.bound || nextWants !== trailing.bound;
    if (takeIt) {
      bound = trailing.bound;
      j = trailing.end;
    }
  }
  if (min !== max) r.setQuality(parameter, min, max, i, j);
  else r.setQuality(parameter, bound === 'max' ? null : min, bound === 'min' ? null : min, i, j);
}

function readQuality(r: Reading): void {
  for (let i = 0; i < r.tokens.length; i++) if (r.free(i)) readQualityAt(r, i);
  readQualityShorthand(r);
}

/** The broker's shorthand "29/3.8" or "29.5/3.8/28": staple, mic and strength in that order. */
function readQualityShorthand(r: Reading): void {
  const order: HviParameter[] = ['staple_mm', 'micronaire', 'strength_gpt'];
  for (let i = 0; i < r.tokens.length; i++) {
    const values: string[] = [];
    let j = i;
    while (values.length < order.length && r.free(j)?.kind === 'num') {
      const value = numberText(r.free(j) as Token);
      if (!plausible(order[values.length] as HviParameter, value)) break;
      values.push(value);
      if (r.free(j + 1)?.text !== '/' || r.free(j + 2)?.kind !== 'num') {
        j++;
        break;
      }
      j += 2;
    }
    if (values.length < 2 || r.free(j - 1)?.kind !== 'num') continue;
    for (const [index, value] of values.entries()) {
      const parameter = order[index] as HviParameter;
      if (r.quality[parameter]) continue;
      r.quality[parameter] = { min: value, max: value };
      r.fields.push({ name: `quality.${parameter}`, value, confidence: 0.7, span: r.span(i, j) });
    }
    r.claim(i, j);
    i = j - 1;
  }
}

// 5 and 7. Price.
function readMarkedPrice(r: Reading): void {
  for (let i = 0; i < r.tokens.length && !r.has('price'); i++) {
    const marker = r.free(i);
    if (!marker || !PRICE_MARKERS.has(marker.lower)) continue;
    if (marker.lower === 'at' && r.free(i + 1)?.kind !== 'num') continue;
    let j = i + 1;
    while (r.free(j) && PRICE_FILLERS.has((r.free(j) as Token).lower)) j++;
    const amount = readAmount(r, j);
    if (!amount) continue;
    const unit = readPriceUnit(r, amount.end);
    setPrice(
      r,
      amount.value,
      unit?.unit ?? null,
      1,
      i,
      unit?.end ?? (r.free(amount.end)?.text === '/' && r.free(amount.end + 1)?.text === '-' ? amount.end + 2 : amount.end),
    );
    if (['₹', 'rs', 'inr'].includes(marker.lower) || r.tokens.slice(i, j).some((t) => t.lower === 'rs' || t.lower === '₹')) {
      r.set('currency', 'INR', 1, i, i + 1);
    } else if (marker.lower === '$' || marker.lower === 'usd') r.set('currency', 'USD', 1, i, i + 1);
  }
}

function readUnmarkedPrice(r: Reading): void {
  for (let i = 0; i < r.tokens.length && !r.has('price'); i++) {
    const amount = readAmount(r, i);
    if (!amount) continue;
    const unit = readPriceUnit(r, amount.end);
    const dashed = r.free(amount.end)?.text === '/' && r.free(amount.end + 1)?.text === '-';
    if (unit || amount.multiplied || dashed) {
      setPrice(r, amount.value, unit?.unit ?? null, 0.9, i, unit?.end ?? (dashed ? amount.end + 2 : amount.end));
    }
  }
  const inPriceBand = (token: Token | undefined) =>
    token?.kind === 'num' && dec(numberText(token)).gte(20000) && dec(numberText(token)).lte(200000);
  for (let i = 0; i < r.tokens.length && !r.has('price'); i++) {
    const token = r.free(i);
    if (!inPriceBand(token) || r.free(i - 1)?.text === '-') continue;
    const value = dec(numberText(token as Token));
    // "56,500-57,000": a price band; the draft takes its lower end for the user to settle.
    if (r.free(i + 1)?.text === '-' && inPriceBand(r.free(i + 2))) setPrice(r, value, 'candy', 0.5, i, i + 3);
    else if (r.free(i + 1)?.text !== '-') setPrice(r, value, 'candy', 0.6, i, i + 1);
  }
}

// 6. Quantity.
function readQuantity(r: Reading): void {
  for (let i = 0; i < r.tokens.length && !r.has('quantity'); i++) {
    const amount = readAmount(r, i);
    if (!amount) continue;
    const unitToken = r.free(amount.end);
    if (unitToken?.kind !== 'word') continue;
    const unit = UNIT_WORDS[unitToken.lower] ?? (!amount.multiplied ? SHORT_UNIT_WORDS[unitToken.lower] : undefined);
    if (!unit) continue;
    const marked = r.isWord(i - 1, ['qty', 'quantity']) || r.isWord(i - 2, ['qty', 'quantity']);
    // "57800 candy" is a price per candy: no one trades ten thousand candies in one message.
    if (!marked && (unit === 'candy' || unit === 'qtl') && (amount.value.gte(10000) || amount.multiplied)) continue;
    const from = marked ? (r.isWord(i - 1, ['qty', 'quantity']) ? i - 1 : i - 2) : i;
    if (unit === 'ton') {
      r.set('quantity', decimalText(amount.value.times(1000)), 0.8, from, amount.end + 1);
      r.set('unit', 'kg', 0.8, from, amount.end + 1);
    } else {
      r.set('quantity', decimalText(amount.value), 1, from, amount.end + 1);
      r.set('unit', unit, 1, from, amount.end + 1);
    }
  }
  // Once the quantity is known, "NUMBER candy" elsewhere is the price per candy.
  for (let i = 0; i < r.tokens.length && !r.has('price') && r.has('quantity'); i++) {
    const amount = readAmount(r, i);
    const unit = amount && r.free(amount.end)?.kind === 'word' ? UNIT_WORDS[(r.free(amount.end) as Token).lower] : undefined;
    if (amount && unit && unit !== 'ton') setPrice(r, amount.value, unit, 0.9, i, amount.end + 1);
  }
}

// 8. Payment.
function readPayment(r: Reading): void {
  const termNames = r.index.paymentTermNames;
  for (let i = 0; i < r.tokens.length && !r.has('paymentDays'); i++) {
    const lead = r.isWord(i, PAYMENT_WORDS) ? i + 1 : i;
    let j = lead;
    while (r.isWord(j, [':', '-', 'in', 'within', 'of'])) j++;
    for (const words of NO_CREDIT_PAYMENTS) {
      const end = r.matchWords(j, words);
      if (end > 0) r.set('paymentDays', 0, 0.9, i, r.isWord(end, PAYMENT_WORDS) ? end + 1 : end);
    }
    if (r.has('paymentDays')) break;
    let joined = '';
    for (let k = j; k < j + 3 && r.free(k); k++) {
      joined += normalizeName((r.free(k) as Token).text);
      const term = termNames.find((candidate) => candidate.name === joined);
      if (term) {
        r.set('paymentDays', term.days, 0.9, i, k + 1);
        break;
      }
    }
    if (r.has('paymentDays')) break;
    const days = readDuration(r, j);
    if (!days) continue;
    const trailer = r.isWord(days.end, PAYMENT_WORDS) ? days.end + 1 : days.end;
    if (lead === i && (r.isWord(i - 1, NOT_PAYMENT_BEFORE) || r.isWord(days.end, NOT_PAYMENT_AFTER))) continue;
    if (r.isWord(j, HOUR_WORDS)) continue;
    r.set('paymentDays', days.days, lead > i || trailer > days.end ? 0.95 : 0.8, i, trailer);
  }
}

// 9. Place and delivery term.
function readPlace(r: Reading): void {
  const { places: byName, deliveryCodes: deliveryTerms } = r.index;
  const found: { place: Place; from: number; to: number; marked: boolean; term: string | null }[] = [];
  for (let i = 0; i < r.tokens.length; i++) {
    const token = r.free(i);
    if (token?.kind !== 'word') continue;
    let match: { place: Place; end: number; fuzzy: boolean } | null = null;
    let joined = '';
    for (let j = i; j < i + 3 && r.free(j)?.kind === 'word'; j++) {
      joined += (r.free(j) as Token).lower;
      const exact = byName.get(joined);
      if (exact) match = { place: exact, end: j + 1, fuzzy: false };
    }
    if (!match && token.text.length >= 6) {
      for (const [name, place] of byName) {
        if (name.length >= 6 && withinOneEdit(name, token.lower)) match = { place, end: i + 1, fuzzy: true };
      }
    }
    // A state's code only in capitals: "MH", not "mh" in passing.
    if (!match && /^[A-Z]{2}$/.test(token.text)) {
      const state = r.vocabulary.locations.find((location) => location.kind === 'state' && location.stateCode === token.text);
      if (state) match = { place: { name: state.name, city: null, stateCode: state.stateCode }, end: i + 1, fuzzy: false };
    }
    if (!match) continue;
    let from = i;
    let to = match.end;
    let term: string | null = null;
    // Markers before: "ex-Rajkot", "ex Gondal gin", "del Ahmedabad", "FOR Coimbatore".
    let k = i - 1;
    if (r.free(k)?.text === '-') k--;
    const marker = r.free(k);
    const markedBefore = marker !== undefined && DELIVERY_MARKERS.has(marker.lower) && marker.lower !== 'f';
    if (markedBefore) from = k;
    if (marker?.lower === 'for' && deliveryTerms.has('for-mill')) term = 'for-mill';
    if (r.isWord(k, ['mill']) && r.isWord(k - 1, ['for'])) {
      from = k - 1;
      if (deliveryTerms.has('for-mill')) term = 'for-mill';
    }
    if (marker?.lower === 'ex' && r.isWord(to, ['gin', 'ginning', 'factory', 'ginnery'])) {
      if (deliveryTerms.has('ex-gin')) term = 'ex-gin';
      to++;
    }
    const markedAfter = r.isWord(to, CITY_SUFFIXES);
    if (markedAfter) to++;
    found.push({ place: match.place, from, to, marked: markedBefore || markedAfter, term });
    r.claim(from, to);
    i = to - 1;
  }
  const city = found.find((entry) => entry.marked && entry.place.city) ?? found.find((entry) => entry.place.city);
  if (city?.place.city) {
    const confidence = city.marked ? 0.95 : 0.75;
    r.set('deliveryCity', city.place.city, confidence, city.from, city.to);
    r.set('deliveryStateCode', city.place.stateCode, city.marked ? 0.9 : 0.7, city.from, city.to);
  }
  const state = found.find((entry) => !entry.place.city);
  if (state) r.set('deliveryStateCode', state.place.stateCode, state.marked ? 0.9 : 0.75, state.from, state.to);
  const withTerm = found.find((entry) => entry.term);
  if (withTerm?.term) r.set('deliveryTerm', withTerm.term, 0.9, withTerm.from, withTerm.to);
  readDeliveryTerm(r, deliveryTerms);
}

function readDeliveryTerm(r: Reading, codes: Set<string>): void {
  const phrases = r.index.deliveryPhrases;
  for (let i = 0; i < r.tokens.length && !r.has('deliveryTerm'); i++) {
    for (const phrase of phrases) {
      const end = r.matchWords(i, phrase.words);
      if (end > 0 && codes.has(phrase.code)) {
        r.set('deliveryTerm', phrase.code, 0.9, i, end);
        break;
      }
    }
  }
}

// 10. Side.
function readSide(r: Reading): void {
  for (let i = 0; i < r.tokens.length && !r.has('side'); i++) {
    const forSale = r.matchWords(i, ['for', 'sale']);
    if (forSale > 0) r.set('side', 'sell', 1, i, forSale);
    const token = r.free(i);
    let side: OfferSide | undefined = token ? SIDE_WORDS[token.lower] : undefined;
    let from = i;
    // "send offer", "quote your offer": a buyer asking for offers.
    if (side && token?.lower.startsWith('offer') && r.isWord(i - 1, ['send', 'give', 'quote', 'share', 'your', 'best'])) {
      side = 'buy';
      from = i - 1;
    }
    if (side) r.set('side', side, 1, from, r.isWord(i + 1, ['for', 'hai', 'he']) ? i + 2 : i + 1);
  }
  for (let i = 0; i < r.tokens.length && !r.has('side'); i++) {
    if (r.isWord(i, WEAK_SELL_WORDS)) r.set('side', 'sell', 0.6, i, i + 1);
  }
}

// 11. Commodity.
function readCommodity(r: Reading): void {
  let kapas = false;
  for (let i = 0; i < r.tokens.length && !r.has('commodity'); i++) {
    for (const { words, commodity } of COMMODITY_WORDS) {
      const end = r.matchWords(i, words);
      if (end < 0) continue;
      if (commodity) r.set('commodity', commodity, 1, i, end);
      else kapas = true;
      break;
    }
  }
  if (r.has('commodity') || kapas) return;
  const variety = r.vocabulary.varieties.find((candidate) => candidate.code === r.offer.variety);
  const varietyField = r.fieldOf('variety');
  if (variety && varietyField) {
    r.fields.push({ name: 'commodity', value: variety.commodityCode, confidence: 0.9, span: varietyField.span });
    r.offer.commodity = variety.commodityCode;
    return;
  }
  const unitField = r.fieldOf('unit');
  if (unitField && (r.offer.unit === 'bale' || r.offer.unit === 'candy')) {
    r.fields.push({ name: 'commodity', value: 'cotton-lint', confidence: 0.6, span: unitField.span });
    r.offer.commodity = 'cotton-lint';
  }
}

// 12. Currency.
function readCurrency(r: Reading): void {
  const price = r.fieldOf('price');
  if (price && !r.has('currency')) {
    r.fields.push({ name: 'currency', value: 'INR', confidence: 0.7, span: price.span });
    r.offer.currency = 'INR';
  }
}

function unparsedSpans(r: Reading): ParseResult['unparsed'] {
  const spans: ParseResult['unparsed'] = [];
  let from = -1;
  let last = -1;
  const close = () => {
    if (from >= 0) spans.push(r.span(from, last + 1));
    from = -1;
  };
  for (const [i, token] of r.tokens.entries()) {
    const meaningful = !r.used[i] && token.kind !== 'sym' && !FILLER_WORDS.has(token.lower);
    if (meaningful) {
      if (from < 0) from = i;
      last = i;
    } else if (r.used[i] || (token.kind === 'word' && FILLER_WORDS.has(token.lower)) || /[,;\n]/.test(token.text)) close();
  }
  close();
  return spans;
}

/** Reads a trade message into a draft offer; see the rules above. */
export function parseTradeMessage(text: string, vocabulary: ParserVocabulary, options: ParseOptions = {}): ParseResult {
  const r = new Reading(text, vocabulary, options.today ?? new Date());
  readCropYear(r);
  readValidity(r);
  readVariety(r);
  readQuality(r);
  readMarkedPrice(r);
  readQuantity(r);
  readUnmarkedPrice(r);
  readPayment(r);
  readPlace(r);
  readSide(r);
  readCommodity(r);
  readCurrency(r);
  return {
    offer: { ...r.offer, quality: r.quality },
    fields: [...r.fields].sort((a, b) => a.span.start - b.span.start),
    unparsed: unparsedSpans(r),
  };
}

// The tokenizer: a message becomes numbers, words and single symbols, each with its place in the
// text, so every field the rules read can point back at the characters it came from.

export type TokenKind = 'num' | 'word' | 'sym';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Lower case, for matching. */
  lower: string;
  start: number;
  end: number;
  /** Whitespace (or the start of the text) before it: "29mm" is one unit, "29 mm" two tokens. */
  spaced: boolean;
}

// A number keeps Indian and western digit grouping ("1,25,000", "56,500") and a decimal part;
// a word is Latin or Devanagari letters; anything else that is not blank is a one-character symbol.
const TOKEN = /(\d+(?:,\d{2,3})*(?:\.\d+)?)|([A-Za-z\u0900-\u097F]+)|(\S)/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const kind: TokenKind = match[1] !== undefined ? 'num' : match[2] !== undefined ? 'word' : 'sym';
    const previous = tokens.at(-1);
    tokens.push({
      kind,
      text: match[0],
      lower: match[0].toLowerCase(),
      start,
      end: start + match[0].length,
      spaced: previous === undefined || previous.end < start,
    });
  }
  return tokens;
}

/** A number token's value without grouping commas: "56,500" → "56500". */
export const numberText = (token: Token): string => token.text.replaceAll(',', '');

/** Letters and digits only, lower case: "S-6", "s 6" and "S6" all become "s6". */
export const normalizeName = (value: string): string => value.toLowerCase().replace(/[^a-z0-9\u0900-\u097f]/g, '');

/** At most one typo apart: one letter wrong, missing or extra, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return swapped || a.slice(i + 1) === b.slice(i + 1);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

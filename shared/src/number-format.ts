// How amounts and quantities read to people, on screens, previews and PDFs alike. The locale is
// always named: `undefined` would follow the reader's browser, and an INR amount must read in
// lakh/crore (₹6,61,50,000.00) whatever language the browser speaks.

/** Where a currency's own convention comes from; others read as en-US does. */
const CURRENCY_LOCALES: Record<string, string> = {
  INR: 'en-IN',
  USD: 'en-US',
  EUR: 'de-DE',
  GBP: 'en-GB',
  AED: 'en-AE',
  SGD: 'en-SG',
  JPY: 'ja-JP',
};

/** The default reading of plain numbers (quantities, counts) on an Indian trade platform. */
export const DEFAULT_LOCALE = 'en-IN';

const formatters = new Map<string, Intl.NumberFormat>();

function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

// Intl formats a decimal string exactly (no float on the way), so "0.105" stays "0.105", not
// 0.10499…; a string that is not a number would read "NaN", so it shows as it came.
function format(formatter: Intl.NumberFormat, value: string): string {
  const text = value.trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? formatter.format(text as `${number}`) : value;
}

export interface MoneyFormatOptions {
  /** More decimals than the currency's minor units, shown only when the amount has them (prices). */
  maxFractionDigits?: number;
  /** `code` writes "INR 6,61,50,000.00" where a font has no ₹ glyph (PDFs). */
  display?: 'symbol' | 'code';
}

/**
 * An amount in its currency's own convention: INR in lakh/crore, USD as en-US and so on, with the
 * currency's minor units (paise, cents).
 */
export function formatMoney(amount: string, currency: string, options: MoneyFormatOptions = {}): string {
  const code = currency.toUpperCase();
  const { maxFractionDigits = 2, display = 'symbol' } = options;
  const locale = CURRENCY_LOCALES[code] ?? 'en-US';
  const formatter = cached(`money:${code}:${maxFractionDigits}:${display}`, () => {
    const base = { style: 'currency', currency: code, currencyDisplay: display } as const;
    const minor = new Intl.NumberFormat(locale, base).resolvedOptions().minimumFractionDigits ?? 2;
    return new Intl.NumberFormat(locale, {
      ...base,
      minimumFractionDigits: minor,
      maximumFractionDigits: Math.max(minor, maxFractionDigits),
    });
  });
  return format(formatter, amount);
}

/** A plain number grouped for reading ("20,000", "2,00,000.5"), up to three decimals. */
export function formatNumber(value: string | number, locale = DEFAULT_LOCALE): string {
  const formatter = cached(`number:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }));
  return format(formatter, String(value));
}

/** A quantity with its unit: "20,000 qtl". */
export function formatQuantity(quantity: string, unit: string, locale = DEFAULT_LOCALE): string {
  return `${formatNumber(quantity, locale)} ${unit}`;
}

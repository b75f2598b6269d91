import { Decimal } from 'decimal.js';

// Money and quantities as decimal strings, computed with decimal.js — never JavaScript floats.
// Amounts round half-up to 2 places (paise/cents), as Indian GST invoices do.

export type DecimalInput = string | number | Decimal;

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export function dec(value: DecimalInput): Decimal {
  return new D(value);
}

/** Rounds to currency precision and renders with exactly `places` decimals: "1234.50". */
export function money(value: DecimalInput, places = 2): string {
  return dec(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

export function sum(values: DecimalInput[]): Decimal {
  return values.reduce<Decimal>((total, value) => total.plus(dec(value)), new D(0));
}

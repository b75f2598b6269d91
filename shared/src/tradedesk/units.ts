import type { Decimal } from 'decimal.js';
import { type DecimalInput, dec } from '../money.ts';

// The cotton trade's units, in one place: a bale is about 170 kg of lint, a candy 355.6222 kg
// (784 lb), a quintal 100 kg. Quantities and prices convert through kilograms, with decimal.js.

export const TRADE_UNITS = ['bale', 'candy', 'qtl', 'kg'] as const;
export type TradeUnit = (typeof TRADE_UNITS)[number];

export const TRADE_UNIT_LABELS: Record<TradeUnit, { one: string; many: string; per: string }> = {
  bale: { one: 'bale', many: 'bales', per: 'per bale' },
  candy: { one: 'candy', many: 'candies', per: 'per candy' },
  qtl: { one: 'quintal', many: 'quintals', per: 'per quintal' },
  kg: { one: 'kg', many: 'kg', per: 'per kg' },
};

/** Kilograms in one unit. A bale's weight is the trade's convention; a lot's own weight wins where known. */
export const KG_PER_UNIT: Record<TradeUnit, string> = {
  bale: '170',
  candy: '355.6222',
  qtl: '100',
  kg: '1',
};

export function toKg(quantity: DecimalInput, unit: TradeUnit): Decimal {
  return dec(quantity).times(KG_PER_UNIT[unit]);
}

/** A quantity in another unit, e.g. 100 bales → 47.8 candies. */
export function convertQuantity(quantity: DecimalInput, from: TradeUnit, to: TradeUnit): Decimal {
  return toKg(quantity, from).dividedBy(KG_PER_UNIT[to]);
}

/** A price per one unit as a price per another, e.g. ₹56,500 per candy → ₹158.88 per kg. */
export function convertPrice(price: DecimalInput, from: TradeUnit, to: TradeUnit): Decimal {
  return dec(price).dividedBy(KG_PER_UNIT[from]).times(KG_PER_UNIT[to]);
}

/** What a quantity costs at a price quoted per `priceUnit`: the contract value before taxes. */
export function tradeValue(quantity: DecimalInput, unit: TradeUnit, price: DecimalInput, priceUnit: TradeUnit): Decimal {
  return convertQuantity(quantity, unit, priceUnit).times(price);
}

import { convertPrice, convertQuantity, dec, KG_PER_UNIT, TRADE_UNITS, toKg, tradeValue } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

// The trade's unit conversions (shared/src/tradedesk/units.ts): bale 170 kg, candy 355.6222 kg,
// quintal 100 kg, with decimal.js — exact where the numbers are, and round trips that come back.

describe('quantities', () => {
  it('turns each unit into kilograms', () => {
    expect(toKg('100', 'bale').toFixed()).toBe('17000');
    expect(toKg('1', 'candy').toFixed()).toBe('355.6222');
    expect(toKg('50', 'qtl').toFixed()).toBe('5000');
    expect(toKg('12.5', 'kg').toFixed()).toBe('12.5');
  });

  it('converts between units through kilograms', () => {
    // 100 bales = 17,000 kg = 47.80... candies.
    expect(convertQuantity('100', 'bale', 'candy').toDecimalPlaces(4).toFixed()).toBe('47.8035');
    expect(convertQuantity('500', 'candy', 'qtl').toFixed()).toBe('1778.111');
    expect(convertQuantity('50', 'qtl', 'bale').toDecimalPlaces(6).toFixed()).toBe('29.411765');
    expect(convertQuantity('1700', 'kg', 'bale').toFixed()).toBe('10');
  });

  it('leaves a quantity unchanged in its own unit', () => {
    for (const unit of TRADE_UNITS) expect(convertQuantity('123.456', unit, unit).toFixed()).toBe('123.456');
  });

  it('comes back to the same quantity after a round trip through every unit', () => {
    for (const from of TRADE_UNITS) {
      for (const to of TRADE_UNITS) {
        const back = convertQuantity(convertQuantity('987.654', from, to), to, from);
        expect(back.toDecimalPlaces(20).toFixed()).toBe('987.654');
      }
    }
  });

  it('is exact where floats are not: 0.1 + 0.2 bales of 170 kg', () => {
    expect(toKg(dec('0.1').plus('0.2'), 'bale').toFixed()).toBe('51');
    expect((0.1 + 0.2) * 170).not.toBe(51); // the float answer drifts; ours does not
    expect(toKg('0.3', 'bale').equals(dec('51'))).toBe(true);
  });
});

describe('prices', () => {
  it('converts a price per candy to a price per kg and back', () => {
    const perKg = convertPrice('56500', 'candy', 'kg');
    expect(perKg.toDecimalPlaces(2).toFixed()).toBe('158.88');
    expect(convertPrice(perKg, 'kg', 'candy').toDecimalPlaces(10).toFixed()).toBe('56500');
  });

  it('scales a price with the unit’s weight the other way round from a quantity', () => {
    // ₹7,450 per quintal is ₹74.5 per kg and ₹12,665 per bale.
    expect(convertPrice('7450', 'qtl', 'kg').toFixed()).toBe('74.5');
    expect(convertPrice('7450', 'qtl', 'bale').toFixed()).toBe('12665');
    expect(convertPrice('160', 'kg', 'qtl').toFixed()).toBe('16000');
  });

  it('comes back to the same price after a round trip through every unit', () => {
    for (const from of TRADE_UNITS) {
      for (const to of TRADE_UNITS) {
        expect(
          convertPrice(convertPrice('56500.25', from, to), to, from)
            .toDecimalPlaces(20)
            .toFixed(),
        ).toBe('56500.25');
      }
    }
  });

  it('values a trade the same whichever unit the quantity is in', () => {
    // 100 bales at ₹56,500 per candy: 17,000 kg / 355.6222 kg × 56,500.
    const value = tradeValue('100', 'bale', '56500', 'candy');
    expect(value.toDecimalPlaces(2).toFixed(2)).toBe('2700900.00');
    expect(tradeValue('17000', 'kg', '56500', 'candy').equals(value)).toBe(true);
    expect(
      tradeValue('100', 'bale', convertPrice('56500', 'candy', 'kg'), 'kg')
        .toDecimalPlaces(10)
        .equals(value.toDecimalPlaces(10)),
    ).toBe(true);
  });

  it('keeps the kilograms per unit as decimal strings', () => {
    for (const unit of TRADE_UNITS) expect(KG_PER_UNIT[unit]).toMatch(/^\d+(\.\d+)?$/);
  });
});

import { formatMoney, formatNumber, formatQuantity } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

describe('formatMoney', () => {
  it('groups rupees in lakh and crore', () => {
    expect(formatMoney('66150000', 'INR')).toBe('₹6,61,50,000.00');
    expect(formatMoney('66150.00', 'INR')).toBe('₹66,150.00');
    expect(formatMoney('123456789012.5', 'INR')).toBe('₹1,23,45,67,89,012.50');
  });

  it('keeps paise exactly, rounding half up without float error', () => {
    expect(formatMoney('0.05', 'INR')).toBe('₹0.05');
    expect(formatMoney('1.005', 'INR')).toBe('₹1.01');
    expect(formatMoney('99999999999999.99', 'INR')).toBe('₹9,99,99,99,99,99,999.99');
  });

  it('shows a negative amount with its sign', () => {
    expect(formatMoney('-1234567.5', 'INR')).toBe('-₹12,34,567.50');
  });

  it('follows each currency’s own convention', () => {
    expect(formatMoney('1234567.5', 'USD')).toBe('$1,234,567.50');
    expect(formatMoney('1234567.5', 'EUR')).toBe('1.234.567,50\u00a0€');
    expect(formatMoney('1234567', 'JPY')).toBe('￥1,234,567');
  });

  it('shows a price’s extra decimals only when asked for them', () => {
    expect(formatMoney('265.5000', 'INR', { maxFractionDigits: 4 })).toBe('₹265.50');
    expect(formatMoney('265.1234', 'INR', { maxFractionDigits: 4 })).toBe('₹265.1234');
    expect(formatMoney('265.1234', 'INR')).toBe('₹265.12');
  });

  it('writes the currency code where a font has no ₹ glyph', () => {
    expect(formatMoney('66150000', 'INR', { display: 'code' })).toBe('INR\u00a06,61,50,000.00');
  });

  it('shows something that is not a number as it came rather than NaN', () => {
    expect(formatMoney('n/a', 'INR')).toBe('n/a');
  });
});

describe('formatQuantity', () => {
  it('groups quantities and names the unit', () => {
    expect(formatQuantity('20000', 'qtl')).toBe('20,000 qtl');
    expect(formatQuantity('2000000.000', 'kg')).toBe('20,00,000 kg');
    expect(formatQuantity('1500.250', 'm')).toBe('1,500.25 m');
  });

  it('reads in another locale when the company uses one', () => {
    expect(formatQuantity('2000000', 'kg', 'en-US')).toBe('2,000,000 kg');
    expect(formatNumber(1234567, 'en-US')).toBe('1,234,567');
  });
});

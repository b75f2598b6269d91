import { rupeesInWords, wholeNumberInWords } from '@tradeloom/shared';
import { describe, expect, it } from 'vitest';

describe('amount in words (Indian system)', () => {
  it('writes zero', () => {
    expect(rupeesInWords('0')).toBe('Rupees Zero Only');
    expect(rupeesInWords('0.00')).toBe('Rupees Zero Only');
  });

  it('writes thousands and hundreds without "and"', () => {
    expect(rupeesInWords('66150.00')).toBe('Rupees Sixty-Six Thousand One Hundred Fifty Only');
    expect(rupeesInWords('1001')).toBe('Rupees One Thousand One Only');
    expect(rupeesInWords('999')).toBe('Rupees Nine Hundred Ninety-Nine Only');
  });

  it('adds paise when there are any, rounding half up to paise first', () => {
    expect(rupeesInWords('284085.50')).toBe('Rupees Two Lakh Eighty-Four Thousand Eighty-Five and Fifty Paise Only');
    expect(rupeesInWords('0.07')).toBe('Rupees Zero and Seven Paise Only');
    expect(rupeesInWords('10.005')).toBe('Rupees Ten and One Paise Only');
  });

  it('groups in lakh and crore, not million', () => {
    expect(rupeesInWords('100000')).toBe('Rupees One Lakh Only');
    expect(rupeesInWords('6,61,50,000'.replaceAll(',', ''))).toBe('Rupees Six Crore Sixty-One Lakh Fifty Thousand Only');
    expect(rupeesInWords('10000000')).toBe('Rupees One Crore Only');
    expect(rupeesInWords('99999999.99')).toBe(
      'Rupees Nine Crore Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred Ninety-Nine and Ninety-Nine Paise Only',
    );
  });

  it('counts past 99 crore in crore, up to the largest order total', () => {
    expect(wholeNumberInWords(1_000_000_000n)).toBe('One Hundred Crore');
    expect(wholeNumberInWords(12_34_56_78_90_123n)).toBe(
      'One Lakh Twenty-Three Thousand Four Hundred Fifty-Six Crore Seventy-Eight Lakh Ninety Thousand One Hundred Twenty-Three',
    );
    // numeric(18,2): the largest total an order can hold.
    expect(rupeesInWords('9999999999999999.99')).toBe(
      'Rupees Ninety-Nine Crore Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred Ninety-Nine Crore Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred Ninety-Nine and Ninety-Nine Paise Only',
    );
  });

  it('writes a negative amount (a credit) with "Minus"', () => {
    expect(rupeesInWords('-250')).toBe('Minus Rupees Two Hundred Fifty Only');
  });
});

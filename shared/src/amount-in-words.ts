import { money } from './money.ts';

// Indian documents write the total in words, grouped the Indian way: thousand, lakh (1,00,000),
// crore (1,00,00,000); amounts past 99 crore keep counting in crore ("One Thousand Crore").

const ONES = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
];
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'];

/** 1–99: "Seven", "Forty-Two". */
function belowHundred(n: number): string {
  if (n < 20) return ONES[n] as string;
  const ones = n % 10;
  return `${TENS[Math.floor(n / 10)]}${ones ? `-${ONES[ones]}` : ''}`;
}

/** 1–999: "Nine Hundred Ninety-Nine". */
function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  return [hundreds ? `${ONES[hundreds]} Hundred` : '', rest ? belowHundred(rest) : ''].filter(Boolean).join(' ');
}

const GROUPS: [bigint, string][] = [
  [10_000_000n, 'Crore'],
  [100_000n, 'Lakh'],
  [1_000n, 'Thousand'],
];

/** A whole number in Indian-system words: 66150n → "Sixty-Six Thousand One Hundred Fifty". */
export function wholeNumberInWords(value: bigint): string {
  if (value === 0n) return 'Zero';
  const parts: string[] = [];
  let rest = value;
  for (const [size, name] of GROUPS) {
    const count = rest / size;
    rest %= size;
    // Only crore may count past 99: the crore figure is itself written in words, lakh and all.
    if (count > 0n) parts.push(`${size === 10_000_000n ? wholeNumberInWords(count) : belowHundred(Number(count))} ${name}`);
  }
  if (rest > 0n) parts.push(belowThousand(Number(rest)));
  return parts.join(' ');
}

/**
 * An INR amount as written on an invoice or order: "Rupees Sixty-Six Thousand One Hundred Fifty
 * Only", with paise when there are any ("… and Fifty Paise Only"). Rounds to paise first.
 */
export function rupeesInWords(amount: string): string {
  const fixed = money(amount);
  const negative = fixed.startsWith('-');
  const [rupees = '0', paise = '00'] = fixed.replace('-', '').split('.');
  const paiseWords = Number(paise) ? ` and ${belowHundred(Number(paise))} Paise` : '';
  return `${negative ? 'Minus ' : ''}Rupees ${wholeNumberInWords(BigInt(rupees))}${paiseWords} Only`;
}

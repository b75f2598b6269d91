import { trimZeros } from '../../lib/format.ts';

/** A stored quantity grouped for reading: "5500.000" → "5,500". */
export function formatQuantity(value: string): string {
  const [whole = '0', fraction] = trimZeros(value).split('.');
  const grouped = new Intl.NumberFormat('en-IN').format(BigInt(whole));
  return fraction ? `${grouped}.${fraction}` : grouped;
}

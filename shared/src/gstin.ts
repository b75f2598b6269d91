// GSTIN: 2-digit state code, 10-char PAN, entity number, 'Z', and a mod-36 check character.
const GSTIN_SHAPE = /^[0-3][0-9][A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = CHARSET.indexOf(first14[i] as string) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CHARSET[(36 - (sum % 36)) % 36] as string;
}

export function isValidGstin(value: string): boolean {
  if (!GSTIN_SHAPE.test(value)) return false;
  return gstinCheckCharacter(value.slice(0, 14)) === value[14];
}

/** The state code a GSTIN is registered in ('27' is Maharashtra, '24' Gujarat …). */
export function gstinStateCode(gstin: string): string {
  return gstin.slice(0, 2);
}

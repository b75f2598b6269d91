import { formatNumber, formatRange, formatTradeQuantity, type TradeUnit } from '@tradeloom/shared';

// How the desk words an offer's figures: pure, so the rows, the cards and the tests agree.

/** "80 of 100 bales" while part is dealt; "100 bales" when all of it is left. */
export function formatRemaining(remaining: string, total: string, unit: TradeUnit): string {
  return Number(remaining) === Number(total)
    ? formatTradeQuantity(total, unit)
    : `${formatNumber(remaining)} of ${formatTradeQuantity(total, unit)}`;
}

/** The parameters a trader reads first, in this order, with the trade's short names. */
const KEY_QUALITY: { code: string; label: string; unit: string }[] = [
  { code: 'staple_mm', label: '', unit: 'mm' },
  { code: 'micronaire', label: 'mic ', unit: '' },
  { code: 'strength_gpt', label: '', unit: 'g/tex' },
];

/** "28.5–30 mm · mic 3.5–4.2 · at least 28 g/tex"; '' when the offer states none of them. */
export function keyQuality(quality: Record<string, { min: string | null; max: string | null }>): string {
  return KEY_QUALITY.filter(({ code }) => quality[code])
    .map(({ code, label, unit }) => `${label}${formatRange(quality[code] as { min: string | null; max: string | null }, unit)}`)
    .join(' · ');
}

/** A lot's measured values in the same shorthand: "29 mm · mic 3.8 · 28.5 g/tex". */
export function keyResults(values: Record<string, string>): string {
  return keyQuality(Object.fromEntries(Object.entries(values).map(([code, value]) => [code, { min: value, max: value }])));
}

/** "Rajkot, GJ · Ex-gin"; '' when the offer names no place. */
export function formatPlace(city: string | null, stateCode: string | null, term?: string | null): string {
  const place = [city, stateCode].filter(Boolean).join(', ');
  return [place, term].filter(Boolean).join(' · ');
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "2 d 4 h left", "5 h left", "under an hour left"; "ended" once past. */
export function timeLeft(until: string, now: Date): string {
  const left = new Date(until).getTime() - now.getTime();
  if (left <= 0) return 'ended';
  if (left >= DAY) return `${Math.floor(left / DAY)} d ${Math.floor((left % DAY) / HOUR)} h left`;
  if (left >= HOUR) return `${Math.floor(left / HOUR)} h left`;
  return 'under an hour left';
}

import type { MatchFactorName } from '@tradeloom/shared';

// How the matches panel words a score: factor names, colours by band, points to one decimal.

export const FACTOR_LABELS: Record<MatchFactorName, string> = {
  quality: 'Quality',
  price: 'Price',
  quantity: 'Quantity',
  location: 'Location and freight',
  delivery: 'Delivery timing',
  standing: "Counterparty's standing",
};

/** Green for a strong fit, yellow for a partial one, red for a poor one. */
export function scoreColor(score: number): string {
  if (score >= 75) return 'green';
  if (score >= 50) return 'yellow';
  return 'red';
}

/** A factor's points as the breakdown shows them: "22.5", "30" (no trailing ".0"). */
export function formatPoints(points: number): string {
  return String(Math.round(points * 10) / 10);
}

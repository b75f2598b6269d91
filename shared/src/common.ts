import { z } from 'zod';

export const id = z.uuid({ error: 'must be a valid id' });
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be a valid email address' }).max(254));
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code');
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO currency code');
export const isoDate = z.iso.date({ error: 'must be a date like 2026-04-01' });
export const name = (max = 200) => z.string().trim().min(1, 'is required').max(max);

/** Keyset pagination: an opaque cursor from the previous page and a clamped page size. */
export const pageInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A non-negative decimal as a string ("1250.50"): money and quantities never travel as floats. */
export const decimalString = (options: { scale: number; label?: string } = { scale: 4 }) =>
  z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim())
    .pipe(
      z
        .string()
        .regex(
          new RegExp(`^\\d{1,14}(\\.\\d{1,${options.scale}})?$`),
          `must be a number with at most ${options.scale} decimals, like 1250.50`,
        ),
    );

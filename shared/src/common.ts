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

// Business dates live in this century: a year-1 certificate or a 9999 order date is a typo, and
// PostgreSQL refuses the extremes (year -271821) with an error. Tighter than the column on purpose.
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2099-12-31';
const outOfRange = `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`;

/** A calendar date `YYYY-MM-DD` between EARLIEST_DATE and LATEST_DATE. */
export const isoDate = z.iso
  .date({ error: 'must be a date like 2026-04-01' })
  .refine((value) => value >= EARLIEST_DATE && value <= LATEST_DATE, outOfRange);

/** A point in time (Date or ISO string) inside the same bounds as `isoDate`. */
export const boundedDateTime = z.coerce
  .date({ error: 'must be a date and time like 2026-04-01T10:00:00Z' })
  .refine((value) => value >= new Date(`${EARLIEST_DATE}T00:00:00Z`) && value <= new Date(`${LATEST_DATE}T23:59:59.999Z`), outOfRange);

/** `YYYY-MM-DD` of the day before the same date `months` later: a period of `months` months. */
export function lastDayOfPeriod(startsOn: string, months: number): string {
  const start = new Date(`${startsOn}T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate() - 1));
  return end.toISOString().slice(0, 10);
}
export const name = (max = 200) => z.string().trim().min(1, 'is required').max(max);

/** A row's `version integer` for optimistic locking: a positive int4, never past its range. */
export const rowVersion = z.number().int().min(1).max(2_147_483_647);

/** An opaque keyset cursor as the server hands it out (base64url); its content is checked on decode. */
export const pageCursor = z
  .string()
  .max(400, 'is not a valid cursor')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid cursor');
/** A cursor that is the id of the last row of a table keyed by a bigint identity. */
export const rowIdCursor = z.string().regex(/^[1-9]\d{0,14}$/, 'is not a valid cursor');

/** Which way a sorted list runs. */
export const sortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirection>;

/** Keyset pagination: an opaque cursor from the previous page and a clamped page size. */
export const pageInput = z.object({
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * A decimal as a string ("1250.50") that fits a `numeric(precision, scale)` column and its CHECK:
 * money and quantities never travel as floats, and never reach the database out of its range.
 */
export const decimalString = (column: { precision: number; scale: number; positive?: boolean; max?: number }) => {
  const integerDigits = column.precision - column.scale;
  return z
    .union([z.string(), z.number()], { error: 'must be a number' })
    .transform((value) => String(value).trim())
    .pipe(
      z
        .string()
        // A minus sign is a wrong amount, not a wrong format: say which rule it breaks.
        .refine((value) => !/^-\d/.test(value), { error: column.positive ? 'must be more than zero' : 'must not be negative', abort: true })
        .regex(DECIMAL, 'must be a number like 1250.50')
        .refine((value) => (DECIMAL.exec(value)?.[2]?.length ?? 0) <= column.scale, `must have at most ${column.scale} decimals`)
        .refine(
          (value) => (DECIMAL.exec(value)?.[1]?.replace(/^0+(?=\d)/, '').length ?? 0) <= integerDigits,
          `must be less than 1${'0'.repeat(integerDigits)}`,
        )
        .refine((value) => !column.positive || Number(value) > 0, 'must be more than zero')
        .refine((value) => column.max === undefined || Number(value) <= column.max, `must be at most ${column.max}`),
    );
};

// The numeric columns, from db/src/migrations.
/** numeric(18,3), `> 0`: order and work order quantities. */
export const positiveQuantity = () => decimalString({ precision: 18, scale: 3, positive: true });
/** numeric(18,3), `>= 0`: minimum order and completed quantities. */
export const quantity = () => decimalString({ precision: 18, scale: 3 });
/** numeric(18,4), `>= 0`: unit prices. */
export const unitPrice = () => decimalString({ precision: 18, scale: 4 });
/** numeric(18,2): order amounts and thresholds. */
export const amount = () => decimalString({ precision: 18, scale: 2 });
/** numeric(5,2) between 0 and 100: discounts and tax rates (GST slabs stop at 28 %). */
export const percent = () => decimalString({ precision: 5, scale: 2, max: 100 });

// Tokens are checked for shape before any query: a forged one is a 400 naming the field, never
// a malformed value reaching a uuid column. Secrets use the alphabet of server/src/lib/secrets.ts.
const SECRET = '[a-z0-9]{8,64}';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `<id>.<secret>`: email-verification and password-reset links. */
export const secretToken = z.string().regex(new RegExp(`^${SECRET}\\.${SECRET}$`), 'is not a valid link');
/** `<invitation id>.<secret>`: invitation links. */
export const invitationToken = z.string().regex(new RegExp(`^${UUID}\\.${SECRET}$`, 'i'), 'is not a valid invitation link');
/** The public id of a session (the first part of its token). */
export const sessionId = z.string().regex(/^[a-z0-9]{1,64}$/, 'is not a valid session id');

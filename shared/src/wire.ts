import { z } from 'zod';

// Output schemas describe the plain-JSON wire: what a procedure answers, field by field, for the
// screens, the SDK, the PDF and the OpenAPI document alike. Objects are strict, so a field a
// service adds without declaring it fails loudly in tests instead of leaking or vanishing.

/** An instant as it travels: ISO-8601 UTC, e.g. `2026-11-30T16:51:42.123Z`. */
export const timestamp = z.iso.datetime();
/** A decimal as it travels: a string such as `1250.50`, never a float. */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
/** One keyset page of `item`s and the cursor of the next page (`null` on the last one). */
export const pageOf = <Item extends z.ZodType>(item: Item) => z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
/** The answer of a change that has nothing to report beyond success. */
export const noContent = z.void();

import { z } from 'zod';

// Long enough for a full document number or product name; bounded so one term never costs a scan of long patterns.
export const SEARCH_TERM_MAX = 60;

export const searchInput = z.object({
  term: z.string().trim().min(1).max(SEARCH_TERM_MAX),
  /** Results per kind. */
  limit: z.number().int().min(1).max(20).default(5),
});

export type SearchInput = z.infer<typeof searchInput>;

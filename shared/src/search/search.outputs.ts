import { z } from 'zod';

export const SEARCH_KINDS = ['order', 'partner', 'product', 'work_order', 'tender'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One thing found: what it is called, a line of context and the app path that opens it. */
export const searchHit = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string(),
  path: z.string(),
});

export const searchGroup = z.object({
  kind: z.enum(SEARCH_KINDS),
  label: z.string(),
  hits: z.array(searchHit),
});

export const searchResults = z.object({ groups: z.array(searchGroup) });

export type SearchHit = z.infer<typeof searchHit>;
export type SearchResults = z.infer<typeof searchResults>;

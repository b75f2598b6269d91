import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';

// A list's filters, tab, sort and how many pages are shown live in the address: Back returns to the
// same filtered list and a copied link opens it. Filter edits replace the entry (typing is not
// history); opening a record pushes one, so Back comes here.

/** How a list is sorted now and the address that sorts it by another column (or flips this one). */
export interface TableSort {
  key: string;
  direction: 'asc' | 'desc';
  linkTo: (key: string) => string;
}

export function useListParams() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((name: string) => params.get(name) ?? '', [params]);
  const set = useCallback(
    (changes: Record<string, string | null | undefined>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          // Other filters mean another list: start again from its first page.
          if (!('pages' in changes)) next.delete('pages');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { params, get, set };
}

/** One of `allowed`, read from the address, or the fallback when it is missing or unknown. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * The sort a list's address names, and links that sort by another column (ascending first) or
 * flip the current one.
 */
export function useSortParams<K extends string>(
  keys: readonly K[],
  fallback: { key: K; direction: 'asc' | 'desc' },
): TableSort & { key: K } {
  const { params } = useListParams();
  const key = oneOf(params.get('sort') ?? '', keys, fallback.key);
  const direction = oneOf(params.get('direction') ?? '', ['asc', 'desc'] as const, key === fallback.key ? fallback.direction : 'asc');
  const linkTo = (column: string) => {
    const next = new URLSearchParams(params);
    next.set('sort', column);
    next.set('direction', column === key && direction === 'asc' ? 'desc' : 'asc');
    next.delete('pages');
    return `?${next}`;
  };
  return { key, direction, linkTo };
}

/** Loads as many pages as the address asks for, so Back and a shared link show the same rows. */
export function usePagesFromAddress(
  query: { data?: { pages: unknown[] }; hasNextPage: boolean; isFetching: boolean; fetchNextPage: () => unknown },
  wanted: number,
) {
  const loaded = query.data?.pages.length ?? 0;
  useEffect(() => {
    if (loaded > 0 && loaded < wanted && query.hasNextPage && !query.isFetching) query.fetchNextPage();
  }, [loaded, wanted, query]);
}

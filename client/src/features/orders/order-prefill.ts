import { type DraftLine, lineFromProduct } from './order-draft.ts';

// A new purchase order can start from a supplier's catalog: the picked products travel in the
// URL (`/orders/new?supplier=…&lines=<productId>:<quantity>,…`), so the prefilled form survives
// a reload and the link can be shared or bookmarked.

export interface Pick {
  productId: string;
  quantity: string;
}

/** The new-order link for these products of one supplier. */
export function newOrderUrl(supplierId: string, picks: Pick[]): string {
  const params = new URLSearchParams({ side: 'purchase', supplier: supplierId });
  if (picks.length) params.set('lines', picks.map((pick) => `${pick.productId}:${pick.quantity}`).join(','));
  return `/orders/new?${params}`;
}

/** The picks a new-order link carries; malformed entries are dropped, not guessed at. */
export function picksFromUrl(params: URLSearchParams): Pick[] {
  return (params.get('lines') ?? '')
    .split(',')
    .map((entry) => entry.split(':'))
    .filter((parts): parts is [string, string] => parts.length === 2 && Boolean(parts[0]) && Boolean(parts[1]))
    .map(([productId, quantity]) => ({ productId, quantity }));
}

type CatalogProduct = Parameters<typeof lineFromProduct>[0];

/**
 * Draft lines for the picks, priced from the catalog as it stands now. A product no longer in the
 * catalog is left out: the supplier withdrew it, and the buyer sees the lines that remain.
 */
export function linesFromPicks(picks: Pick[], products: CatalogProduct[]): DraftLine[] {
  return picks.flatMap((pick) => {
    const product = products.find((p) => p.id === pick.productId);
    return product ? [lineFromProduct(product, pick.quantity)] : [];
  });
}

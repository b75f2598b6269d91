import type { Executor } from '@tradeloom/db';
import type { Permission, SearchHit, SearchKind } from '@tradeloom/shared';
import { searchProducts } from '../catalog/catalog-search.ts';
import { searchOrders } from '../orders/order-search.ts';
import { searchPartners } from '../partners/partner-search.ts';
import { searchWorkOrders } from '../production/work-order-search.ts';
import { searchTenders } from '../sourcing/tender-search.ts';

/**
 * A kind of thing global search can find. The owning module exports `search`, which applies its
 * own tenant and visibility rules; the search module only fans out and groups. A new module
 * (tenders, invoices…) joins search by adding its entry here.
 */
export interface SearchProvider {
  kind: SearchKind;
  label: string;
  /** The read permission a member needs to see this kind at all. */
  permission: Permission;
  search(db: Executor, companyId: string, term: string, limit: number): Promise<SearchHit[]>;
}

export const SEARCH_PROVIDERS: readonly SearchProvider[] = [
  { kind: 'order', label: 'Orders', permission: 'orders:read', search: searchOrders },
  { kind: 'partner', label: 'Partners', permission: 'partners:read', search: searchPartners },
  { kind: 'product', label: 'Products', permission: 'catalog:read', search: searchProducts },
  { kind: 'work_order', label: 'Work orders', permission: 'production:read', search: searchWorkOrders },
  { kind: 'tender', label: 'Tenders', permission: 'sourcing:read', search: searchTenders },
];

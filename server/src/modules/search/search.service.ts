import type { SearchInput, SearchResults } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { SEARCH_PROVIDERS, type SearchProvider } from './search-providers.ts';

/** Every kind the actor may read, searched at once; kinds with no hits are left out. */
export async function globalSearch(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: SearchInput,
  providers: readonly SearchProvider[] = SEARCH_PROVIDERS,
): Promise<SearchResults> {
  const allowed = providers.filter((provider) => actor.permissions.has(provider.permission));
  const groups = await Promise.all(
    allowed.map(async (provider) => ({
      kind: provider.kind,
      label: provider.label,
      hits: await provider.search(ctx.deps.db, actor.companyId, input.term, input.limit),
    })),
  );
  return { groups: groups.filter((group) => group.hits.length > 0) };
}

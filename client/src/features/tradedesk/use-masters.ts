import type { TermKind } from '@tradeloom/shared';
import { trpc } from '../../lib/trpc.ts';

// The masters the desk's forms and filters pick from. They change rarely (an admin's edit reaches
// open screens through `master.changed`), so they are kept for a while rather than refetched.
const KEEP = { staleTime: 5 * 60_000 };

/** Commodities with their varieties and quality parameters (allowed ranges) for the company. */
export const useCommodities = () => trpc.masters.commodities.useQuery({}, KEEP);

/** The parameters and varieties of one commodity; empty while none is chosen or loading. */
export function useCommodity(code: string) {
  const commodities = useCommodities();
  const commodity = commodities.data?.find((c) => c.code === code);
  return { commodities, commodity, parameters: commodity?.parameters ?? [], varieties: commodity?.varieties ?? [] };
}

export function useStates() {
  const states = trpc.masters.locations.useQuery({ kind: 'state', limit: 200 }, KEEP);
  return (states.data?.items ?? []).map((state) => ({ value: state.stateCode, label: `${state.name} (${state.stateCode})` }));
}

/** City names to suggest, those of one state when it is chosen. */
export function useCityNames(stateCode: string) {
  const cities = trpc.masters.locations.useQuery(
    { kind: 'city', stateCode: /^[A-Z]{2}$/.test(stateCode) ? stateCode : undefined, limit: 200 },
    KEEP,
  );
  return [...new Set((cities.data?.items ?? []).map((city) => city.city ?? city.name))];
}

export function useTerms(kind: TermKind) {
  const terms = trpc.masters.terms.useQuery({ kind }, KEEP);
  return terms.data ?? [];
}

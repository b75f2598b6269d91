import type { FieldPath, FieldValues } from 'react-hook-form';
import { errorCode } from '../../lib/errors.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import type { ZodForm } from '../../lib/zod-form.ts';

// The trade masters screens serve two audiences over one set of components: a company's admin
// (its own rows over the platform's defaults, `masters.*`) and the platform's operators (the
// defaults themselves, `masters.platform.*`). This picks the procedures for the audience.

export type MasterScope = 'company' | 'platform';
export type CommodityMaster = RouterOutputs['masters']['commodities'][number];
export type Variety = CommodityMaster['varieties'][number];
export type QualityParameter = CommodityMaster['parameters'][number];
export type Location = RouterOutputs['masters']['locations']['items'][number];
export type Term = RouterOutputs['masters']['terms'][number];
export type CommissionStructure = RouterOutputs['masters']['commissionStructures'][number];

export function useCommodityMasters(scope: MasterScope) {
  const company = trpc.masters.commodities.useQuery({ includeInactive: true }, { enabled: scope === 'company' });
  const platform = trpc.masters.platform.commodities.useQuery({ includeInactive: true }, { enabled: scope === 'platform' });
  return scope === 'company' ? company : platform;
}

export function useLocations(scope: MasterScope, input: { kind?: Location['kind']; q?: string; cursor?: string }) {
  const query = { ...input, includeInactive: true, limit: 50 };
  const company = trpc.masters.locations.useQuery(query, { enabled: scope === 'company' });
  const platform = trpc.masters.platform.locations.useQuery(query, { enabled: scope === 'platform' });
  return scope === 'company' ? company : platform;
}

export function useTerms(scope: MasterScope) {
  const company = trpc.masters.terms.useQuery({ includeInactive: true }, { enabled: scope === 'company' });
  const platform = trpc.masters.platform.terms.useQuery({ includeInactive: true }, { enabled: scope === 'platform' });
  return scope === 'company' ? company : platform;
}

/** Refreshes every masters list after a save (lists are small; the company's and the platform's alike). */
export function useMastersSaved(onDone: () => void) {
  const utils = trpc.useUtils();
  return async () => {
    await utils.masters.invalidate();
    onDone();
  };
}

/**
 * A save's failure on the form: field errors under their inputs, and a conflict that names its
 * field ("code: there is already…") under that field too, instead of beside the button.
 */
export function showSaveError<Values extends FieldValues, Output>(form: ZodForm<Values, Output>) {
  return (error: unknown) => {
    const message = error instanceof Error ? error.message : '';
    const named = /^([a-zA-Z]+): (.+)$/.exec(message);
    if (errorCode(error) === 'CONFLICT' && named?.[1] && named[2] && form.isDrawn(named[1])) {
      form.setError(named[1] as FieldPath<Values>, { type: 'server', message: named[2] });
      return;
    }
    form.showServerError(error);
  };
}

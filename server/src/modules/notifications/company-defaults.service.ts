import type { CompanyDefaults, setCompanyDefaultsInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the notify-engine helper implements these.

export async function getCompanyDefaults(_ctx: ServiceContext, _actor: CompanyActor): Promise<CompanyDefaults> {
  throw new Error('CONTRACT STUB: getCompanyDefaults');
}

export async function setCompanyDefaults(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.infer<typeof setCompanyDefaultsInput>,
): Promise<CompanyDefaults> {
  throw new Error('CONTRACT STUB: setCompanyDefaults');
}

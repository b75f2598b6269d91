import type { ComplaintCategory } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the support-server helper implements these.

type Policies = {
  policies: { category: ComplaintCategory; firstResponseHours: number; resolutionHours: number; custom: boolean }[];
};

export async function getSlaPolicies(_ctx: ServiceContext, _actor: CompanyActor): Promise<Policies> {
  throw new Error('CONTRACT STUB: getSlaPolicies');
}

export async function setSlaPolicies(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { policies: { category: ComplaintCategory; firstResponseHours: number; resolutionHours: number }[] },
): Promise<Policies> {
  throw new Error('CONTRACT STUB: setSlaPolicies');
}

import type { AwardTenderInput } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notBuilt } from './not-built.ts';

export async function awardTender(_ctx: ServiceContext, _actor: CompanyActor, _input: AwardTenderInput): Promise<{ orderIds: string[] }> {
  return notBuilt('awardTender');
}

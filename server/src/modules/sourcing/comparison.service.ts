import type { ConversionsInput, TenderComparison } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notBuilt } from './not-built.ts';

export async function compareTender(_ctx: ServiceContext, _actor: CompanyActor, _tenderId: string): Promise<TenderComparison> {
  return notBuilt('compareTender');
}
export async function setConversions(_ctx: ServiceContext, _actor: CompanyActor, _input: ConversionsInput): Promise<void> {
  return notBuilt('setConversions');
}

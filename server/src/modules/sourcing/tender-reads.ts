import type { InvitationListInput, InvitationRow, Page, TenderListInput, TenderListRow, TenderView } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notBuilt } from './not-built.ts';

/** The buyer's view (sealed while open) or an invitee's view (its own quotes only); anyone else: NOT_FOUND. */
export async function getTender(_ctx: ServiceContext, _actor: CompanyActor, _tenderId: string): Promise<TenderView> {
  return notBuilt('getTender');
}
export async function listTenders(_ctx: ServiceContext, _actor: CompanyActor, _input: TenderListInput): Promise<Page<TenderListRow>> {
  return notBuilt('listTenders');
}
export async function listInvitations(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: InvitationListInput,
): Promise<Page<InvitationRow>> {
  return notBuilt('listInvitations');
}

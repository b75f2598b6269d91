import type { quoteSaved, SaveQuoteDraftInput, SubmitQuoteInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notBuilt } from './not-built.ts';

type Saved = z.infer<typeof quoteSaved>;

export async function saveQuoteDraft(_ctx: ServiceContext, _actor: CompanyActor, _input: SaveQuoteDraftInput): Promise<Saved> {
  return notBuilt('saveQuoteDraft');
}
export async function discardQuoteDraft(_ctx: ServiceContext, _actor: CompanyActor, _tenderId: string): Promise<void> {
  return notBuilt('discardQuoteDraft');
}
export async function submitQuote(_ctx: ServiceContext, _actor: CompanyActor, _input: SubmitQuoteInput): Promise<Saved> {
  return notBuilt('submitQuote');
}
export async function withdrawQuote(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; idempotencyKey?: string },
): Promise<Saved> {
  return notBuilt('withdrawQuote');
}
export async function declineInvitation(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; reason?: string },
): Promise<void> {
  return notBuilt('declineInvitation');
}

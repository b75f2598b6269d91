import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { notBuilt } from './not-built.ts';

export async function askClarification(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { tenderId: string; question: string },
): Promise<{ id: string }> {
  return notBuilt('askClarification');
}
export async function answerClarification(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: { clarificationId: string; answer: string },
): Promise<void> {
  return notBuilt('answerClarification');
}

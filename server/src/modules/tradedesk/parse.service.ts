import { type ParseResult, parseTradeMessage } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { parserVocabulary } from '../masters/parser-vocabulary.ts';

// `tradedesk.parse`: a trade message read into a draft offer with the company's own masters
// (its varieties' aliases, places and terms). It writes nothing: the user confirms or edits the
// draft, and posting it is `tradedesk.offers.create`.

export async function parseOfferText(ctx: ServiceContext, actor: CompanyActor, text: string): Promise<ParseResult> {
  const vocabulary = await parserVocabulary(ctx.deps.db, actor.companyId);
  return parseTradeMessage(text, vocabulary, { today: ctx.deps.clock.now() });
}

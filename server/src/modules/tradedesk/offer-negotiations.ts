import type { Executor } from '@tradeloom/db';
import type { negotiationSummary } from '@tradeloom/shared';
import type { z } from 'zod';
import { negotiationSummariesOf } from './negotiation-reads.ts';

// The negotiations an offer's page lists: the owner sees every one on its offer, another company
// only those it opened. One summary mapper for every reader lives in negotiation-reads.ts.

type NegotiationSummary = z.infer<typeof negotiationSummary>;

export function negotiationSummariesFor(db: Executor, viewerCompanyId: string, offer: { id: string }): Promise<NegotiationSummary[]> {
  return negotiationSummariesOf(db, viewerCompanyId, offer.id);
}

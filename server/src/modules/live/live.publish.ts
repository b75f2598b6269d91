import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';

export const LIVE_CHANNEL = 'tl_live';

/** What changed, for whom. Subscribers refetch on it; it never carries the record itself. */
export interface LiveMessage {
  /** The companies whose members may hear of it. */
  companies: string[];
  /**
   * Every company's listeners hear it (still only those whose permissions allow the entity type):
   * the trade desk's `desk.changed`, which names a commodity, never a record.
   */
  broadcast?: boolean;
  /** The domain event type, e.g. `order.shipped`, or `notification.created`. */
  type: string;
  entityType: string;
  entityId: string;
}

/**
 * Queued with NOTIFY in the caller's transaction, so it is delivered only if that commits, and
 * to every server process listening on the same database.
 */
export async function publishLive(executor: Executor, message: LiveMessage): Promise<void> {
  if (message.companies.length === 0 && !message.broadcast) return;
  await sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(message)})`.execute(executor);
}

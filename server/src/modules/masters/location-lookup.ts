import type { Executor } from '@tradeloom/db';
import { inForceFor, selectLocations } from './master-rows.ts';

/** The active location with this id in force for the company (its own or a platform default); undefined otherwise. */
export function locationOf(db: Executor, companyId: string, id: string) {
  return selectLocations(db)
    .where(inForceFor('trade_locations', companyId))
    .where('trade_locations.active', '=', true)
    .where('trade_locations.id', '=', id)
    .executeTakeFirst();
}

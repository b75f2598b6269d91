import type { commissionStructureRow, commoditiesInput, locationListInput, locationPage, termListInput, termRow } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { decodeNameIdCursor, escapeLike, nameIdCursor } from '../../lib/cursor.ts';
import { commodityMastersFor } from './master-lookups.ts';
import { inForceFor, selectCommissionStructures, selectLocations, selectTerms } from './master-rows.ts';

// What `masters.*` lists for the active company: the rows in force for it (its own over the
// platform's defaults), each marked with its origin. Operators list the defaults alone (no company).

/** Whose view: the active company's (the actor), or the platform's defaults (`companyId: null`). */
type Viewer = { companyId: string | null };

export function listCommodityMasters(ctx: ServiceContext, viewer: Viewer, input: z.output<typeof commoditiesInput>) {
  return commodityMastersFor(ctx.deps.db, viewer.companyId, { includeInactive: input.includeInactive });
}

/** Locations by name, keyset-paged. */
export async function listLocations(
  ctx: ServiceContext,
  viewer: Viewer,
  input: z.output<typeof locationListInput>,
): Promise<z.infer<typeof locationPage>> {
  let query = selectLocations(ctx.deps.db)
    .where(inForceFor('trade_locations', viewer.companyId))
    .orderBy('trade_locations.name')
    .orderBy('trade_locations.id')
    .limit(input.limit + 1);
  if (!input.includeInactive) query = query.where('trade_locations.active', '=', true);
  if (input.kind) query = query.where('trade_locations.kind', '=', input.kind);
  if (input.stateCode) query = query.where('trade_locations.state_code', '=', input.stateCode);
  if (input.origin === 'platform') query = query.where('trade_locations.company_id', 'is', null);
  if (input.origin === 'company') query = query.where('trade_locations.company_id', 'is not', null);
  if (input.q) {
    const contains = `%${escapeLike(input.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['trade_locations.name']), 'like', contains),
        eb(eb.fn('lower', ['trade_locations.code']), 'like', contains),
        eb(eb.fn('lower', ['trade_locations.city']), 'like', contains),
      ]),
    );
  }
  if (input.cursor) {
    const { name, id } = decodeNameIdCursor(input.cursor);
    query = query.where(sql<boolean>`(trade_locations.name, trade_locations.id) > (${name}, ${id}::uuid)`);
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? nameIdCursor(last) : null };
}

export function listTerms(ctx: ServiceContext, viewer: Viewer, input: z.output<typeof termListInput>): Promise<z.infer<typeof termRow>[]> {
  let query = selectTerms(ctx.deps.db)
    .where(inForceFor('trade_terms', viewer.companyId))
    .orderBy('trade_terms.kind')
    .orderBy('trade_terms.name')
    .orderBy('trade_terms.id');
  if (!input.includeInactive) query = query.where('trade_terms.active', '=', true);
  if (input.kind) query = query.where('trade_terms.kind', '=', input.kind);
  return query.execute();
}

/** The company's own commission structures (brokerage is agreed per company; there are no defaults). */
export function listCommissionStructures(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { includeInactive: boolean },
): Promise<z.infer<typeof commissionStructureRow>[]> {
  let query = selectCommissionStructures(ctx.deps.db)
    .where('commission_structures.company_id', '=', actor.companyId)
    .orderBy('commission_structures.name')
    .orderBy('commission_structures.id');
  if (!input.includeInactive) query = query.where('commission_structures.active', '=', true);
  return query.execute();
}

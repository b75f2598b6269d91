import type { OverviewFigures } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { openOrderValue } from '../orders/order-reports.ts';
import { loadByStage, workOrderDeadlines } from '../production/production-reports.ts';

// The reports module owns no table: every figure comes from a report function the owning module
// exports. A later module (tenders, trade desk, invoices) adds its report the same way.

/** The money and work figures on the overview; production only for people who may read it. */
export async function overviewFigures(ctx: ServiceContext, actor: CompanyActor): Promise<OverviewFigures> {
  const { db, clock } = ctx.deps;
  const today = clock.now().toISOString().slice(0, 10);
  const canSeeProduction = actor.permissions.has('production:read');
  const [openPurchases, openSales, deadlines, load] = await Promise.all([
    openOrderValue(db, actor.companyId, 'purchase'),
    openOrderValue(db, actor.companyId, 'sales'),
    canSeeProduction ? workOrderDeadlines(db, actor.companyId, today) : null,
    canSeeProduction ? loadByStage(db, actor.companyId) : null,
  ]);
  return { openPurchases, openSales, production: deadlines && load ? { ...deadlines, load } : null };
}

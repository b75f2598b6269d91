import type { OverviewFigures } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { companyCalendar, type DueWindow, dueThisWeek, lateDeliveries } from '../orders/order-due-dates.ts';
import { openOrderValue } from '../orders/order-reports.ts';
import { loadByStage, workOrderDeadlines } from '../production/production-reports.ts';

// The reports module owns no table: every figure comes from a report function the owning module
// exports. A later module (tenders, trade desk, invoices) adds its report the same way.

/** The money and work figures on the overview; production only for people who may read it. */
export async function overviewFigures(ctx: ServiceContext, actor: CompanyActor): Promise<OverviewFigures> {
  const { db, clock } = ctx.deps;
  const calendar = await companyCalendar(db, actor.companyId, clock.now());
  const canSeeProduction = actor.permissions.has('production:read');
  const bothSides = async (due: DueWindow) => {
    const [purchases, sales] = await Promise.all([
      openOrderValue(db, actor.companyId, 'purchase', due),
      openOrderValue(db, actor.companyId, 'sales', due),
    ]);
    return { purchases, sales };
  };
  const [openPurchases, openSales, due, late, deadlines, load] = await Promise.all([
    openOrderValue(db, actor.companyId, 'purchase'),
    openOrderValue(db, actor.companyId, 'sales'),
    bothSides(dueThisWeek(calendar)),
    bothSides(lateDeliveries(calendar)),
    canSeeProduction ? workOrderDeadlines(db, actor.companyId, calendar.today) : null,
    canSeeProduction ? loadByStage(db, actor.companyId) : null,
  ]);
  return {
    openPurchases,
    openSales,
    week: calendar.week,
    dueThisWeek: due,
    late,
    production: deadlines && load ? { ...deadlines, load } : null,
  };
}

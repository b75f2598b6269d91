import type { Executor } from '@tradeloom/db';
import { inTransaction } from '@tradeloom/db';
import { COMPLAINT_CATEGORIES, type ComplaintCategory, DEFAULT_SLA, type SlaHours } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { recordAudit } from '../audit/audit.service.ts';

// How long a supplier gives itself to answer and to settle each category of complaint. A
// category it set nothing for runs on the platform default (DEFAULT_SLA).

type Policies = {
  policies: { category: ComplaintCategory; firstResponseHours: number; resolutionHours: number; custom: boolean }[];
};

async function policiesOf(db: Executor, companyId: string): Promise<Policies> {
  const rows = await db
    .selectFrom('complaint_sla_policies')
    .select(['category', 'first_response_hours', 'resolution_hours'])
    .where('company_id', '=', companyId)
    .execute();
  const custom = new Map(rows.map((row) => [row.category, row]));
  return {
    policies: COMPLAINT_CATEGORIES.map((category) => {
      const row = custom.get(category);
      return row
        ? { category, firstResponseHours: row.first_response_hours, resolutionHours: row.resolution_hours, custom: true }
        : { category, ...DEFAULT_SLA[category], custom: false };
    }),
  };
}

/** The hours the supplier gives itself for a category: its own policy, else the default. */
export async function slaHoursFor(db: Executor, supplierCompanyId: string, category: ComplaintCategory): Promise<SlaHours> {
  const row = await db
    .selectFrom('complaint_sla_policies')
    .select(['first_response_hours as firstResponseHours', 'resolution_hours as resolutionHours'])
    .where('company_id', '=', supplierCompanyId)
    .where('category', '=', category)
    .executeTakeFirst();
  return row ?? DEFAULT_SLA[category];
}

export function getSlaPolicies(ctx: ServiceContext, actor: CompanyActor): Promise<Policies> {
  return policiesOf(ctx.deps.db, actor.companyId);
}

/** Saves the categories given (others keep theirs); complaints already filed keep their deadlines. */
export async function setSlaPolicies(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { policies: { category: ComplaintCategory; firstResponseHours: number; resolutionHours: number }[] },
): Promise<Policies> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const before = await policiesOf(trx, actor.companyId);
    const now = ctx.deps.clock.now();
    // One row per category: the last entry wins if a category is named twice.
    const byCategory = new Map(input.policies.map((policy) => [policy.category, policy]));
    await trx
      .insertInto('complaint_sla_policies')
      .values(
        [...byCategory.values()].map((policy) => ({
          company_id: actor.companyId,
          category: policy.category,
          first_response_hours: policy.firstResponseHours,
          resolution_hours: policy.resolutionHours,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['company_id', 'category']).doUpdateSet((eb) => ({
          first_response_hours: eb.ref('excluded.first_response_hours'),
          resolution_hours: eb.ref('excluded.resolution_hours'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    const after = await policiesOf(trx, actor.companyId);
    const changed = (policies: Policies) =>
      Object.fromEntries(
        policies.policies
          .filter((policy) => byCategory.has(policy.category))
          .map((policy) => [policy.category, { firstResponseHours: policy.firstResponseHours, resolutionHours: policy.resolutionHours }]),
      );
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'complaint_sla.saved',
      entityType: 'complaint_sla',
      entityId: actor.companyId,
      before: changed(before),
      after: changed(after),
    });
    return after;
  });
}

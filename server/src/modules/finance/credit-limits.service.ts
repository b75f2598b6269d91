import type { Executor } from '@tradeloom/db';
import { dec, money } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { recordChange } from '../events/record-change.ts';
import { findAcceptedLink } from '../partners/accepted-links.ts';
import { creditStanding, exceedsCreditLimit } from './credit-exposure.ts';

// A supplier's credit limit per buyer: what the buyer may owe on issued invoices. Accepting an
// order that takes the buyer past it needs a manager who says so (`overrideCreditLimit`).

export async function listCreditLimits(ctx: ServiceContext, actor: CompanyActor) {
  const db = ctx.deps.db;
  const rows = await db
    .selectFrom('credit_limits as c')
    .select((eb) => [
      'c.partner_company_id as partnerId',
      companyNameOf(eb.ref('c.partner_company_id')).as('partnerName'),
      'c.amount',
      'c.currency',
      isoTimestamp(eb.ref('c.updated_at')).as('updatedAt'),
    ])
    .where('c.company_id', '=', actor.companyId)
    .orderBy('partnerName')
    .execute();
  const result = [];
  for (const row of rows) {
    const standing = await creditStanding(db, actor.companyId, row.partnerId);
    result.push({ ...row, exposure: money(standing.exposure), available: money(dec(row.amount).minus(standing.exposure)) });
  }
  return result;
}

export async function setCreditLimit(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { partnerId: string; amount: string; currency: string },
): Promise<{ partnerId: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    // Only a buyer linked to us has a limit with us.
    if (!(await findAcceptedLink(trx, input.partnerId, actor.companyId))) throw notFound('Partner');
    const before = await trx
      .selectFrom('credit_limits')
      .select(['amount', 'currency'])
      .where('company_id', '=', actor.companyId)
      .where('partner_company_id', '=', input.partnerId)
      .executeTakeFirst();
    const values = { amount: money(input.amount), currency: input.currency, updated_by: actor.userId, updated_at: ctx.deps.clock.now() };
    await trx
      .insertInto('credit_limits')
      .values({ company_id: actor.companyId, partner_company_id: input.partnerId, ...values })
      .onConflict((oc) => oc.columns(['company_id', 'partner_company_id']).doUpdateSet(values))
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'credit_limit.set',
      entityType: 'credit_limit',
      entityId: input.partnerId,
      before: before ? { amount: before.amount, currency: before.currency } : undefined,
      after: { amount: values.amount, currency: values.currency },
    });
    return { partnerId: input.partnerId };
  });
}

export async function removeCreditLimit(ctx: ServiceContext, actor: CompanyActor, partnerId: string): Promise<{ partnerId: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('credit_limits')
      .where('company_id', '=', actor.companyId)
      .where('partner_company_id', '=', partnerId)
      .returning(['amount', 'currency'])
      .executeTakeFirst();
    if (!removed) throw notFound('Credit limit');
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'credit_limit.removed',
      entityType: 'credit_limit',
      entityId: partnerId,
      before: { amount: removed.amount, currency: removed.currency },
    });
    return { partnerId };
  });
}

/**
 * For the orders module's accept: refuses (CONFLICT CREDIT_LIMIT_EXCEEDED) an order that takes the
 * buyer past the supplier's limit, unless a member holding finance:approve says to go over it.
 * Returns whether the limit was overridden, for the order's audit row.
 */
export async function assertWithinCreditLimit(
  trx: Executor,
  actor: CompanyActor,
  input: { supplierId: string; buyerId: string; amount: string; override?: boolean; what: string },
): Promise<{ overridden: boolean }> {
  const standing = await exceedsCreditLimit(trx, input.supplierId, input.buyerId, input.amount);
  if (!standing.exceeds) return { overridden: false };
  const past = `owes ${money(standing.exposure)} ${standing.currency ?? ''} on a limit of ${money(standing.limit ?? '0')}`.replace(
    '  ',
    ' ',
  );
  if (!input.override) {
    throw appError(
      'CONFLICT',
      'CREDIT_LIMIT_EXCEEDED',
      `The buyer ${past}; ${input.what} of ${money(input.amount)} takes it past the limit. A manager may approve going over it.`,
    );
  }
  if (!actor.permissions.has('finance:approve')) {
    throw appError('FORBIDDEN', 'PERMISSION_DENIED', 'Only a manager may approve going over a buyer’s credit limit.');
  }
  return { overridden: true };
}

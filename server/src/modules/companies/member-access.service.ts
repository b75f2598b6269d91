import { inTransaction } from '@tradeloom/db';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recentSignIns } from '../auth/security-events.ts';
import { emitEvent } from '../events/events.service.ts';
import { canManage } from './member-roles.ts';

// A company admin turning one member's access to this company off and on again, and the recent
// sign-ins they look at before deciding. The account itself stays usable for other companies.

async function manageableMember(ctx: ServiceContext, actor: CompanyActor, userId: string) {
  if (userId === actor.userId) throw appError('FORBIDDEN', 'OWN_MEMBERSHIP', 'You cannot disable or re-enable yourself.');
  const target = await ctx.deps.db
    .selectFrom('memberships')
    .select(['id', 'role', 'disabled_at'])
    .where('company_id', '=', actor.companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!target) throw notFound('Member');
  if (target.role === 'owner') throw appError('FORBIDDEN', 'OWNER_PROTECTED', 'The owner cannot be disabled.');
  if (!canManage(actor.role, target.role))
    throw appError('FORBIDDEN', 'ROLE_OUTRANKS_YOU', 'Your role does not allow managing this member.');
  return target;
}

/** Disables or re-enables the member: their next request for this company is refused, their streams end. */
export async function setMemberDisabled(ctx: ServiceContext, actor: CompanyActor, userId: string, disabled: boolean): Promise<void> {
  const target = await manageableMember(ctx, actor, userId);
  await inTransaction(ctx.deps.db, async (trx) => {
    const changed = await trx
      .updateTable('memberships')
      .set({ disabled_at: disabled ? ctx.deps.clock.now() : null, updated_at: ctx.deps.clock.now() })
      .where('id', '=', target.id)
      .where('disabled_at', disabled ? 'is' : 'is not', null)
      .returning('id')
      .executeTakeFirst();
    if (!changed) {
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', disabled ? 'This member is already disabled.' : 'This member is not disabled.');
    }
    const action = disabled ? 'member.disabled' : 'member.enabled';
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action,
      entityType: 'membership',
      entityId: userId,
      before: { disabled: !disabled },
      after: { disabled },
    });
    await emitEvent(trx, actor.userId, ctx.request, { type: action, companyId: actor.companyId, entityType: 'user', entityId: userId });
  });
}

/** A member's latest sign-ins (time, address, device), for an admin of one of their companies. */
export async function memberSignIns(ctx: ServiceContext, actor: CompanyActor, userId: string) {
  const member = await ctx.deps.db
    .selectFrom('memberships')
    .select('id')
    .where('company_id', '=', actor.companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) throw notFound('Member');
  return recentSignIns(ctx.deps.db, userId);
}

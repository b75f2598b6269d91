import { inTransaction } from '@tradeloom/db';
import type { SetRoleInput } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { leaveCompanyInSessions } from '../auth/sessions.service.ts';
import { twoFactorEnabledFor } from '../auth/two-factor.service.ts';
import { selectUserProfiles } from '../auth/user-reads.ts';
import { emitEvent } from '../events/events.service.ts';
import { recordChange } from '../events/record-change.ts';
import { assertBranchesBelong } from './companies.service.ts';
import { canAssign, canManage } from './member-roles.ts';

// Membership changes: who is in the company, in which role, and leaving or handing it over.

export async function listMembers(ctx: ServiceContext, actor: CompanyActor) {
  const members = await selectUserProfiles(ctx.deps.db)
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['memberships.role', 'memberships.branch_ids as branchIds', 'memberships.created_at as joinedAt', 'memberships.disabled_at'])
    .where('memberships.company_id', '=', actor.companyId)
    .orderBy('users.name')
    .execute();
  const withTwoFactor = await twoFactorEnabledFor(
    ctx.deps.db,
    members.map((member) => member.id),
  );
  return members.map(({ id, name, email, role, branchIds, joinedAt, emailVerifiedAt, disabled_at }) => ({
    userId: id,
    name,
    email,
    role,
    branchIds,
    joinedAt: joinedAt.toISOString(),
    emailVerifiedAt: emailVerifiedAt?.toISOString() ?? null,
    disabledAt: disabled_at?.toISOString() ?? null,
    twoFactorEnabled: withTwoFactor.has(id),
  }));
}

async function targetMembership(ctx: ServiceContext, companyId: string, userId: string) {
  const membership = await ctx.deps.db
    .selectFrom('memberships')
    .select(['id', 'role', 'branch_ids'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!membership) throw notFound('Member');
  return membership;
}

export async function setRole(ctx: ServiceContext, actor: CompanyActor, input: SetRoleInput) {
  if (input.userId === actor.userId) throw appError('FORBIDDEN', 'OWN_MEMBERSHIP', 'You cannot change your own role.');
  const target = await targetMembership(ctx, actor.companyId, input.userId);
  if (!canManage(actor.role, target.role) || !canAssign(actor.role, input.role)) {
    throw appError('FORBIDDEN', 'ROLE_OUTRANKS_YOU', 'Your role does not allow this change.');
  }
  await assertBranchesBelong(ctx.deps.db, actor.companyId, input.branchIds ?? []);
  await inTransaction(ctx.deps.db, async (trx) => {
    await trx
      .updateTable('memberships')
      .set({ role: input.role, branch_ids: input.branchIds ?? target.branch_ids, updated_at: ctx.deps.clock.now() })
      .where('id', '=', target.id)
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'member.role_changed',
      entityType: 'membership',
      entityId: input.userId,
      before: { role: target.role, branchIds: target.branch_ids },
      after: { role: input.role, branchIds: input.branchIds ?? target.branch_ids },
    });
    await emitEvent(trx, actor.userId, ctx.request, {
      type: 'member.role_changed',
      companyId: actor.companyId,
      entityType: 'user',
      entityId: input.userId,
      payload: { role: input.role },
    });
  });
}

async function deleteMembership(
  ctx: ServiceContext,
  actor: { userId: string | null; apiKeyId?: string | null },
  companyId: string,
  userId: string,
  action: 'member.removed' | 'member.left',
  before: Record<string, unknown>,
) {
  await inTransaction(ctx.deps.db, async (trx) => {
    // Conditional on the row still being there: of concurrent removals only one audits and emits.
    const deleted = await trx
      .deleteFrom('memberships')
      .where('company_id', '=', companyId)
      .where('user_id', '=', userId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) throw notFound('Member');
    // Their sessions stop acting in this company at once.
    await leaveCompanyInSessions(trx, userId, companyId);
    await recordAudit(trx, actor, ctx.request, { companyId, action, entityType: 'membership', entityId: userId, before });
    await emitEvent(trx, actor.userId, ctx.request, { type: 'member.left', companyId, entityType: 'user', entityId: userId });
  });
}

export async function removeMember(ctx: ServiceContext, actor: CompanyActor, userId: string) {
  if (userId === actor.userId) throw appError('FORBIDDEN', 'OWN_MEMBERSHIP', 'Use "Leave company" to remove yourself.');
  const target = await targetMembership(ctx, actor.companyId, userId);
  if (!canManage(actor.role, target.role))
    throw appError('FORBIDDEN', 'ROLE_OUTRANKS_YOU', 'Your role does not allow removing this member.');
  await deleteMembership(ctx, actor, actor.companyId, userId, 'member.removed', { role: target.role });
}

export async function leaveCompany(ctx: ServiceContext, actor: CompanyActor) {
  if (!actor.userId) throw appError('FORBIDDEN', 'API_KEY_NOT_ALLOWED', 'Only a signed-in member can leave.');
  if (actor.role === 'owner') throw appError('CONFLICT', 'LAST_OWNER', 'Transfer ownership to another member before you leave.');
  await deleteMembership(ctx, actor, actor.companyId, actor.userId, 'member.left', { role: actor.role });
}

export async function transferOwnership(ctx: ServiceContext, actor: CompanyActor, userId: string) {
  if (actor.role !== 'owner' || !actor.userId) throw appError('FORBIDDEN', 'PERMISSION_DENIED', 'Only the owner can transfer ownership.');
  if (userId === actor.userId) throw appError('BAD_REQUEST', 'OWN_MEMBERSHIP', 'You already own this company.');
  const target = await targetMembership(ctx, actor.companyId, userId);
  await inTransaction(ctx.deps.db, async (trx) => {
    const now = ctx.deps.clock.now();
    await trx.updateTable('memberships').set({ role: 'owner', updated_at: now }).where('id', '=', target.id).execute();
    await trx
      .updateTable('memberships')
      .set({ role: 'admin', updated_at: now })
      .where('company_id', '=', actor.companyId)
      .where('user_id', '=', actor.userId as string)
      .execute();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.ownership_transferred',
      entityType: 'company',
      entityId: actor.companyId,
      before: { owner: actor.userId },
      after: { owner: userId },
      payload: { to: userId },
    });
  });
}

import { inTransaction } from '@tradeloom/db';
import { type InviteInput, ROLE_RANK, type Role, type SetRoleInput } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { newToken, secretMatches, splitToken } from '../../lib/secrets.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';
import { queueMail } from '../mail/mail.jobs.ts';
import { addedWithPasswordMail, invitationMail } from '../mail/templates.ts';
import { assertBranchesBelong } from './companies.service.ts';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

// Who may manage whom: the owner manages everyone else; others only roles below their own.
// Nobody becomes owner except by a transfer.
function canManage(actorRole: Role | null, targetRole: Role): boolean {
  if (!actorRole || targetRole === 'owner') return false;
  return actorRole === 'owner' || ROLE_RANK[actorRole] > ROLE_RANK[targetRole];
}
function canAssign(actorRole: Role | null, newRole: Role): boolean {
  if (!actorRole || newRole === 'owner') return false;
  return actorRole === 'owner' || ROLE_RANK[actorRole] >= ROLE_RANK[newRole];
}

async function requireVerifiedUser(ctx: ServiceContext, actor: CompanyActor) {
  if (!actor.userId) throw appError('FORBIDDEN', 'API_KEY_NOT_ALLOWED', 'Only a signed-in member can do this, not an API key.');
  const user = await ctx.deps.db
    .selectFrom('users')
    .select(['name', 'email_verified_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!user.email_verified_at) throw appError('FORBIDDEN', 'EMAIL_NOT_VERIFIED', 'Verify your email address first.');
  return { userId: actor.userId, name: user.name };
}

export async function listMembers(ctx: ServiceContext, actor: CompanyActor) {
  return ctx.deps.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id as userId',
      'users.name',
      'users.email',
      'memberships.role',
      'memberships.branch_ids as branchIds',
      'memberships.created_at as joinedAt',
      'users.email_verified_at as emailVerifiedAt',
    ])
    .where('memberships.company_id', '=', actor.companyId)
    .orderBy('users.name')
    .execute();
}

export async function listInvitations(ctx: ServiceContext, actor: CompanyActor) {
  const now = ctx.deps.clock.now();
  const rows = await ctx.deps.db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.invited_by')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'invitations.expires_at as expiresAt',
      'invitations.accepted_at as acceptedAt',
      'invitations.revoked_at as revokedAt',
      'invitations.created_at as createdAt',
      'users.name as invitedBy',
    ])
    .where('invitations.company_id', '=', actor.companyId)
    .orderBy('invitations.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    ...row,
    status: row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'pending',
  }));
}

export async function invite(ctx: ServiceContext, actor: CompanyActor, input: InviteInput) {
  const inviter = await requireVerifiedUser(ctx, actor);
  if (!canAssign(actor.role, input.role)) {
    throw appError('FORBIDDEN', 'ROLE_OUTRANKS_YOU', `You cannot invite someone as ${input.role}.`);
  }
  const { db, clock, config } = ctx.deps;
  await assertBranchesBelong(db, actor.companyId, input.branchIds);
  const passwordHash = input.temporaryPassword ? await hashPassword(input.temporaryPassword) : null;
  return inTransaction(db, async (trx) => {
    const company = await trx.selectFrom('companies').select('name').where('id', '=', actor.companyId).executeTakeFirstOrThrow();
    const existing = await trx
      .selectFrom('users')
      .leftJoin('memberships', (join) =>
        join.onRef('memberships.user_id', '=', 'users.id').on('memberships.company_id', '=', actor.companyId),
      )
      .select(['users.id', 'memberships.id as membershipId'])
      .where('users.email', '=', input.email)
      .executeTakeFirst();
    if (existing?.membershipId) throw appError('CONFLICT', 'ALREADY_MEMBER', `${input.email} is already a member.`);

    // An admin-set password creates the account now; the member must replace it on first login.
    if (passwordHash && !existing) {
      const user = await trx
        .insertInto('users')
        .values({
          email: input.email,
          name: input.email.split('@')[0] ?? input.email,
          password_hash: passwordHash,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('memberships')
        .values({ company_id: actor.companyId, user_id: user.id, role: input.role, branch_ids: input.branchIds })
        .execute();
      await queueMail(trx, addedWithPasswordMail(input.email, company.name, inviter.name, `${config.publicUrl}/login`));
      await recordAudit(trx, actor, ctx.request, {
        companyId: actor.companyId,
        action: 'member.added',
        entityType: 'membership',
        entityId: user.id,
        after: { email: input.email, role: input.role, temporaryPassword: true },
      });
      await emitEvent(trx, actor.userId, ctx.request, {
        type: 'member.joined',
        companyId: actor.companyId,
        entityType: 'user',
        entityId: user.id,
        payload: { role: input.role },
      });
      return { kind: 'member' as const, userId: user.id, email: input.email, role: input.role };
    }

    const { secret, secretHash } = newToken();
    const invitation = await trx
      .insertInto('invitations')
      .values({
        company_id: actor.companyId,
        email: input.email,
        role: input.role,
        secret_hash: secretHash,
        invited_by: inviter.userId,
        expires_at: new Date(clock.now().getTime() + INVITATION_TTL_MS),
      })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
    const token = `${invitation.id}.${secret}`;
    await queueMail(
      trx,
      invitationMail(
        input.email,
        company.name,
        inviter.name,
        input.role,
        `${config.publicUrl}/accept-invite?token=${encodeURIComponent(token)}`,
      ),
    );
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: invitation.id,
      after: { email: input.email, role: input.role },
    });
    await emitEvent(trx, actor.userId, ctx.request, {
      type: 'invitation.created',
      companyId: actor.companyId,
      entityType: 'invitation',
      entityId: invitation.id,
    });
    return {
      kind: 'invitation' as const,
      invitationId: invitation.id,
      email: input.email,
      role: input.role,
      expiresAt: invitation.expires_at,
    };
  });
}

export async function revokeInvitation(ctx: ServiceContext, actor: CompanyActor, invitationId: string) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const result = await trx
      .updateTable('invitations')
      .set({ revoked_at: ctx.deps.clock.now() })
      .where('id', '=', invitationId)
      .where('company_id', '=', actor.companyId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const exists = await trx
        .selectFrom('invitations')
        .select('id')
        .where('id', '=', invitationId)
        .where('company_id', '=', actor.companyId)
        .executeTakeFirst();
      if (!exists) throw notFound('Invitation');
      throw appError('CONFLICT', 'INVITATION_CLOSED', 'This invitation was already accepted or revoked.');
    }
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: invitationId,
    });
  });
}

/** Shows who invited whom before the person accepts (the token is the only key). */
export async function previewInvitation(ctx: ServiceContext, token: string) {
  const invitation = await findOpenInvitation(ctx, token);
  const company = await ctx.deps.db
    .selectFrom('companies')
    .select('name')
    .where('id', '=', invitation.company_id)
    .executeTakeFirstOrThrow();
  return { companyName: company.name, email: invitation.email, role: invitation.role, expiresAt: invitation.expires_at };
}

async function findOpenInvitation(ctx: ServiceContext, token: string) {
  const closed = appError('BAD_REQUEST', 'INVITATION_CLOSED', 'This invitation is invalid, expired, revoked or already used.');
  const parts = splitToken(token);
  if (!parts || !/^[0-9a-f-]{36}$/.test(parts.id)) throw closed;
  const invitation = await ctx.deps.db.selectFrom('invitations').selectAll().where('id', '=', parts.id).executeTakeFirst();
  if (!invitation || !secretMatches(parts.secret, invitation.secret_hash)) throw closed;
  if (invitation.accepted_at || invitation.revoked_at || invitation.expires_at <= ctx.deps.clock.now()) throw closed;
  return invitation;
}

export async function acceptInvitation(ctx: ServiceContext, session: { userId: string; sessionId: string; email: string }, token: string) {
  const invitation = await findOpenInvitation(ctx, token);
  if (invitation.email !== session.email) {
    throw appError(
      'FORBIDDEN',
      'INVITATION_EMAIL_MISMATCH',
      `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
    );
  }
  const { clock } = ctx.deps;
  return inTransaction(ctx.deps.db, async (trx) => {
    // Conditional: two clicks at once accept once.
    const claimed = await trx
      .updateTable('invitations')
      .set({ accepted_at: clock.now(), accepted_by: session.userId })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw appError('CONFLICT', 'INVITATION_CLOSED', 'This invitation was already used.');
    const inserted = await trx
      .insertInto('memberships')
      .values({ company_id: invitation.company_id, user_id: session.userId, role: invitation.role })
      .onConflict((oc) => oc.columns(['company_id', 'user_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw appError('CONFLICT', 'ALREADY_MEMBER', 'You are already a member of this company.');
    // Only claims invite an owner: the company someone added as a counterparty becomes theirs.
    if (invitation.role === 'owner') {
      const claimed = await trx
        .updateTable('companies')
        .set({ claimed: true, listed_in_directory: true })
        .where('id', '=', invitation.company_id)
        .where('claimed', '=', false)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw appError('CONFLICT', 'ALREADY_CLAIMED', 'This company has already been claimed.');
    }
    // The emailed link proves the address.
    await trx
      .updateTable('users')
      .set((eb) => ({ email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(clock.now())) }))
      .where('id', '=', session.userId)
      .execute();
    await trx.updateTable('sessions').set({ active_company_id: invitation.company_id }).where('id', '=', session.sessionId).execute();
    await recordAudit(trx, { userId: session.userId }, ctx.request, {
      companyId: invitation.company_id,
      action: 'invitation.accepted',
      entityType: 'membership',
      entityId: session.userId,
      after: { role: invitation.role },
    });
    await emitEvent(trx, session.userId, ctx.request, {
      type: 'member.joined',
      companyId: invitation.company_id,
      entityType: 'user',
      entityId: session.userId,
      payload: { role: invitation.role },
    });
    return { companyId: invitation.company_id, role: invitation.role };
  });
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
  action: string,
  before: unknown,
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
    await trx
      .updateTable('sessions')
      .set({ active_company_id: null })
      .where('user_id', '=', userId)
      .where('active_company_id', '=', companyId)
      .execute();
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
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.ownership_transferred',
      entityType: 'company',
      entityId: actor.companyId,
      before: { owner: actor.userId },
      after: { owner: userId },
    });
    await emitEvent(trx, actor.userId, ctx.request, {
      type: 'company.ownership_transferred',
      companyId: actor.companyId,
      entityType: 'company',
      entityId: actor.companyId,
      payload: { to: userId },
    });
  });
}

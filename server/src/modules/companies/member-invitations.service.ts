import { inTransaction, type Tx } from '@tradeloom/db';
import type { InviteInput } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createUserWithTemporaryPassword, findUserIdByEmail, findUserProfile, userNameOf } from '../auth/user-reads.ts';
import { emitEvent } from '../events/events.service.ts';
import { recordChange } from '../events/record-change.ts';
import { queueMail } from '../mail/mail.jobs.ts';
import { addedWithPasswordMail, invitationMail } from '../mail/templates.ts';
import { assertBranchesBelong, isMemberOf } from './companies.service.ts';
import { findCompanyName } from './company-reads.ts';
import { createInvitation } from './invitations.ts';
import { canAssign } from './member-roles.ts';

// Inviting someone into the company takes one of two ways: an emailed link (the default, and
// always for an address that already has an account) or an account created now with a
// temporary password the admin hands over.

async function requireVerifiedUser(ctx: ServiceContext, actor: CompanyActor): Promise<{ userId: string; name: string }> {
  if (!actor.userId) throw appError('FORBIDDEN', 'SESSION_REQUIRED', 'Only a signed-in member can do this, not an API key.');
  const user = await findUserProfile(ctx.deps.db, actor.userId);
  if (!user.emailVerifiedAt) throw appError('FORBIDDEN', 'EMAIL_NOT_VERIFIED', 'Verify your email address first.');
  return { userId: actor.userId, name: user.name };
}

export async function invite(ctx: ServiceContext, actor: CompanyActor, input: InviteInput) {
  const inviter = await requireVerifiedUser(ctx, actor);
  if (!canAssign(actor.role, input.role)) {
    throw appError('FORBIDDEN', 'ROLE_OUTRANKS_YOU', `You cannot invite someone as ${input.role}.`);
  }
  const { db } = ctx.deps;
  await assertBranchesBelong(db, actor.companyId, input.branchIds);
  const passwordHash = input.temporaryPassword ? await hashPassword(input.temporaryPassword) : null;
  return inTransaction(db, async (trx) => {
    const companyName = await findCompanyName(trx, actor.companyId);
    const existingUserId = await findUserIdByEmail(trx, input.email);
    if (existingUserId && (await isMemberOf(trx, actor.companyId, existingUserId))) {
      throw appError('CONFLICT', 'ALREADY_MEMBER', `${input.email} is already a member.`);
    }
    // An admin-set password creates the account now; someone who already has one gets the link.
    const invitation = { ctx, actor, input, inviter, companyName };
    return passwordHash && !existingUserId ? addWithTemporaryPassword(trx, invitation, passwordHash) : inviteByEmailLink(trx, invitation);
  });
}

interface Invitation {
  ctx: ServiceContext;
  actor: CompanyActor;
  input: InviteInput;
  inviter: { userId: string; name: string };
  companyName: string;
}

/** Creates the account with the admin's temporary password; the member replaces it on first login. */
async function addWithTemporaryPassword(trx: Tx, { ctx, actor, input, inviter, companyName }: Invitation, passwordHash: string) {
  const userId = await createUserWithTemporaryPassword(trx, { email: input.email, passwordHash });
  await trx
    .insertInto('memberships')
    .values({ company_id: actor.companyId, user_id: userId, role: input.role, branch_ids: input.branchIds })
    .execute();
  await queueMail(trx, addedWithPasswordMail(input.email, companyName, inviter.name, `${ctx.deps.config.publicUrl}/login`));
  await recordAudit(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: 'member.added',
    entityType: 'membership',
    entityId: userId,
    after: { email: input.email, role: input.role, temporaryPassword: true },
  });
  await emitEvent(trx, actor.userId, ctx.request, {
    type: 'member.joined',
    companyId: actor.companyId,
    entityType: 'user',
    entityId: userId,
    payload: { role: input.role },
  });
  return { kind: 'member' as const, userId, email: input.email, role: input.role };
}

/** Emails a link that makes whoever signs in with the address a member on acceptance. */
async function inviteByEmailLink(trx: Tx, { ctx, actor, input, inviter, companyName }: Invitation) {
  const invitation = await createInvitation(trx, ctx.deps, {
    companyId: actor.companyId,
    email: input.email,
    role: input.role,
    invitedBy: inviter.userId,
  });
  await queueMail(trx, invitationMail(input.email, companyName, inviter.name, input.role, invitation.acceptUrl));
  await recordChange(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: 'invitation.created',
    entityType: 'invitation',
    entityId: invitation.id,
    after: { email: input.email, role: input.role },
  });
  return {
    kind: 'invitation' as const,
    invitationId: invitation.id,
    email: input.email,
    role: input.role,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export async function listInvitations(ctx: ServiceContext, actor: CompanyActor) {
  const now = ctx.deps.clock.now();
  const rows = await ctx.deps.db
    .selectFrom('invitations')
    .select((eb) => [
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'invitations.expires_at as expiresAt',
      'invitations.accepted_at as acceptedAt',
      'invitations.revoked_at as revokedAt',
      'invitations.created_at as createdAt',
      // invited_by references users, so the name is always there.
      userNameOf(eb.ref('invitations.invited_by')).$castTo<string>().as('invitedBy'),
    ])
    .where('invitations.company_id', '=', actor.companyId)
    .orderBy('invitations.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((row) => ({
    ...row,
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: invitationStatus(row, now),
  }));
}

function invitationStatus(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date) {
  if (row.acceptedAt) return 'accepted' as const;
  if (row.revokedAt) return 'revoked' as const;
  return row.expiresAt <= now ? ('expired' as const) : ('pending' as const);
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

import { inTransaction } from '@tradeloom/db';
import type { ServiceContext } from '../../deps.ts';
import { appError } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { setActiveCompany } from '../auth/sessions.service.ts';
import { markEmailVerified } from '../auth/user-reads.ts';
import { emitEvent } from '../events/events.service.ts';
import { handOverHeldNotifications } from '../notifications/engine.ts';
import { findCompanyName } from './company-reads.ts';
import { findOpenInvitation } from './invitations.ts';

/** Shows who invited whom before the person accepts (the token is the only key). */
export async function previewInvitation(ctx: ServiceContext, token: string) {
  const invitation = await findOpenInvitation(ctx.deps.db, ctx.deps.clock.now(), token);
  return {
    companyName: await findCompanyName(ctx.deps.db, invitation.company_id),
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expires_at.toISOString(),
  };
}

export async function acceptInvitation(ctx: ServiceContext, session: { userId: string; sessionId: string; email: string }, token: string) {
  const invitation = await findOpenInvitation(ctx.deps.db, ctx.deps.clock.now(), token);
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
    await handOverHeldNotifications(trx, invitation.company_id, session.userId);
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
    await markEmailVerified(trx, session.userId, clock.now());
    await setActiveCompany(trx, session.sessionId, invitation.company_id);
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

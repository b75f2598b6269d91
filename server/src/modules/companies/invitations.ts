import type { Executor, Tx } from '@tradeloom/db';
import { type Role, id as uuidSchema } from '@tradeloom/shared';
import type { AppDeps } from '../../deps.ts';
import { newToken, secretMatches, splitToken } from '../../lib/secrets.ts';
import { appError } from '../../trpc/errors.ts';

// Invitations into a company, owned here: a member invited by an admin and the owner invited to
// claim a counterparty added by a partner are the same row, with the same lifetime.

/** How long an emailed invitation link stays valid. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

export interface NewInvitation {
  companyId: string;
  email: string;
  role: Role;
  invitedBy: string;
}

export interface CreatedInvitation {
  id: string;
  expiresAt: Date;
  /** The link to email: it carries the only copy of the secret. */
  acceptUrl: string;
}

export async function createInvitation(
  trx: Tx,
  deps: Pick<AppDeps, 'clock' | 'config'>,
  invitation: NewInvitation,
): Promise<CreatedInvitation> {
  const { secret, secretHash } = newToken();
  const row = await trx
    .insertInto('invitations')
    .values({
      company_id: invitation.companyId,
      email: invitation.email,
      role: invitation.role,
      secret_hash: secretHash,
      invited_by: invitation.invitedBy,
      expires_at: new Date(deps.clock.now().getTime() + INVITATION_TTL_MS),
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
  const token = `${row.id}.${secret}`;
  return { id: row.id, expiresAt: row.expires_at, acceptUrl: `${deps.config.publicUrl}/accept-invite?token=${encodeURIComponent(token)}` };
}

/** The invitation the token opens, if it is still open: never accepted, revoked or expired. */
export async function findOpenInvitation(db: Executor, now: Date, token: string) {
  const closed = appError('BAD_REQUEST', 'INVITATION_CLOSED', 'This invitation is invalid, expired, revoked or already used.');
  const parts = splitToken(token);
  // The shared UUID check: a loose pattern let 36 dashes reach the database as a failed cast.
  if (!parts || !uuidSchema.safeParse(parts.id).success) throw closed;
  const invitation = await db.selectFrom('invitations').selectAll().where('id', '=', parts.id).executeTakeFirst();
  if (!invitation || !secretMatches(parts.secret, invitation.secret_hash)) throw closed;
  if (invitation.accepted_at || invitation.revoked_at || invitation.expires_at <= now) throw closed;
  return invitation;
}

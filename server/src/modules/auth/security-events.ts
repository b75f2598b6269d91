import type { Executor } from '@tradeloom/db';
import type { RequestMeta } from '../../deps.ts';

export type SecurityEventType =
  | 'user.registered'
  | 'register.email_taken'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.throttled'
  | 'logout'
  | 'sessions.revoked'
  | 'password.changed'
  | 'password.change_failed'
  | 'password.change_throttled'
  | 'password.reset_requested'
  | 'password.reset'
  | 'email.verified'
  | 'api_key.rejected'
  | 'two_factor.challenged'
  | 'two_factor.succeeded'
  | 'two_factor.failed'
  | 'two_factor.throttled'
  | 'two_factor.recovery_code_used'
  | 'two_factor.enabled'
  | 'two_factor.disabled';

/** Append-only trail of authentication events; never holds a password or a token. */
export async function recordSecurityEvent(
  db: Executor,
  request: RequestMeta,
  event: { type: SecurityEventType; userId?: string | null; email?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('security_events')
    .values({
      type: event.type,
      user_id: event.userId ?? null,
      email: event.email ?? null,
      ip: request.ip,
      user_agent: request.userAgent?.slice(0, 400) ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

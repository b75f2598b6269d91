import {
  changePasswordInput,
  loginInput,
  ROLE_PERMISSIONS,
  type Role,
  registerInput,
  requestPasswordResetInput,
  resetPasswordInput,
  revokeSessionInput,
  updateProfileInput,
  verifyEmailInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { authedProcedure, publicProcedure } from '../../trpc/procedures.ts';
import { listMyCompanies } from '../companies/companies.service.ts';
import {
  changePassword,
  login,
  logout,
  register,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  revokeSession,
  updateProfile,
  verifyEmail,
} from './auth.service.ts';
import { listUserSessions } from './sessions.service.ts';
import { twoFactorRequiredBy } from './two-factor.service.ts';

// Reachable while a first-login password change is pending: enough to see who you are,
// change the password, or leave.
const duringPasswordChange = authedProcedure.meta({ access: { kind: 'authed' }, allowDuringPasswordChange: true });
// A password-only sign-in that owes its second factor may still give up and sign out.
const anyStage = authedProcedure.meta({ access: { kind: 'authed' }, allowDuringPasswordChange: true, allowDuringTwoFactor: true });

export const authRouter = router({
  // The same answer for a new and a taken address, and no session: the person signs in next.
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await register(ctx, input);
    return { ok: true, message: 'Check your inbox: we sent a link to confirm your email address. Then sign in.' };
  }),
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const session = await login(ctx, input);
    ctx.cookies.set(session.token, session.expiresAt);
    return { userId: session.userId, mustChangePassword: session.mustChangePassword, twoFactorRequired: session.twoFactorRequired };
  }),
  logout: anyStage.mutation(async ({ ctx }) => {
    await logout(ctx, ctx.session, false);
    ctx.cookies.clear();
    return { ok: true };
  }),
  logoutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    const ended = await logout(ctx, ctx.session, true);
    ctx.cookies.clear();
    return { ended };
  }),
  me: duringPasswordChange.query(async ({ ctx }) => {
    const { db } = ctx.deps;
    const user = await db
      .selectFrom('users')
      .select([
        'id',
        'email',
        'name',
        'email_verified_at as emailVerifiedAt',
        'must_change_password as mustChangePassword',
        'is_platform_admin as isPlatformAdmin',
      ])
      .where('id', '=', ctx.session.userId)
      .executeTakeFirstOrThrow();
    const companies = await listMyCompanies(db, ctx.session.userId);
    const active = companies.find((c) => c.id === ctx.session.activeCompanyId) ?? null;
    const role = (active?.role ?? null) as Role | null;
    const requiredBy = await twoFactorRequiredBy(ctx, ctx.session);
    return {
      user: { ...user, twoFactorEnabled: ctx.session.twoFactorEnabled },
      // The company's policy or the operator rule demands 2FA this account lacks: the app sends it to enrolment.
      twoFactorDue: requiredBy !== null && !ctx.session.twoFactorEnabled,
      companies,
      activeCompany: active,
      role,
      permissions: role ? [...ROLE_PERMISSIONS[role]] : [],
      devMailbox: ctx.deps.mailer.kind === 'dev-mailbox' && ctx.deps.config.env !== 'production',
    };
  }),
  sessions: authedProcedure.query(async ({ ctx }) => {
    const sessions = await listUserSessions(ctx.deps.db, ctx.session.userId);
    return sessions.map((s) => ({ ...s, current: s.id === ctx.session.sessionId }));
  }),
  revokeSession: authedProcedure
    .input(revokeSessionInput)
    .mutation(({ ctx, input }) => revokeSession(ctx, ctx.session.userId, input.sessionId)),
  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(ctx, input.email);
    return { ok: true, message: 'If an account exists for that email, a reset link is on its way.' };
  }),
  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetPassword(ctx, input.token, input.password);
    return { ok: true };
  }),
  verifyEmail: publicProcedure.input(verifyEmailInput).mutation(async ({ ctx, input }) => {
    await verifyEmail(ctx, input.token);
    return { ok: true };
  }),
  resendVerification: duringPasswordChange.mutation(async ({ ctx }) => {
    await resendVerification(ctx, ctx.session.userId);
    return { ok: true };
  }),
  changePassword: duringPasswordChange.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx, ctx.session, input);
    return { ok: true };
  }),
  updateProfile: authedProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx, ctx.session.userId, input.name)),
});

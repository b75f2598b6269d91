import {
  confirmTwoFactorInput,
  disableTwoFactorInput,
  noContent,
  recoveryCodes,
  regenerateRecoveryCodesInput,
  twoFactorEnrolment,
  twoFactorPolicy,
  twoFactorPolicyInput,
  twoFactorStatus,
  verifyTwoFactorInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { authedProcedure, companyProcedure } from '../../trpc/procedures.ts';
import {
  beginEnrolment,
  companyTwoFactorPolicy,
  completeSignIn,
  confirmEnrolment,
  disableTwoFactor,
  twoFactorStatus as readStatus,
  regenerateRecoveryCodes,
  setCompanyTwoFactorPolicy,
} from './two-factor.service.ts';

// The only procedure a password-only sign-in may call (besides signing out): give the code.
const secondStep = authedProcedure.meta({ access: { kind: 'authed' }, allowDuringTwoFactor: true, allowDuringPasswordChange: true });

export const twoFactorRouter = router({
  status: authedProcedure.output(twoFactorStatus).query(({ ctx }) => readStatus(ctx, ctx.session)),
  verify: secondStep
    .input(verifyTwoFactorInput)
    .output(noContent)
    .mutation(async ({ ctx, input }) => {
      await completeSignIn(ctx, ctx.session, input.code);
    }),
  beginEnrolment: authedProcedure.output(twoFactorEnrolment).mutation(({ ctx }) => beginEnrolment(ctx, ctx.session)),
  confirmEnrolment: authedProcedure
    .input(confirmTwoFactorInput)
    .output(recoveryCodes)
    .mutation(({ ctx, input }) => confirmEnrolment(ctx, ctx.session, input.code)),
  disable: authedProcedure
    .input(disableTwoFactorInput)
    .output(noContent)
    .mutation(async ({ ctx, input }) => {
      await disableTwoFactor(ctx, ctx.session, input);
    }),
  regenerateRecoveryCodes: authedProcedure
    .input(regenerateRecoveryCodesInput)
    .output(recoveryCodes)
    .mutation(({ ctx, input }) => regenerateRecoveryCodes(ctx, ctx.session, input.code)),
  companyPolicy: companyProcedure('company:read')
    .output(twoFactorPolicy)
    .query(({ ctx }) => companyTwoFactorPolicy(ctx, ctx.actor)),
  setCompanyPolicy: companyProcedure('members:manage')
    .input(twoFactorPolicyInput)
    .output(twoFactorPolicy)
    .mutation(({ ctx, input }) => setCompanyTwoFactorPolicy(ctx, ctx.actor, input.required)),
});

import { z } from 'zod';
import { email, name, secretToken, sessionId } from '../common.ts';
import { PASSWORD_MAX, passwordProblem } from './password-policy.ts';

// Passwords are never trimmed or case-folded (ASVS 6.2.8).
export const newPassword = z
  .string()
  .max(PASSWORD_MAX * 4)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const anyPassword = z
  .string()
  .min(1, 'is required')
  .max(PASSWORD_MAX * 4);

export const registerInput = z.object({ email, password: newPassword, name: name(120) });
export const loginInput = z.object({ email, password: anyPassword });
export const requestPasswordResetInput = z.object({ email });
export const resetPasswordInput = z.object({ token: secretToken, password: newPassword });
export const verifyEmailInput = z.object({ token: secretToken });
export const changePasswordInput = z.object({ currentPassword: anyPassword, newPassword });
export const revokeSessionInput = z.object({ sessionId });
export const updateProfileInput = z.object({ name: name(120) });

export type RegisterInput = z.infer<typeof registerInput>;
export type LoginInput = z.infer<typeof loginInput>;

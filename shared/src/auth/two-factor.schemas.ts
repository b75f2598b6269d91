import { z } from 'zod';
import { anyPassword } from './auth.schemas.ts';

/** TOTP codes are 6 digits (RFC 6238 as authenticator apps use it). */
export const TOTP_CODE = /^\d{6}$/;
/** Recovery codes: 10 characters of Lucia's alphabet, shown as `abcde-fghij`. */
export const RECOVERY_CODE = /^[a-km-np-z2-9]{5}-?[a-km-np-z2-9]{5}$/;

const totpCode = z.string().trim().regex(TOTP_CODE, 'Enter the 6-digit code from your authenticator app.');
// The second step of sign-in and the checks before turning 2FA off take either kind of code.
const secondFactor = z
  .string()
  .trim()
  .toLowerCase()
  .refine((code) => TOTP_CODE.test(code) || RECOVERY_CODE.test(code), 'Enter the 6-digit code or a recovery code like abcde-fghij.');

export const confirmTwoFactorInput = z.object({ code: totpCode });
export const verifyTwoFactorInput = z.object({ code: secondFactor });
export const disableTwoFactorInput = z.object({ password: anyPassword, code: secondFactor });
export const regenerateRecoveryCodesInput = z.object({ code: secondFactor });
export const twoFactorPolicyInput = z.object({ required: z.boolean() });

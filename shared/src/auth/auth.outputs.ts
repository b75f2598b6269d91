import { z } from 'zod';

/** Shown once, right after enrolment starts; never readable again. */
export const twoFactorEnrolment = z.strictObject({ secret: z.string(), uri: z.string() });

/** Shown once; only their hashes are kept. */
export const recoveryCodes = z.strictObject({ recoveryCodes: z.array(z.string()) });

export const twoFactorStatus = z.strictObject({
  enabled: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  /** Why this account may not go without it: a company policy, the operator rule, or nothing. */
  requiredBy: z.enum(['company', 'operator']).nullable(),
});

export const twoFactorPolicy = z.strictObject({ required: z.boolean() });

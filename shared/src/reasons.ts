// Machine-readable reasons carried in error responses (`error.data.reason`), so the app and SDK
// can react to a specific failure without parsing messages.
export const REASONS = [
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'EMAIL_TAKEN',
  'EMAIL_NOT_VERIFIED',
  'PASSWORD_CHANGE_REQUIRED',
  'WEAK_PASSWORD',
  'TOKEN_INVALID',
  'NO_ACTIVE_COMPANY',
  'NOT_A_MEMBER',
  'PERMISSION_DENIED',
  'SESSION_REQUIRED',
  'STALE_VERSION',
  'LAST_OWNER',
  'ROLE_OUTRANKS_YOU',
  'ALREADY_MEMBER',
  'INVITATION_CLOSED',
  'INVITATION_EMAIL_MISMATCH',
  'FINANCIAL_YEAR_CLOSED',
  'FINANCIAL_YEAR_OVERLAP',
  'API_KEY_REVOKED',
  'SCOPE_NOT_ALLOWED',
] as const;
export type Reason = (typeof REASONS)[number];

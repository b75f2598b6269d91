import { z } from 'zod';
import { boundedDateTime, id, pageInput, rowIdCursor } from '../common.ts';

// What platform operators send from the console: searches, paging and the reasons they give.

const search = z.string().trim().max(100, 'must be at most 100 characters').optional();

export const COMPANY_STATUSES = ['active', 'suspended', 'closed'] as const;

export const consoleCompanyListInput = pageInput.extend({
  /** Part of the company's name or legal name, or a GSTIN / tax id. */
  search,
  status: z.enum(COMPANY_STATUSES).optional(),
});
export const consoleCompanyIdInput = z.object({ companyId: id });

/** Suspending or reactivating a company needs a reason, kept in its history. */
export const companyStatusChangeInput = z.object({
  companyId: id,
  reason: z.string().trim().min(5, 'say why, in at least 5 characters').max(500),
});

export const consoleUserSearchInput = pageInput.extend({
  /** Part of the email address or the name. */
  search,
});
export const consoleUserIdInput = z.object({ userId: id });
export const disableUserInput = z.object({
  userId: id,
  reason: z.string().trim().min(5, 'say why, in at least 5 characters').max(500),
});

export const SECURITY_EVENT_KINDS = [
  'user.registered',
  'register.email_taken',
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'sessions.revoked',
  'password.changed',
  'password.change_failed',
  'password.change_throttled',
  'password.reset_requested',
  'password.reset',
  'email.verified',
  'api_key.rejected',
  'account.disabled',
  'account.enabled',
  'account.unlocked',
  'login.disabled_account',
  'two_factor.challenged',
  'two_factor.succeeded',
  'two_factor.failed',
  'two_factor.throttled',
  'two_factor.recovery_code_used',
  'two_factor.enabled',
  'two_factor.disabled',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const securityEventListInput = z.object({
  cursor: rowIdCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  kind: z.enum(SECURITY_EVENT_KINDS).optional(),
  email: z.string().trim().toLowerCase().max(254).optional(),
  ip: z.string().trim().max(64).optional(),
  from: boundedDateTime.optional(),
  to: boundedDateTime.optional(),
});

export type ConsoleCompanyListInput = z.infer<typeof consoleCompanyListInput>;
export type CompanyStatusChangeInput = z.infer<typeof companyStatusChangeInput>;
export type ConsoleUserSearchInput = z.infer<typeof consoleUserSearchInput>;
export type DisableUserInput = z.infer<typeof disableUserInput>;
export type SecurityEventListInput = z.infer<typeof securityEventListInput>;

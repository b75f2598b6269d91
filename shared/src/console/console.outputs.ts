import { z } from 'zod';
import { ROLES } from '../permissions.ts';
import { pageOf, timestamp } from '../wire.ts';
import { COMPANY_STATUSES, SECURITY_EVENT_KINDS } from './console.schemas.ts';

const companyStatus = z.enum(COMPANY_STATUSES);
const verificationStatus = z.enum(['unverified', 'pending', 'verified', 'rejected']);

export const consoleCompanyRow = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  legalName: z.string(),
  country: z.string(),
  taxId: z.string().nullable(),
  status: companyStatus,
  verificationStatus,
  claimed: z.boolean(),
  createdAt: timestamp,
});
export const consoleCompanyPage = pageOf(consoleCompanyRow);

export const consoleCompanyDetail = consoleCompanyRow.extend({
  statusReason: z.string().nullable(),
  statusChangedAt: timestamp.nullable(),
  gstins: z.array(z.string()),
  members: z.array(z.strictObject({ userId: z.uuid(), name: z.string(), email: z.string(), role: z.enum(ROLES), disabled: z.boolean() })),
  /** API keys not revoked: they stop working while the company is suspended and work again after. */
  activeApiKeys: z.number().int(),
  history: z.array(
    z.strictObject({
      id: z.number().int(),
      occurredAt: timestamp,
      action: z.string(),
      sentence: z.string(),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

export const companyStatusChanged = z.strictObject({ id: z.uuid(), status: companyStatus });

export const consoleUserRow = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  emailVerified: z.boolean(),
  isPlatformAdmin: z.boolean(),
  disabledAt: timestamp.nullable(),
  /** Until when sign-in is refused after repeated wrong passwords; null when not locked. */
  lockedUntil: timestamp.nullable(),
  activeSessions: z.number().int(),
  createdAt: timestamp,
});
export const consoleUserPage = pageOf(consoleUserRow);

export const userDisabled = z.strictObject({ id: z.uuid(), sessionsEnded: z.number().int() });

export const SUSPICIOUS_RULES = ['ip_many_accounts', 'account_many_failures'] as const;

export const suspiciousActivity = z.strictObject({
  rule: z.enum(SUSPICIOUS_RULES),
  /** The IP address (ip_many_accounts) or email address (account_many_failures) flagged. */
  subject: z.string(),
  failures: z.number().int(),
  accounts: z.number().int(),
  firstAt: timestamp,
  lastAt: timestamp,
});

export const securityEventRow = z.strictObject({
  id: z.number().int(),
  kind: z.union([z.enum(SECURITY_EVENT_KINDS), z.string()]),
  userId: z.uuid().nullable(),
  email: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  occurredAt: timestamp,
  /** The rules this event's address or account tripped, if any. */
  flags: z.array(z.enum(SUSPICIOUS_RULES)),
});
export const securityEventPage = z.strictObject({
  items: z.array(securityEventRow),
  nextCursor: z.string().nullable(),
  suspicious: z.array(suspiciousActivity),
  /** The window the suspicious-activity rules look back over. */
  windowMinutes: z.number().int(),
});

export const platformHealth = z.strictObject({
  database: z.strictObject({ reachable: z.boolean(), latencyMs: z.number(), sizeBytes: z.number().nullable(), kind: z.string() }),
  jobs: z.array(z.strictObject({ status: z.string(), count: z.number().int() })),
  failedJobs: z.number().int(),
  mail: z.strictObject({
    sentLastDay: z.number().int(),
    waiting: z.number().int(),
    failedLastDay: z.number().int(),
    recentFailures: z.array(z.strictObject({ id: z.number().int(), lastError: z.string().nullable(), failedAt: timestamp })),
  }),
  liveStreams: z.number().int(),
  checkedAt: timestamp,
});

export const memberSignIn = z.strictObject({
  occurredAt: timestamp,
  ip: z.string().nullable(),
  device: z.string().nullable(),
  succeeded: z.boolean(),
});

export type ConsoleCompanyRow = z.infer<typeof consoleCompanyRow>;
export type ConsoleUserRow = z.infer<typeof consoleUserRow>;
export type SecurityEventRow = z.infer<typeof securityEventRow>;
export type SuspiciousActivity = z.infer<typeof suspiciousActivity>;
export type SuspiciousRule = (typeof SUSPICIOUS_RULES)[number];

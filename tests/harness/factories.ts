import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@tradeloom/shared';
import type { Caller, TestApp } from './app.ts';

export const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  caller: Caller;
}

function uniqueEmail(label: string): string {
  return `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A documentation-range address per sign-up, so factories never meet the per-IP sign-up limit. */
function uniqueIp(): string {
  const bytes = randomBytes(2);
  return `198.18.${bytes[0]}.${bytes[1]}`;
}

/** Registers and signs in through the router (real hashing, real session), and verifies the email. */
export async function createUser(app: TestApp, options: { label?: string; verified?: boolean; email?: string } = {}): Promise<TestUser> {
  const email = options.email ?? uniqueEmail(options.label ?? 'user');
  await app.caller({ ip: uniqueIp() }).auth.register({ email, password: PASSWORD, name: `Test ${options.label ?? 'User'}` });
  const { userId } = await app.caller().auth.login({ email, password: PASSWORD });
  const token = app.lastCookie();
  if (!token) throw new Error('login set no session cookie');
  if (options.verified !== false) {
    await app.mailFor(email); // the verification mail: consumed so tests see only their own mail
    await app.db.updateTable('users').set({ email_verified_at: app.clock.now() }).where('id', '=', userId).execute();
  }
  return { id: userId, email, password: PASSWORD, token, caller: app.caller({ sessionToken: token }) };
}

export interface TestCompany {
  id: string;
  name: string;
  members: Record<Role, TestUser>;
}

/** A company whose owner created it through the router, plus one member in every other role. */
export async function createCompany(app: TestApp, label = 'Co', extra: { isSupplier?: boolean } = {}): Promise<TestCompany> {
  const owner = await createUser(app, { label: `${label}-owner` });
  const company = await owner.caller.companies.create({
    name: `${label} ${randomUUID().slice(0, 6)}`,
    country: 'IN',
    isSupplier: extra.isSupplier ?? true,
  });
  const members = { owner } as Record<Role, TestUser>;
  for (const role of ['admin', 'manager', 'staff', 'viewer'] as const) {
    const user = await createUser(app, { label: `${label}-${role}` });
    await app.db.insertInto('memberships').values({ company_id: company.id, user_id: user.id, role }).execute();
    await user.caller.companies.switch({ companyId: company.id });
    members[role] = user;
  }
  return { id: company.id, name: company.name, members };
}

/** Rows in a table: used to prove a failed call wrote nothing. */
export async function countRows(
  app: TestApp,
  table:
    | 'audit_log'
    | 'memberships'
    | 'invitations'
    | 'api_keys'
    | 'companies'
    | 'users'
    | 'jobs'
    | 'domain_events'
    | 'financial_years'
    | 'branches'
    | 'negotiations'
    | 'contracts',
): Promise<number> {
  const row = await app.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many security events of one type a user has: e.g. password verifications that ran. */
export async function securityEventCount(app: TestApp, userId: string, type: string): Promise<number> {
  const rows = await app.db.selectFrom('security_events').select('id').where('user_id', '=', userId).where('type', '=', type).execute();
  return rows.length;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany, createUser, PASSWORD, type TestUser } from '../harness/factories.ts';
import { type LiveStream, openLiveStream } from '../harness/live.ts';
import { tokenFrom } from '../harness/smtp-sink.ts';

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
let operator: TestUser;
const streams: LiveStream[] = [];
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  operator = await createUser(app, { label: 'ops' });
  await app.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', operator.id).execute();
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await http.close();
  await app.close();
});

/** A real HTTP request as a browser (session cookie) or an integration (API key) makes it. */
async function get(path: string, headers: Record<string, string>) {
  const response = await fetch(`${http.url}/trpc/${path}`, { headers });
  const body = (await response.json()) as { error?: { data?: { reason?: string } } };
  return { status: response.status, reason: body.error?.data?.reason };
}
const asSession = (token: string) => ({ cookie: `tl_session=${token}` });
const asKey = (key: string) => ({ authorization: `Bearer ${key}` });

async function listen(headers: Record<string, string>) {
  const stream = await openLiveStream(http.url, headers);
  streams.push(stream);
  return stream;
}
const endsSoon = (stream: LiveStream) =>
  Promise.race([stream.ended.then(() => 'ended'), new Promise((resolve) => setTimeout(() => resolve('still open'), 5000))]);

describe('console.companies: suspension cuts a company off at once', () => {
  it('refuses its members’ sessions and its API keys, ends its live streams, and reactivation restores both', async () => {
    const company = await createCompany(app, 'Suspended');
    const { key } = await company.members.admin.caller.apiKeys.create({ name: 'ERP', scopes: ['company:read'] });
    expect((await get('companies.current', asSession(company.members.owner.token))).status).toBe(200);
    expect((await get('companies.current', asKey(key))).status).toBe(200);
    const memberTab = await listen(asSession(company.members.viewer.token));
    const keyTab = await listen(asKey(key));
    expect([memberTab.status, keyTab.status]).toEqual([200, 200]);

    const suspended = await operator.caller.console.companies.suspend({ companyId: company.id, reason: 'Unpaid invoices since March' });
    expect(suspended).toEqual({ id: company.id, status: 'suspended' });

    expect(await get('companies.current', asSession(company.members.owner.token))).toEqual({ status: 403, reason: 'COMPANY_INACTIVE' });
    expect(await get('companies.current', asKey(key))).toEqual({ status: 403, reason: 'COMPANY_INACTIVE' });
    expect(await endsSoon(memberTab)).toBe('ended');
    expect(await endsSoon(keyTab)).toBe('ended');

    await operator.caller.console.companies.reactivate({ companyId: company.id, reason: 'Paid in full' });
    expect((await get('companies.current', asSession(company.members.owner.token))).status).toBe(200);
    // Keys that were valid before the suspension work again (documented in the console).
    expect((await get('companies.current', asKey(key))).status).toBe(200);
    // Five sign-ups with real argon2 hashing, on 2 shared cores.
  }, 60_000);

  it('keeps the reasons in the company’s own history, seen by the operator and the company', async () => {
    const company = await createCompany(app, 'History');
    await operator.caller.console.companies.suspend({ companyId: company.id, reason: 'Reported for fraud' });
    await operator.caller.console.companies.reactivate({ companyId: company.id, reason: 'Report withdrawn' });
    const detail = await operator.caller.console.companies.get({ companyId: company.id });
    expect(detail).toMatchObject({ status: 'active', statusReason: 'Report withdrawn', activeApiKeys: 0 });
    expect(detail.history.slice(0, 2).map(({ action, reason, actorName }) => ({ action, reason, actorName }))).toEqual([
      { action: 'company.reactivated', reason: 'Report withdrawn', actorName: 'Test ops' },
      { action: 'company.suspended', reason: 'Reported for fraud', actorName: 'Test ops' },
    ]);
    const audit = await company.members.owner.caller.audit.list({});
    expect(audit.items.map((row) => row.action)).toEqual(expect.arrayContaining(['company.suspended', 'company.reactivated']));
  });

  it('refuses a reason too short (changing nothing), a second suspension, and an unknown company', async () => {
    const company = await createCompany(app, 'Refused');
    const before = await countRows(app, 'audit_log');
    const short = await failure(operator.caller.console.companies.suspend({ companyId: company.id, reason: 'no' }));
    expect(short.code).toBe('BAD_REQUEST');
    expect(fieldErrors(short).reason).toBeDefined();
    expect(await countRows(app, 'audit_log')).toBe(before);
    await operator.caller.console.companies.suspend({ companyId: company.id, reason: 'Duplicate account' });
    const twice = await failure(operator.caller.console.companies.suspend({ companyId: company.id, reason: 'Duplicate account' }));
    expect(twice).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    const missing = await failure(operator.caller.console.companies.reactivate({ companyId: crypto.randomUUID(), reason: 'Who is this' }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('finds companies by part of the name and by a branch GSTIN, a page at a time', async () => {
    const company = await createCompany(app, 'Searchable');
    await company.members.admin.caller.companies.branches.create({ name: 'Tiruppur mill', country: 'IN', gstin: '24AABCS4821K1ZF' });
    const byName = await operator.caller.console.companies.list({ search: company.name.toUpperCase() });
    expect(byName.items.map((c) => c.id)).toEqual([company.id]);
    const byGstin = await operator.caller.console.companies.list({ search: '24aabcs4821k' });
    expect(byGstin.items.map((c) => c.id)).toContain(company.id);

    const label = `Paged${crypto.randomUUID().slice(0, 6)}`;
    const pair = [await createCompany(app, label), await createCompany(app, label)];
    const first = await operator.caller.console.companies.list({ search: label, limit: 1 });
    const second = await operator.caller.console.companies.list({ search: label, limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((c) => c.id).sort()).toEqual(pair.map((c) => c.id).sort());
  });
});

describe('console.users', () => {
  it('disabling ends every session at once, refuses sign-in with a clear reason, and re-enabling lets them back', async () => {
    const company = await createCompany(app, 'Disabled');
    const user = company.members.staff;
    await app.caller({ ip: '198.51.100.31' }).auth.login({ email: user.email, password: PASSWORD });
    const secondDevice = app.lastCookie() ?? '';
    expect((await get('auth.me', asSession(secondDevice))).status).toBe(200);
    const tab = await listen(asSession(user.token));

    const result = await operator.caller.console.users.disable({ userId: user.id, reason: 'Left the company, account misused' });
    expect(result).toEqual({ id: user.id, sessionsEnded: 2 });
    expect((await get('auth.me', asSession(user.token))).status).toBe(401);
    expect((await get('auth.me', asSession(secondDevice))).status).toBe(401);
    expect(await endsSoon(tab)).toBe('ended');
    const refused = await failure(app.caller({ ip: '198.51.100.32' }).auth.login({ email: user.email, password: PASSWORD }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_DISABLED' });
    expect(refused.message).toMatch(/disabled/);

    await operator.caller.console.users.enable({ userId: user.id });
    await app.caller({ ip: '198.51.100.32' }).auth.login({ email: user.email, password: PASSWORD });
    const found = await operator.caller.console.users.search({ search: user.email });
    expect(found.items).toEqual([expect.objectContaining({ id: user.id, disabledAt: null, activeSessions: 1 })]);
  });

  it('unlocks an account locked out by wrong passwords', async () => {
    const user = await createUser(app, { label: 'locked' });
    for (let i = 0; i < 5; i++)
      await failure(app.caller({ ip: '198.51.100.40' }).auth.login({ email: user.email, password: 'wrong guess' }));
    const locked = await operator.caller.console.users.search({ search: user.email });
    expect(locked.items[0]?.lockedUntil).not.toBeNull();
    const throttled = await failure(app.caller({ ip: '198.51.100.41' }).auth.login({ email: user.email, password: PASSWORD }));
    expect(throttled.code).toBe('TOO_MANY_REQUESTS');

    await operator.caller.console.users.unlock({ userId: user.id });
    expect((await operator.caller.console.users.search({ search: user.email })).items[0]?.lockedUntil).toBeNull();
    await app.caller({ ip: '198.51.100.41' }).auth.login({ email: user.email, password: PASSWORD });
  });

  it('sends the password-reset email through the mailer, and its link sets a new password', async () => {
    const user = await createUser(app, { label: 'forgetful' });
    await operator.caller.console.users.sendPasswordReset({ userId: user.id });
    const [mail] = await app.mailFor(user.email);
    expect(mail?.subject).toMatch(/password/i);
    await app.caller().auth.resetPassword({ token: tokenFrom(mail), password: 'a brand new passphrase' });
    await app.caller({ ip: '198.51.100.42' }).auth.login({ email: user.email, password: 'a brand new passphrase' });
    const audit = await app.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'user.password_reset_sent')
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit).toEqual([{ actor_user_id: operator.id }]);
  });
});

describe('console.securityEvents', () => {
  it('flags one address failing on many distinct accounts, and filters by address', async () => {
    const ip = `198.51.100.${100 + Math.floor(Math.random() * 100)}`;
    const emails = Array.from({ length: 5 }, (_, i) => `spray-${i}-${crypto.randomUUID().slice(0, 6)}@example.test`);
    for (const email of emails) await failure(app.caller({ ip }).auth.login({ email, password: 'Winter2026!' }));

    const page = await operator.caller.console.securityEvents({ ip, kind: 'login.failed' });
    expect(page.items).toHaveLength(5);
    expect(page.items.every((event) => event.ip === ip && event.flags.includes('ip_many_accounts'))).toBe(true);
    expect(page.suspicious).toContainEqual(expect.objectContaining({ rule: 'ip_many_accounts', subject: ip, accounts: 5, failures: 5 }));
  });

  it('flags one account failing five times, from whatever addresses, and not an account with four', async () => {
    const guessed = await createUser(app, { label: 'guessed' });
    const spared = await createUser(app, { label: 'spared' });
    for (let i = 0; i < 5; i++)
      await failure(app.caller({ ip: `203.0.113.${10 + i}` }).auth.login({ email: guessed.email, password: `guess ${i}` }));
    for (let i = 0; i < 4; i++)
      await failure(app.caller({ ip: `203.0.113.${20 + i}` }).auth.login({ email: spared.email, password: `guess ${i}` }));

    const page = await operator.caller.console.securityEvents({ email: guessed.email });
    expect(page.suspicious).toContainEqual(
      expect.objectContaining({ rule: 'account_many_failures', subject: guessed.email, failures: 5, accounts: 1 }),
    );
    const failed = page.items.filter((event) => event.kind === 'login.failed' || event.kind === 'login.throttled');
    expect(failed).toHaveLength(5);
    expect(failed.every((event) => event.flags.includes('account_many_failures'))).toBe(true);
    // Five different addresses, one account each: the address rule stays quiet.
    expect(failed.some((event) => event.flags.includes('ip_many_accounts'))).toBe(false);
    expect(page.suspicious.some((s) => s.subject === spared.email)).toBe(false);
  });

  it('does not flag an address below the threshold, and pages newest first', async () => {
    const ip = '198.51.100.250';
    for (let i = 0; i < 3; i++) await failure(app.caller({ ip }).auth.login({ email: `few-${i}@example.test`, password: 'Winter2026!' }));
    const page = await operator.caller.console.securityEvents({ ip, limit: 2 });
    expect(page.items.map((e) => e.flags)).toEqual([[], []]);
    expect(page.suspicious.some((s) => s.subject === ip)).toBe(false);
    const rest = await operator.caller.console.securityEvents({ ip, limit: 2, cursor: page.nextCursor ?? undefined });
    expect(rest.items.map((e) => e.email)).toEqual(['few-0@example.test']);
    expect(rest.nextCursor).toBeNull();
  });
});

describe('console.health', () => {
  it('reports the database, the job queues, mail and open live streams', async () => {
    const company = await createCompany(app, 'Health');
    const tab = await listen(asSession(company.members.viewer.token));
    const health = await operator.caller.console.health();
    expect(health.database).toMatchObject({ reachable: true, kind: app.kind });
    expect(health.database.sizeBytes).toBeGreaterThan(0);
    expect(health.liveStreams).toBeGreaterThanOrEqual(1);
    // Every factory user got a verification mail, sent by the runner.
    expect(health.mail.sentLastDay).toBeGreaterThan(0);
    expect(health.jobs.find((row) => row.status === 'done')?.count).toBeGreaterThan(0);
    tab.close();
  });
});

describe('members disabled by their company admin', () => {
  it('a disabled member’s requests for the company fail with FORBIDDEN; re-enabled they work again', async () => {
    const company = await createCompany(app, 'Members');
    const { staff, admin } = company.members;
    await admin.caller.companies.disableMember({ userId: staff.id });
    expect(await get('companies.current', asSession(staff.token))).toEqual({ status: 403, reason: 'MEMBER_DISABLED' });
    const members = await admin.caller.companies.members();
    expect(members.find((m) => m.userId === staff.id)?.disabledAt).not.toBeNull();
    await admin.caller.companies.enableMember({ userId: staff.id });
    expect((await get('companies.current', asSession(staff.token))).status).toBe(200);
  });

  it('ends a disabled member’s open live stream, and leaves the other members’ open', async () => {
    const company = await createCompany(app, 'MemberStream');
    const { staff, viewer, admin } = company.members;
    const disabledTab = await listen(asSession(staff.token));
    const colleagueTab = await listen(asSession(viewer.token));
    expect([disabledTab.status, colleagueTab.status]).toEqual([200, 200]);

    await admin.caller.companies.disableMember({ userId: staff.id });
    expect(await endsSoon(disabledTab)).toBe('ended');
    expect(await Promise.race([colleagueTab.ended.then(() => 'ended'), Promise.resolve('open')])).toBe('open');
    // Opening a new one is refused in the stream itself (it starts before the procedure runs).
    const again = await listen(asSession(staff.token));
    expect(await endsSoon(again)).toBe('ended');
    expect(again.errors).toContainEqual(expect.objectContaining({ reason: 'MEMBER_DISABLED' }));
  });

  it('refuses disabling the owner, yourself, or a member of another company; a viewer may not', async () => {
    const company = await createCompany(app, 'MemberRules');
    const other = await createCompany(app, 'OtherCo');
    const { owner, admin, viewer, staff } = company.members;
    expect(await failure(admin.caller.companies.disableMember({ userId: owner.id }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWNER_PROTECTED',
    });
    expect(await failure(admin.caller.companies.disableMember({ userId: admin.id }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OWN_MEMBERSHIP',
    });
    expect((await failure(admin.caller.companies.disableMember({ userId: other.members.staff.id }))).code).toBe('NOT_FOUND');
    expect((await failure(admin.caller.companies.memberSignIns({ userId: other.members.staff.id }))).code).toBe('NOT_FOUND');
    expect((await failure(viewer.caller.companies.disableMember({ userId: staff.id }))).code).toBe('FORBIDDEN');
  });

  it('shows a member’s recent sign-ins with time, address and device', async () => {
    const company = await createCompany(app, 'SignIns');
    const { staff, admin } = company.members;
    await app.caller({ ip: '198.51.100.61' }).auth.login({ email: staff.email, password: PASSWORD });
    const signIns = await admin.caller.companies.memberSignIns({ userId: staff.id });
    expect(signIns[0]).toMatchObject({ ip: '198.51.100.61', device: 'vitest', succeeded: true });
  });
});

describe('only platform operators reach the console', () => {
  it.each([
    ['companies.list', () => ({})],
    ['users.search', () => ({})],
    ['health', () => undefined],
    ['securityEvents', () => ({})],
  ])('console.%s is FORBIDDEN to a signed-in user who is not an operator', async (path, input) => {
    const user = await createUser(app, { label: 'not-ops' });
    const target = user.caller.console as unknown as Record<string, unknown>;
    const [group, name] = path.split('.');
    const procedure = (name ? (target[group as string] as Record<string, unknown>)[name] : target[group as string]) as (
      i: unknown,
    ) => Promise<unknown>;
    expect((await failure(procedure(input()))).code).toBe('FORBIDDEN');
  });

  it('a company owner cannot suspend their rival', async () => {
    const company = await createCompany(app, 'Rival');
    const other = await createCompany(app, 'Victim');
    const error = await failure(
      company.members.owner.caller.console.companies.suspend({ companyId: other.id, reason: 'I do not like them' }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect((await operator.caller.console.companies.get({ companyId: other.id })).status).toBe('active');
  });
});

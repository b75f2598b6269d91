import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany, createUser, PASSWORD } from '../harness/factories.ts';
import { tokenFrom } from '../harness/smtp-sink.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('companies', () => {
  it('creates a company: the creator is owner, it becomes active, and a financial year exists', async () => {
    const user = await createUser(app);
    const company = await user.caller.companies.create({ name: 'Rajkot Ginning', country: 'in', taxId: '24AABCS4821K1ZF' });
    expect(company).toMatchObject({ name: 'Rajkot Ginning', country: 'IN', baseCurrency: 'INR', taxId: '24AABCS4821K1ZF', version: 1 });
    const me = await user.caller.auth.me();
    expect(me.activeCompany?.id).toBe(company.id);
    expect(me.role).toBe('owner');
    expect(me.permissions).toContain('ownership:transfer');
    const years = await user.caller.settings.financialYears.list();
    expect(years).toHaveLength(1);
    expect(years[0]?.startsOn.slice(5)).toBe('04-01');
  });

  it('rejects a GSTIN whose check character is wrong, naming the field, and writes nothing', async () => {
    const user = await createUser(app);
    const before = await countRows(app, 'companies');
    const error = await failure(user.caller.companies.create({ name: 'Bad Tax', country: 'IN', taxId: '24AABCS4821K1ZA' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error).taxId?.[0]).toMatch(/^is not a valid GSTIN/);
    expect(await countRows(app, 'companies')).toBe(before);
  });

  it('does not check GSTIN outside India', async () => {
    const user = await createUser(app);
    const company = await user.caller.companies.create({ name: 'Dhaka Knits', country: 'BD', taxId: 'BIN-000123' });
    expect(company.baseCurrency).toBe('BDT');
  });

  it('switches only to companies the user belongs to; another company is not found', async () => {
    const a = await createCompany(app, 'A');
    const b = await createCompany(app, 'B');
    const error = await failure(a.members.owner.caller.companies.switch({ companyId: b.id }));
    expect(error.code).toBe('NOT_FOUND');
    const second = await a.members.owner.caller.companies.create({ name: 'Second', country: 'IN' });
    await a.members.owner.caller.companies.switch({ companyId: a.id });
    expect((await a.members.owner.caller.companies.current()).id).toBe(a.id);
    await a.members.owner.caller.companies.switch({ companyId: second.id });
    expect((await a.members.owner.caller.companies.current()).id).toBe(second.id);
  });

  it('updates with optimistic concurrency: a stale version is a CONFLICT and changes nothing', async () => {
    const co = await createCompany(app, 'Ver');
    const admin = co.members.admin.caller;
    const current = await admin.companies.current();
    const updated = await admin.companies.update({ companyId: co.id, version: current.version, name: 'Renamed Mills' });
    expect(updated).toMatchObject({ name: 'Renamed Mills', version: current.version + 1 });
    const stale = await failure(admin.companies.update({ companyId: co.id, version: current.version, name: 'Lost Update' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.reason).toBe('STALE_VERSION');
    expect((await admin.companies.current()).name).toBe('Renamed Mills');
  });

  it('adds branches with their GST registration and state code', async () => {
    const co = await createCompany(app, 'Br');
    await co.members.admin.caller.companies.branches.create({
      name: 'Surat unit',
      country: 'IN',
      state: 'Gujarat',
      gstin: '24AABCS4821K1ZF',
    });
    const [branch] = await co.members.viewer.caller.companies.branches.list();
    expect(branch).toMatchObject({ name: 'Surat unit', stateCode: '24', gstin: '24AABCS4821K1ZF' });
  });
});

describe('invitations', () => {
  it('invites by email; the invitee signs up, accepts with the emailed link and lands in the company', async () => {
    const co = await createCompany(app, 'Inv');
    const email = `new-hire-${Date.now()}@example.test`;
    const invitation = await co.members.admin.caller.companies.invite({ email, role: 'staff' });
    expect(invitation.kind).toBe('invitation');
    const [mail] = await app.mailFor(email);
    expect(mail?.subject).toContain(co.name);
    const token = tokenFrom(mail);
    expect(await app.caller().companies.previewInvite({ token })).toMatchObject({ companyName: co.name, role: 'staff', email });

    const invitee = await createUser(app, { email, verified: false });
    const accepted = await invitee.caller.companies.acceptInvite({ token });
    expect(accepted).toEqual({ companyId: co.id, role: 'staff' });
    const me = await invitee.caller.auth.me();
    expect(me.activeCompany?.id).toBe(co.id);
    expect(me.user.emailVerifiedAt).not.toBeNull();
    expect((await co.members.viewer.caller.companies.members()).map((m) => m.email)).toContain(email);
    expect((await failure(invitee.caller.companies.acceptInvite({ token }))).reason).toBe('INVITATION_CLOSED');
    const listed = await co.members.admin.caller.companies.invitations();
    expect(listed.find((i) => i.email === email)?.status).toBe('accepted');
  });

  it('refuses an invitation accepted by a different email address', async () => {
    const co = await createCompany(app, 'Mis');
    await co.members.owner.caller.companies.invite({ email: 'intended@example.test', role: 'viewer' });
    const token = tokenFrom((await app.mailFor('intended@example.test'))[0]);
    const stranger = await createUser(app);
    const error = await failure(stranger.caller.companies.acceptInvite({ token }));
    expect(error.reason).toBe('INVITATION_EMAIL_MISMATCH');
  });

  it('refuses revoked and expired invitations', async () => {
    const co = await createCompany(app, 'Rev');
    const revoked = await co.members.admin.caller.companies.invite({ email: 'revoked@example.test', role: 'viewer' });
    const revokedToken = tokenFrom((await app.mailFor('revoked@example.test'))[0]);
    if (revoked.kind !== 'invitation') throw new Error('expected an invitation');
    await co.members.admin.caller.companies.revokeInvite({ invitationId: revoked.invitationId });
    const user = await createUser(app, { email: 'revoked@example.test' });
    expect((await failure(user.caller.companies.acceptInvite({ token: revokedToken }))).reason).toBe('INVITATION_CLOSED');

    await co.members.admin.caller.companies.invite({ email: 'late@example.test', role: 'viewer' });
    const lateToken = tokenFrom((await app.mailFor('late@example.test'))[0]);
    app.clock.advance(7 * 24 * 60 * 60_000 + 1);
    const late = await createUser(app, { email: 'late@example.test' });
    expect((await failure(late.caller.companies.acceptInvite({ token: lateToken }))).reason).toBe('INVITATION_CLOSED');
  });

  it('an unverified admin cannot invite; a manager cannot invite at all; nobody invites an owner', async () => {
    const co = await createCompany(app, 'Unv');
    await app.db.updateTable('users').set({ email_verified_at: null }).where('id', '=', co.members.admin.id).execute();
    expect((await failure(co.members.admin.caller.companies.invite({ email: 'x@example.test', role: 'staff' }))).reason).toBe(
      'EMAIL_NOT_VERIFIED',
    );
    expect((await failure(co.members.manager.caller.companies.invite({ email: 'x@example.test', role: 'staff' }))).code).toBe('FORBIDDEN');
    expect((await failure(co.members.owner.caller.companies.invite({ email: 'x@example.test', role: 'owner' }))).reason).toBe(
      'ROLE_OUTRANKS_YOU',
    );
  });

  it('creates a member with an admin-set password who must change it before anything else', async () => {
    const co = await createCompany(app, 'Tmp');
    const email = `temp-${Date.now()}@example.test`;
    const added = await co.members.admin.caller.companies.invite({ email, role: 'staff', temporaryPassword: 'Temporary-Pass-1' });
    expect(added.kind).toBe('member');
    expect((await app.mailFor(email))[0]?.subject).toContain('added to');
    const login = await app.caller({ ip: '198.51.100.60' }).auth.login({ email, password: 'Temporary-Pass-1' });
    expect(login.mustChangePassword).toBe(true);
    const member = app.caller({ sessionToken: app.lastCookie() });
    expect((await failure(member.companies.members())).reason).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await member.auth.me()).user.mustChangePassword).toBe(true);
    await member.auth.changePassword({ currentPassword: 'Temporary-Pass-1', newPassword: 'my own passphrase' });
    expect((await member.companies.members()).length).toBeGreaterThan(1);
  });
});

describe('membership changes take effect on the next request', () => {
  it('a demoted admin loses admin rights at once', async () => {
    const co = await createCompany(app, 'Dem');
    await co.members.admin.caller.companies.invitations();
    await co.members.owner.caller.companies.setRole({ userId: co.members.admin.id, role: 'viewer' });
    expect((await failure(co.members.admin.caller.companies.invitations())).code).toBe('FORBIDDEN');
    expect((await co.members.admin.caller.auth.me()).role).toBe('viewer');
  });

  it('a removed member loses access at once and the removal is audited', async () => {
    const co = await createCompany(app, 'Rem');
    await co.members.admin.caller.companies.removeMember({ userId: co.members.staff.id });
    const error = await failure(co.members.staff.caller.companies.current());
    expect(error.code).toBe('FORBIDDEN');
    const audit = await co.members.owner.caller.audit.list({ action: 'member.removed' });
    expect(audit.items[0]).toMatchObject({ entityId: co.members.staff.id, actorUserId: co.members.admin.id });
  });

  it('role changes follow the ladder: an admin cannot touch another admin or the owner, nobody changes their own role', async () => {
    const co = await createCompany(app, 'Lad');
    const second = await createUser(app);
    await app.db.insertInto('memberships').values({ company_id: co.id, user_id: second.id, role: 'admin' }).execute();
    const admin = co.members.admin.caller;
    expect((await failure(admin.companies.setRole({ userId: second.id, role: 'staff' }))).reason).toBe('ROLE_OUTRANKS_YOU');
    expect((await failure(admin.companies.setRole({ userId: co.members.owner.id, role: 'staff' }))).reason).toBe('ROLE_OUTRANKS_YOU');
    expect((await failure(admin.companies.setRole({ userId: co.members.admin.id, role: 'owner' }))).reason).toBe('OWN_MEMBERSHIP');
    expect((await failure(admin.companies.removeMember({ userId: co.members.owner.id }))).reason).toBe('ROLE_OUTRANKS_YOU');
    await admin.companies.setRole({ userId: co.members.staff.id, role: 'manager' });
  });

  it('the owner cannot leave; after transferring ownership they can', async () => {
    const co = await createCompany(app, 'Own');
    expect((await failure(co.members.owner.caller.companies.leave())).reason).toBe('LAST_OWNER');
    await co.members.owner.caller.companies.transferOwnership({ userId: co.members.manager.id });
    expect((await co.members.manager.caller.auth.me()).role).toBe('owner');
    expect((await co.members.owner.caller.auth.me()).role).toBe('admin');
    await co.members.owner.caller.companies.leave();
    expect((await co.members.owner.caller.auth.me()).companies.map((c) => c.id)).not.toContain(co.id);
  });

  it('only the owner can transfer ownership', async () => {
    const co = await createCompany(app, 'Tr');
    expect((await failure(co.members.admin.caller.companies.transferOwnership({ userId: co.members.staff.id }))).code).toBe('FORBIDDEN');
  });
});

describe('login chooses the company the user last worked in', () => {
  it('returns to the last active company', async () => {
    const co = await createCompany(app, 'Last');
    const user = co.members.staff;
    const other = await user.caller.companies.create({ name: 'Side business', country: 'IN' });
    expect((await user.caller.auth.me()).activeCompany?.id).toBe(other.id);
    await app.caller({ ip: '198.51.100.90' }).auth.login({ email: user.email, password: PASSWORD });
    const me = await app.caller({ sessionToken: app.lastCookie() }).auth.me();
    expect(me.activeCompany?.id).toBe(other.id);
  });
});

describe('a suspended company', () => {
  it('refuses its members and its API keys until reactivated', async () => {
    const co = await createCompany(app, 'Susp');
    const { key } = await co.members.admin.caller.apiKeys.create({ name: 'k', scopes: ['company:read'] });
    await app.db.updateTable('companies').set({ status: 'suspended' }).where('id', '=', co.id).execute();
    expect((await failure(co.members.owner.caller.companies.current())).code).toBe('FORBIDDEN');
    expect((await failure(app.caller({ apiKey: key }).companies.current())).code).toBe('FORBIDDEN');
    await app.db.updateTable('companies').set({ status: 'active' }).where('id', '=', co.id).execute();
    expect((await app.caller({ apiKey: key }).companies.current()).id).toBe(co.id);
  });
});

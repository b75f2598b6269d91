import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, createUser, PASSWORD, securityEventCount, type TestUser } from '../harness/factories.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

/** The code an authenticator app shows for this secret at the app's (movable) time. */
function codeFor(secret: string, at = app.clock.now()): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(at.getTime() / 30_000)), 6);
}

/** Moves to the next 30-second step, as a person waiting for the app's next code does. */
function nextStep(): void {
  app.clock.advance(30_000);
}

async function enrol(user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { secret } = await user.caller.twoFactor.beginEnrolment();
  const { recoveryCodes } = await user.caller.twoFactor.confirmEnrolment({ code: codeFor(secret) });
  nextStep();
  return { secret, recoveryCodes };
}

/** Signs in with the password only: the session the cookie holds owes its second factor. */
async function passwordSignIn(user: TestUser) {
  const result = await app.caller().auth.login({ email: user.email, password: PASSWORD });
  const token = app.lastCookie();
  if (!token) throw new Error('no session cookie');
  return { result, token, caller: app.caller({ sessionToken: token }) };
}

describe('enrolment', () => {
  it('shows the secret once, turns on only after a right code, and hands out 10 recovery codes', async () => {
    const user = await createUser(app, { label: 'enrol' });
    const { secret, uri } = await user.caller.twoFactor.beginEnrolment();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Tradeloom:.+\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect((await user.caller.twoFactor.status()).enabled).toBe(false);

    const wrong = await failure(user.caller.twoFactor.confirmEnrolment({ code: codeFor(secret) === '000000' ? '111111' : '000000' }));
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(wrong.reason).toBe('TWO_FACTOR_CODE_INVALID');
    expect(fieldErrors(wrong).code?.[0]).toContain('not right');
    expect((await user.caller.twoFactor.status()).enabled).toBe(false);

    const { recoveryCodes } = await user.caller.twoFactor.confirmEnrolment({ code: codeFor(secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await user.caller.twoFactor.status()).toEqual({ enabled: true, recoveryCodesLeft: 10, requiredBy: null });

    // Never readable again: no second enrolment, and only hashes of the recovery codes are stored.
    expect((await failure(user.caller.twoFactor.beginEnrolment())).code).toBe('CONFLICT');
    const stored = await app.db.selectFrom('two_factor_recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((row) => row.code_hash)).not.toContain(recoveryCodes[0]?.replace('-', ''));
    expect(await securityEventCount(app, user.id, 'two_factor.enabled')).toBe(1);
  });

  it('refuses a malformed code naming the field, changing nothing', async () => {
    const user = await createUser(app, { label: 'malformed' });
    await user.caller.twoFactor.beginEnrolment();
    const error = await failure(user.caller.twoFactor.confirmEnrolment({ code: '12ab56' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(fieldErrors(error).code?.[0]).toContain('6-digit');
    expect((await user.caller.twoFactor.status()).enabled).toBe(false);
  });
});

describe('sign-in with two-factor', () => {
  it('opens a pending session that can do nothing but take the code, then a full one', async () => {
    const company = await createCompany(app, '2fa-signin');
    const user = company.members.staff;
    const { secret } = await enrol(user);

    const { result, caller } = await passwordSignIn(user);
    expect(result.twoFactorRequired).toBe(true);
    // Thunks: promises made up front would reject before anything awaits them (unhandled).
    for (const call of [() => caller.auth.me(), () => caller.companies.current(), () => caller.twoFactor.status()]) {
      const refused = await failure(call());
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.reason).toBe('TWO_FACTOR_PENDING');
    }
    await caller.twoFactor.verify({ code: codeFor(secret) });
    expect((await caller.companies.current()).id).toBe(company.id);
    expect(await securityEventCount(app, user.id, 'two_factor.succeeded')).toBe(1);
  });

  it('refuses a wrong code, records it, and backs off after five', async () => {
    const user = await createUser(app, { label: 'throttle' });
    const { secret } = await enrol(user);
    const { caller } = await passwordSignIn(user);
    const wrong = codeFor(secret) === '123456' ? '654321' : '123456';
    for (let attempt = 0; attempt < 5; attempt++) {
      const error = await failure(caller.twoFactor.verify({ code: wrong }));
      expect(error.reason).toBe('TWO_FACTOR_CODE_INVALID');
    }
    expect(await securityEventCount(app, user.id, 'two_factor.failed')).toBe(5);
    // Even the right code waits out the back-off: guessing cannot continue at full speed.
    const throttled = await failure(caller.twoFactor.verify({ code: codeFor(secret) }));
    expect(throttled.code).toBe('TOO_MANY_REQUESTS');
    expect(await securityEventCount(app, user.id, 'two_factor.throttled')).toBe(1);
    await expect(caller.auth.me()).rejects.toThrow();
  });

  it('refuses a code replayed within its window', async () => {
    const user = await createUser(app, { label: 'replay' });
    const { secret } = await enrol(user);
    const code = codeFor(secret);
    await (await passwordSignIn(user)).caller.twoFactor.verify({ code });
    const second = await passwordSignIn(user);
    const replay = await failure(second.caller.twoFactor.verify({ code }));
    expect(replay.reason).toBe('TWO_FACTOR_CODE_INVALID');
    nextStep();
    await second.caller.twoFactor.verify({ code: codeFor(secret) });
    expect((await second.caller.auth.me()).user.id).toBe(user.id);
  });

  it('takes each recovery code once', async () => {
    const user = await createUser(app, { label: 'recovery' });
    const { recoveryCodes } = await enrol(user);
    const [code] = recoveryCodes as [string];
    const first = await passwordSignIn(user);
    await first.caller.twoFactor.verify({ code: code.toUpperCase() });
    expect((await first.caller.twoFactor.status()).recoveryCodesLeft).toBe(9);
    expect(await securityEventCount(app, user.id, 'two_factor.recovery_code_used')).toBe(1);

    const again = await passwordSignIn(user);
    const reused = await failure(again.caller.twoFactor.verify({ code }));
    expect(reused.reason).toBe('TWO_FACTOR_CODE_INVALID');
    await again.caller.twoFactor.verify({ code: recoveryCodes[1] as string });
  });

  it('ends a pending session that never got its code after ten minutes', async () => {
    const user = await createUser(app, { label: 'pending-expiry' });
    const { secret } = await enrol(user);
    const { caller } = await passwordSignIn(user);
    app.clock.advance(10 * 60_000);
    const error = await failure(caller.twoFactor.verify({ code: codeFor(secret) }));
    expect(error.reason).toBe('SESSION_REQUIRED');
  });

  it('signs in over HTTP: the cookie session is pending until the code is posted', async () => {
    const user = await createUser(app, { label: 'http' });
    const { secret } = await enrol(user);
    const http = await app.startHttp();
    try {
      const origin = app.deps.config.publicUrl;
      const post = (path: string, body: unknown, cookie?: string) =>
        fetch(`${http.url}/trpc/${path}`, {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) },
        });
      const login = await post('auth.login', { email: user.email, password: PASSWORD });
      expect((await login.json()).result.data.twoFactorRequired).toBe(true);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const pending = await fetch(`${http.url}/trpc/auth.me`, { headers: { cookie } });
      expect(pending.status).toBe(403);
      expect((await pending.json()).error.data.reason).toBe('TWO_FACTOR_PENDING');
      expect((await post('twoFactor.verify', { code: codeFor(secret) }, cookie)).status).toBe(200);
      expect((await fetch(`${http.url}/trpc/auth.me`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await http.close();
    }
  });
});

describe('turning it off and new recovery codes', () => {
  it('needs the password and a code; afterwards the password alone signs in', async () => {
    const user = await createUser(app, { label: 'disable' });
    const { secret } = await enrol(user);
    const badPassword = await failure(user.caller.twoFactor.disable({ password: 'not the password', code: codeFor(secret) }));
    expect(fieldErrors(badPassword).password).toBeDefined();
    expect((await user.caller.twoFactor.status()).enabled).toBe(true);

    await user.caller.twoFactor.disable({ password: PASSWORD, code: codeFor(secret) });
    expect((await user.caller.twoFactor.status()).enabled).toBe(false);
    expect((await passwordSignIn(user)).result.twoFactorRequired).toBe(false);
    const audit = await app.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute();
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['user.two_factor_enabled', 'user.two_factor_disabled']));
  });

  it('replaces every recovery code, used or not', async () => {
    const user = await createUser(app, { label: 'regenerate' });
    const { secret, recoveryCodes: old } = await enrol(user);
    const { recoveryCodes } = await user.caller.twoFactor.regenerateRecoveryCodes({ code: codeFor(secret) });
    expect(recoveryCodes).toHaveLength(10);
    const { caller } = await passwordSignIn(user);
    expect((await failure(caller.twoFactor.verify({ code: old[0] as string }))).reason).toBe('TWO_FACTOR_CODE_INVALID');
    await caller.twoFactor.verify({ code: recoveryCodes[0] as string });
  });
});

describe('company policy', () => {
  it('sends members without two-factor to enrolment; API keys go on working', async () => {
    const company = await createCompany(app, '2fa-policy');
    const { owner, admin, staff, viewer } = company.members;
    const { key } = await admin.caller.apiKeys.create({ name: 'policy', scopes: ['company:read'] });

    const selfLock = await failure(admin.caller.twoFactor.setCompanyPolicy({ required: true }));
    expect(selfLock.code).toBe('CONFLICT');
    expect(selfLock.reason).toBe('TWO_FACTOR_REQUIRED');
    expect((await failure(viewer.caller.twoFactor.setCompanyPolicy({ required: false }))).code).toBe('FORBIDDEN');

    await enrol(owner);
    expect(await owner.caller.twoFactor.setCompanyPolicy({ required: true })).toEqual({ required: true });
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('company_id', '=', company.id)
      .where('action', '=', 'company.two_factor_policy_changed')
      .execute();
    expect(audit).toEqual([{ before: { required: false }, after: { required: true } }]);

    const refused = await failure(staff.caller.companies.current());
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.reason).toBe('TWO_FACTOR_REQUIRED');
    expect((await staff.caller.auth.me()).twoFactorDue).toBe(true);
    expect((await staff.caller.twoFactor.status()).requiredBy).toBe('company');
    expect((await app.caller({ apiKey: key }).companies.current()).id).toBe(company.id);

    await enrol(staff);
    expect((await staff.caller.companies.current()).id).toBe(company.id);
    expect((await staff.caller.auth.me()).twoFactorDue).toBe(false);
    expect((await owner.caller.twoFactor.companyPolicy()).required).toBe(true);
  });
});

describe('platform operators', () => {
  async function operator(target: TestApp): Promise<TestUser> {
    const user = await createUser(target, { label: 'operator' });
    await target.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', user.id).execute();
    return user;
  }

  it('may skip two-factor outside production (the demo stays one click)', async () => {
    const ops = await operator(app);
    await expect(ops.caller.operations.jobs()).resolves.toBeDefined();
  });

  it('are refused operator work in production until two-factor is on', async () => {
    const production = await setupTestApp({ env: 'production', smtpUrl: 'smtp://127.0.0.1:25' });
    try {
      const ops = await operator(production);
      const refused = await failure(ops.caller.operations.jobs());
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.reason).toBe('TWO_FACTOR_REQUIRED');
      expect((await ops.caller.twoFactor.status()).requiredBy).toBe('operator');
      const { secret } = await ops.caller.twoFactor.beginEnrolment();
      const now = production.clock.now();
      await ops.caller.twoFactor.confirmEnrolment({ code: codeFor(secret, now) });
      await expect(ops.caller.operations.jobs()).resolves.toBeDefined();
    } finally {
      await production.close();
    }
  });
});

import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { loadConfig, StartupError } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { createCompany, PASSWORD, type TestUser } from '../harness/factories.ts';

// The TOTP key is encrypted at rest (AES-256-GCM under TWO_FACTOR_KEY); team lists show who has 2FA on.
let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

function codeFor(secret: string): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(app.clock.now().getTime() / 30_000)), 6);
}

async function enrol(user: TestUser): Promise<string> {
  const { secret } = await user.caller.twoFactor.beginEnrolment();
  await user.caller.twoFactor.confirmEnrolment({ code: codeFor(secret) });
  app.clock.advance(30_000);
  return secret;
}

async function storedKey(userId: string): Promise<Uint8Array> {
  const row = await app.db.selectFrom('user_two_factor').select('totp_key').where('user_id', '=', userId).executeTakeFirstOrThrow();
  return row.totp_key;
}

/** Password, then the code: true when the session ends up fully signed in. */
async function signInWithCode(user: TestUser, secret: string): Promise<boolean> {
  const login = await app.caller().auth.login({ email: user.email, password: PASSWORD });
  expect(login.twoFactorRequired).toBe(true);
  const caller = app.caller({ sessionToken: app.lastCookie() ?? '' });
  await caller.twoFactor.verify({ code: codeFor(secret) });
  app.clock.advance(30_000);
  return (await caller.auth.me()).user.email === user.email;
}

describe('the TOTP key at rest', () => {
  it('is stored encrypted, not as the key the app was given, and sign-in still works', async () => {
    const company = await createCompany(app, 'at-rest');
    const user = company.members.staff;
    const secret = await enrol(user);
    const stored = await storedKey(user.id);
    const raw = decodeBase32IgnorePadding(secret);
    expect(Buffer.from(stored).includes(Buffer.from(raw))).toBe(false);
    expect(Buffer.from(stored).toString('latin1')).not.toContain(secret);
    expect(encodeBase32UpperCaseNoPadding(stored)).not.toBe(secret);
    expect(stored.length).toBeGreaterThan(raw.length);
    expect(await signInWithCode(user, secret)).toBe(true);
  });

  it('reads a key stored before encryption and encrypts it on its next use', async () => {
    const company = await createCompany(app, 'legacy');
    const user = company.members.staff;
    const secret = await enrol(user);
    const raw = decodeBase32IgnorePadding(secret);
    await app.db.updateTable('user_two_factor').set({ totp_key: raw }).where('user_id', '=', user.id).execute();

    expect(await signInWithCode(user, secret)).toBe(true);
    const resealed = await storedKey(user.id);
    expect(Buffer.from(resealed).equals(Buffer.from(raw))).toBe(false);
    expect(await signInWithCode(user, secret)).toBe(true);
  });
});

describe('TWO_FACTOR_KEY', () => {
  const mail = { SMTP_URL: 'smtp://mail.example.test:587' };

  it('is required in production, in one sentence naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...mail })).toThrow(StartupError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...mail })).toThrow(/In production Tradeloom needs TWO_FACTOR_KEY/);
  });

  it('takes 32 bytes as base64 or hex and refuses anything else', () => {
    const bytes = Buffer.alloc(32, 7);
    expect(loadConfig({ NODE_ENV: 'production', ...mail, TWO_FACTOR_KEY: bytes.toString('base64') }).twoFactorKey).toEqual(bytes);
    expect(loadConfig({ NODE_ENV: 'production', ...mail, TWO_FACTOR_KEY: bytes.toString('hex') }).twoFactorKey).toEqual(bytes);
    expect(() => loadConfig({ NODE_ENV: 'production', ...mail, TWO_FACTOR_KEY: 'too-short' })).toThrow(/must be 32 bytes/);
    expect(() => loadConfig({ NODE_ENV: 'development', TWO_FACTOR_KEY: 'too-short' })).toThrow(/must be 32 bytes/);
  });

  it('is derived outside production, the same on every start', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).twoFactorKey).toHaveLength(32);
    expect(loadConfig({ NODE_ENV: 'development' }).twoFactorKey).toEqual(loadConfig({ NODE_ENV: 'test' }).twoFactorKey);
  });
});

describe('team members', () => {
  it('show which members have two-factor sign-in on', async () => {
    const company = await createCompany(app, '2fa-team');
    await enrol(company.members.manager);
    const members = await company.members.viewer.caller.companies.members();
    const byId = new Map(members.map((member) => [member.userId, member.twoFactorEnabled]));
    expect(byId.get(company.members.manager.id)).toBe(true);
    expect(byId.get(company.members.owner.id)).toBe(false);
    expect(byId.get(company.members.viewer.id)).toBe(false);
  });

  it('stop showing it once the member turns it off', async () => {
    const company = await createCompany(app, '2fa-off');
    const secret = await enrol(company.members.staff);
    await company.members.staff.caller.twoFactor.disable({ password: PASSWORD, code: codeFor(secret) });
    const members = await company.members.owner.caller.companies.members();
    expect(members.find((member) => member.userId === company.members.staff.id)?.twoFactorEnabled).toBe(false);
  });
});

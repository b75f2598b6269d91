import { passwordWork } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { countRows, createUser, PASSWORD, securityEventCount } from '../harness/factories.ts';
import { tokenFrom } from '../harness/smtp-sink.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('registration', () => {
  it('creates an unverified account without signing in, emails a verification link over SMTP, and the password signs in', async () => {
    const email = 'Nisha.Rao@Example.test';
    // Other tests' sign-ins leave a cookie behind: registering must not replace it.
    const cookieBefore = app.lastCookie();
    const answer = await app.caller().auth.register({ email, password: PASSWORD, name: 'Nisha Rao' });
    expect(answer.ok).toBe(true);
    expect(app.lastCookie()).toBe(cookieBefore);
    const [mail] = await app.mailFor('nisha.rao@example.test');
    expect(mail?.subject).toBe('Confirm your email for Tradeloom');
    expect(mail?.text).toContain('http://tradeloom.test/verify-email?token=');
    const { userId } = await app.caller({ ip: '198.51.100.60' }).auth.login({ email, password: PASSWORD });
    const me = await app.caller({ sessionToken: app.lastCookie() }).auth.me();
    expect(me.user).toMatchObject({ id: userId, email: 'nisha.rao@example.test', name: 'Nisha Rao', emailVerifiedAt: null });
  });

  it('stores an argon2id hash with OWASP parameters and a unique salt', async () => {
    const a = await createUser(app);
    const b = await createUser(app);
    const rows = await app.db.selectFrom('users').select(['password_hash']).where('id', 'in', [a.id, b.id]).execute();
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const salts = rows.map((r) => r.password_hash.split('$')[4]);
    expect(new Set(salts).size).toBe(2);
  });

  it.each([
    ['seven characters', 'abcdefg', 'at least 8'],
    ['a top common password', 'password123', 'too common'],
    ['129 characters', 'x'.repeat(129), 'at most 128'],
  ])('refuses %s and names the password field', async (_label, password, message) => {
    const before = await countRows(app, 'users');
    const error = await failure(app.caller().auth.register({ email: `p-${Math.random()}@example.test`, password, name: 'P' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(error.cause)).toContain('password');
    expect(error.message).toContain(message);
    expect(await countRows(app, 'users')).toBe(before);
  });

  it('accepts long, unicode and space-filled passwords without composition rules', async () => {
    for (const password of ['eight ch', 'ß'.repeat(64), '  spaces  and  ünïcødé 🧵🧵 ', 'a'.repeat(128)]) {
      await app.caller().auth.register({ email: `ok-${Math.random()}@example.test`, password, name: 'Ok' });
    }
  });

  it('answers a taken address exactly as a new one, keeps the account as it was, and tells its owner', async () => {
    const owner = await createUser(app);
    const usersBefore = await countRows(app, 'users');
    const taken = await app
      .caller({ ip: '198.51.100.61' })
      .auth.register({ email: owner.email.toUpperCase(), password: 'stranger passphrase', name: 'Dup' });
    const fresh = await app
      .caller({ ip: '198.51.100.61' })
      .auth.register({ email: `fresh-${Math.random()}@example.test`, password: 'stranger passphrase', name: 'New' });
    expect(taken).toEqual(fresh);
    expect(app.lastCookie()).toBe(owner.token); // neither call set a cookie
    expect(await countRows(app, 'users')).toBe(usersBefore + 1);
    const [mail] = await app.mailFor(owner.email);
    expect(mail?.subject).toBe('Someone tried to sign up to Tradeloom with your email');
    expect(mail?.text).toContain('http://tradeloom.test/forgot-password');
    // The stranger's password opens nothing; the owner's still works.
    const stranger = await failure(app.caller({ ip: '198.51.100.62' }).auth.login({ email: owner.email, password: 'stranger passphrase' }));
    expect(stranger.reason).toBe('INVALID_CREDENTIALS');
    await owner.caller.auth.me();
  });

  it('hashes the password for a taken address too, so both answers cost one argon2 hash', async () => {
    const owner = await createUser(app);
    const hashesFor = async (email: string) => {
      const before = passwordWork.hashes;
      await app.caller({ ip: '198.51.100.63' }).auth.register({ email, password: 'timing passphrase', name: 'T' });
      return passwordWork.hashes - before;
    };
    // The work is counted, not timed: an argon2id hash dominates both answers' cost.
    expect(await hashesFor(owner.email)).toBe(1);
    expect(await hashesFor(`fresh-${Math.random()}@example.test`)).toBe(1);
  });

  it('limits sign-ups per IP, and mail about one address per hour without changing the answer', async () => {
    const owner = await createUser(app);
    const answers = [];
    for (let i = 0; i < 8; i++)
      answers.push(
        await app.caller({ ip: `198.51.100.${70 + i}` }).auth.register({ email: owner.email, password: PASSWORD, name: 'Again' }),
      );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    // Five mails an hour about one address: the sign-up's own verification mail was the first.
    expect(await app.mailFor(owner.email)).toHaveLength(4);

    const ip = '198.51.100.90';
    let accepted = 0;
    for (let i = 0; i < 35; i++) {
      const result = await app
        .caller({ ip })
        .auth.register({ email: `burst-${i}-${Math.random()}@example.test`, password: PASSWORD, name: 'B' })
        .then(
          () => 'ok',
          (error: { code: string }) => error.code,
        );
      if (result !== 'ok') {
        expect(result).toBe('TOO_MANY_REQUESTS');
        break;
      }
      accepted++;
    }
    expect(accepted).toBe(30);
  });
});

describe('login', () => {
  it('signs in with a fresh session token and never reuses a planted one', async () => {
    const user = await createUser(app);
    const result = await app.caller({ sessionToken: 'planted.token' }).auth.login({ email: user.email, password: PASSWORD });
    const token = app.lastCookie();
    expect(result.userId).toBe(user.id);
    expect(token).not.toBe(user.token);
    expect(token).not.toBe('planted.token');
    const me = await app.caller({ sessionToken: token }).auth.me();
    expect(me.user.id).toBe(user.id);
  });

  it('requires the exact password: no trimming or case folding', async () => {
    const user = await createUser(app);
    for (const variant of [PASSWORD.toUpperCase(), ` ${PASSWORD}`, `${PASSWORD} `, PASSWORD.slice(0, -1)]) {
      const error = await failure(app.caller({ ip: '198.51.100.4' }).auth.login({ email: user.email, password: variant }));
      expect(error.reason).toBe('INVALID_CREDENTIALS');
    }
  });

  it('says the same thing for an unknown email and a wrong password', async () => {
    const user = await createUser(app);
    const unknown = await failure(app.caller({ ip: '198.51.100.5' }).auth.login({ email: 'nobody@example.test', password: 'whatever1' }));
    const wrong = await failure(app.caller({ ip: '198.51.100.5' }).auth.login({ email: user.email, password: 'whatever1' }));
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
    expect(unknown.message).toBe('Email or password is incorrect.');
  });

  it('backs off an account after 5 failures without running a single further hash', async () => {
    const user = await createUser(app);
    const outcomes: string[] = [];
    for (let i = 0; i < 100; i++) {
      const error = await failure(app.caller({ ip: `192.0.2.${i % 200}` }).auth.login({ email: user.email, password: `wrong-${i}-pw` }));
      outcomes.push(error.code);
    }
    // Each failure is a verification; once throttled none runs. Counted from the security log.
    const throttled = outcomes.filter((code) => code === 'TOO_MANY_REQUESTS').length;
    expect(await securityEventCount(app, user.id, 'login.failed')).toBe(5);
    expect(throttled).toBe(95);
    expect(outcomes.indexOf('TOO_MANY_REQUESTS')).toBe(5);
    // Even the right password waits out the back-off …
    expect((await failure(app.caller().auth.login({ email: user.email, password: PASSWORD }))).code).toBe('TOO_MANY_REQUESTS');
    // … which is bounded: 15 s after the fifth failure the owner gets in.
    app.clock.advance(16_000);
    await app.caller({ ip: '192.0.2.250' }).auth.login({ email: user.email, password: PASSWORD });
  });

  it('limits one IP spraying many accounts and ignores X-Forwarded-For rotation by design', async () => {
    const ip = '203.0.113.99';
    let attempted = 0;
    for (let i = 0; i < 60; i++) {
      const error = await failure(app.caller({ ip }).auth.login({ email: `spray-${i}@example.test`, password: 'Summer2026!' }));
      if (error.code === 'TOO_MANY_REQUESTS') break;
      attempted++;
    }
    expect(attempted).toBe(30);
    app.clock.advance(15 * 60_000 + 1);
    const after = await failure(app.caller({ ip }).auth.login({ email: 'spray-x@example.test', password: 'Summer2026!' }));
    expect(after.code).toBe('UNAUTHORIZED');
  });

  it('ends a disabled account’s sessions and tells only whoever knows the password that it is disabled', async () => {
    const user = await createUser(app);
    await app.db.updateTable('users').set({ disabled_at: app.clock.now() }).where('id', '=', user.id).execute();
    expect((await failure(user.caller.auth.me())).code).toBe('UNAUTHORIZED');
    const wrong = await failure(app.caller({ ip: '198.51.100.77' }).auth.login({ email: user.email, password: 'not the password' }));
    expect(wrong.reason).toBe('INVALID_CREDENTIALS');
    const error = await failure(app.caller({ ip: '198.51.100.77' }).auth.login({ email: user.email, password: PASSWORD }));
    expect(error).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_DISABLED' });
  });

  it('records security events for success and failure, without the password', async () => {
    const user = await createUser(app);
    await app.caller({ ip: '198.51.100.8' }).auth.login({ email: user.email, password: PASSWORD });
    await failure(app.caller({ ip: '198.51.100.8' }).auth.login({ email: user.email, password: 'not the password' }));
    const events = await app.db.selectFrom('security_events').selectAll().where('user_id', '=', user.id).orderBy('id').execute();
    // The factory signed in once after registering.
    expect(events.map((e) => e.type)).toEqual(['user.registered', 'login.succeeded', 'login.succeeded', 'login.failed']);
    expect(events.every((e) => e.ip)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });
});

describe('sessions', () => {
  it('logs out: the old token stops working everywhere', async () => {
    const user = await createUser(app);
    await user.caller.auth.logout();
    expect(app.lastCookie()).toBeNull();
    expect((await failure(user.caller.auth.me())).code).toBe('UNAUTHORIZED');
    expect((await failure(user.caller.companies.list())).code).toBe('UNAUTHORIZED');
  });

  it('lists my sessions and revokes one; logout everywhere ends all', async () => {
    const user = await createUser(app);
    await app.caller().auth.login({ email: user.email, password: PASSWORD });
    const second = app.caller({ sessionToken: app.lastCookie() });
    const sessions = await user.caller.auth.sessions();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current);
    await user.caller.auth.revokeSession({ sessionId: other?.id ?? '' });
    expect((await failure(second.auth.me())).code).toBe('UNAUTHORIZED');
    await app.caller().auth.login({ email: user.email, password: PASSWORD });
    const third = app.caller({ sessionToken: app.lastCookie() });
    expect((await user.caller.auth.logoutEverywhere()).ended).toBe(2);
    expect((await failure(third.auth.me())).code).toBe('UNAUTHORIZED');
  });

  it("cannot revoke another user's session", async () => {
    const alice = await createUser(app);
    const bob = await createUser(app);
    const [bobSession] = await bob.caller.auth.sessions();
    expect((await failure(alice.caller.auth.revokeSession({ sessionId: bobSession?.id ?? '' }))).code).toBe('NOT_FOUND');
    await bob.caller.auth.me();
  });

  it('expires after the idle limit, refreshing the last-seen time at most hourly', async () => {
    const user = await createUser(app);
    const seen = async () =>
      (await app.db.selectFrom('sessions').select('last_verified_at').where('user_id', '=', user.id).executeTakeFirstOrThrow())
        .last_verified_at;
    const start = await seen();
    app.clock.advance(30 * 60_000);
    await user.caller.auth.me();
    expect(await seen()).toEqual(start);
    app.clock.advance(31 * 60_000);
    await user.caller.auth.me();
    expect((await seen()).getTime()).toBeGreaterThanOrEqual(start.getTime() + 61 * 60_000);
    app.clock.advance(app.deps.config.session.inactivityMs - 1000);
    await user.caller.auth.me();
    app.clock.advance(app.deps.config.session.inactivityMs + 1);
    expect((await failure(user.caller.auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('ends a session at the absolute lifetime even when used every day', async () => {
    const user = await createUser(app);
    const days = app.deps.config.session.absoluteMs / 86_400_000;
    for (let day = 1; day < days; day++) {
      app.clock.advance(86_400_000);
      await user.caller.auth.me();
    }
    app.clock.advance(86_400_000);
    expect((await failure(user.caller.auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('stores only a SHA-256 of the session secret', async () => {
    const user = await createUser(app);
    const [id, secret] = user.token.split('.');
    const row = await app.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toHaveLength(32);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('refuses a token whose secret is wrong, even with a real session id', async () => {
    const user = await createUser(app);
    const [id] = user.token.split('.');
    expect((await failure(app.caller({ sessionToken: `${id}.${'a'.repeat(32)}` }).auth.me())).code).toBe('UNAUTHORIZED');
  });
});

describe('email verification', () => {
  it('verifies with the emailed token once; the token is single-use', async () => {
    const email = `verify-${Date.now()}@example.test`;
    await app.caller().auth.register({ email, password: PASSWORD, name: 'V' });
    const token = tokenFrom((await app.mailFor(email))[0]);
    await app.caller().auth.verifyEmail({ token });
    await app.caller().auth.login({ email, password: PASSWORD });
    const me = await app.caller({ sessionToken: app.lastCookie() }).auth.me();
    expect(me.user.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await failure(app.caller().auth.verifyEmail({ token }))).reason).toBe('TOKEN_INVALID');
  });

  it('resend invalidates the earlier link', async () => {
    const user = await createUser(app, { verified: false });
    const first = tokenFrom((await app.mailFor(user.email))[0]);
    await user.caller.auth.resendVerification();
    const second = tokenFrom((await app.mailFor(user.email))[0]);
    expect((await failure(app.caller().auth.verifyEmail({ token: first }))).reason).toBe('TOKEN_INVALID');
    await app.caller().auth.verifyEmail({ token: second });
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown emails and mails only the real account', async () => {
    const user = await createUser(app);
    const known = await app.caller({ ip: '198.51.100.20' }).auth.requestPasswordReset({ email: user.email });
    const unknown = await app.caller({ ip: '198.51.100.21' }).auth.requestPasswordReset({ email: 'ghost@example.test' });
    expect(known).toEqual(unknown);
    expect(await app.mailFor(user.email)).toHaveLength(1);
    expect(await app.mailFor('ghost@example.test')).toHaveLength(0);
  });

  it('resets once with a ≥128-bit token, ends every session, and the old password stops working', async () => {
    const user = await createUser(app);
    await app.caller({ ip: '198.51.100.30' }).auth.requestPasswordReset({ email: user.email });
    const token = tokenFrom((await app.mailFor(user.email))[0]);
    expect(token.split('.')[1]?.length).toBeGreaterThanOrEqual(26); // 32 chars × 5 bits = 160 bits
    await app.caller().auth.resetPassword({ token, password: 'a brand new passphrase' });
    expect((await failure(user.caller.auth.me())).code).toBe('UNAUTHORIZED');
    expect((await failure(app.caller().auth.resetPassword({ token, password: 'another new passphrase' }))).reason).toBe('TOKEN_INVALID');
    expect((await failure(app.caller({ ip: '198.51.100.31' }).auth.login({ email: user.email, password: PASSWORD }))).code).toBe(
      'UNAUTHORIZED',
    );
    await app.caller({ ip: '198.51.100.31' }).auth.login({ email: user.email, password: 'a brand new passphrase' });
  });

  it('refuses an expired reset link', async () => {
    const user = await createUser(app);
    await app.caller({ ip: '198.51.100.40' }).auth.requestPasswordReset({ email: user.email });
    const token = tokenFrom((await app.mailFor(user.email))[0]);
    app.clock.advance(60 * 60_000 + 1);
    expect((await failure(app.caller().auth.resetPassword({ token, password: 'a brand new passphrase' }))).reason).toBe('TOKEN_INVALID');
  });

  it('needs the current password to change it, and ends the other sessions', async () => {
    const user = await createUser(app);
    await app.caller().auth.login({ email: user.email, password: PASSWORD });
    const other = app.caller({ sessionToken: app.lastCookie() });
    const wrong = await failure(user.caller.auth.changePassword({ currentPassword: 'not it at all', newPassword: 'fresh passphrase 1' }));
    expect(wrong.reason).toBe('INVALID_CREDENTIALS');
    await user.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'fresh passphrase 1' });
    await user.caller.auth.me();
    expect((await failure(other.auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('backs off after 5 wrong current passwords without hashing further; a reset link clears the lock', async () => {
    const user = await createUser(app);
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      codes.push(
        (await failure(user.caller.auth.changePassword({ currentPassword: `guess ${i} pw`, newPassword: 'fresh passphrase 2' }))).code,
      );
    }
    expect(codes).toEqual([...Array(5).fill('BAD_REQUEST'), ...Array(3).fill('TOO_MANY_REQUESTS')]);
    expect(await securityEventCount(app, user.id, 'password.change_failed')).toBe(5);
    // Even the right password waits …
    const right = await failure(user.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'fresh passphrase 2' }));
    expect(right.code).toBe('TOO_MANY_REQUESTS');
    // … unless the owner proves themselves with the emailed link.
    await app.caller({ ip: '198.51.100.41' }).auth.requestPasswordReset({ email: user.email });
    await app.caller().auth.resetPassword({ token: tokenFrom((await app.mailFor(user.email))[0]), password: 'reset passphrase 3' });
    await app.caller().auth.login({ email: user.email, password: 'reset passphrase 3' });
    const fresh = app.caller({ sessionToken: app.lastCookie() });
    await fresh.auth.changePassword({ currentPassword: 'reset passphrase 3', newPassword: 'fresh passphrase 2' });
  });

  it('a reset link unlocks a login a stranger locked', async () => {
    const user = await createUser(app);
    for (let i = 0; i < 6; i++)
      await failure(app.caller({ ip: '192.0.2.77' }).auth.login({ email: user.email, password: `stranger ${i}` }));
    expect((await failure(app.caller({ ip: '198.51.100.42' }).auth.login({ email: user.email, password: PASSWORD }))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    await app.caller({ ip: '198.51.100.42' }).auth.requestPasswordReset({ email: user.email });
    await app.caller().auth.resetPassword({ token: tokenFrom((await app.mailFor(user.email))[0]), password: 'reset passphrase 4' });
    await app.caller({ ip: '198.51.100.42' }).auth.login({ email: user.email, password: 'reset passphrase 4' });
  });

  it("a stranger's reset requests cannot spend the owner's allowance: the links already mailed stay valid", async () => {
    const user = await createUser(app);
    for (let i = 0; i < 10; i++) await app.caller({ ip: `192.0.2.${100 + i}` }).auth.requestPasswordReset({ email: user.email });
    const mails = await app.mailFor(user.email);
    expect(mails).toHaveLength(5); // limited per address
    // The first link in the owner's mailbox still works, though four more were asked for after it.
    await app.caller().auth.resetPassword({ token: tokenFrom(mails[0]), password: 'reset passphrase 5' });
    // Once the password changed, every other mailed link is dead.
    const later = await failure(app.caller().auth.resetPassword({ token: tokenFrom(mails[4]), password: 'reset passphrase 6' }));
    expect(later.reason).toBe('TOKEN_INVALID');
  });

  it('reset links die when the password is changed in the app', async () => {
    const user = await createUser(app);
    await app.caller({ ip: '198.51.100.43' }).auth.requestPasswordReset({ email: user.email });
    const token = tokenFrom((await app.mailFor(user.email))[0]);
    await user.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'changed passphrase 7' });
    expect((await failure(app.caller().auth.resetPassword({ token, password: 'reset passphrase 8' }))).reason).toBe('TOKEN_INVALID');
  });
});

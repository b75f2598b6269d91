import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tokenFrom } from '../harness/smtp-sink.ts';
import { captureLogs } from './log-capture.ts';

// L3 and A14: logs carry every request with its id, and never a password, token or key.
let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('structured logs', () => {
  it('log each request with its id and leak no secret', async () => {
    const { logger, lines } = captureLogs();
    const http = await app.startHttp({ logger });
    const origin = { 'content-type': 'application/json', origin: 'http://tradeloom.test' };
    const password = 'log canary passphrase 7';
    try {
      await fetch(`${http.url}/trpc/auth.register`, {
        method: 'POST',
        headers: { ...origin, 'x-request-id': 'log-test-1' },
        body: JSON.stringify({ email: 'logs@example.test', password, name: 'Logs' }),
      });
      const signedIn = await fetch(`${http.url}/trpc/auth.login`, {
        method: 'POST',
        headers: origin,
        body: JSON.stringify({ email: 'logs@example.test', password }),
      });
      const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
      const sessionSecret = cookie.split('.')[1] ?? 'missing';
      await fetch(`${http.url}/trpc/auth.login`, {
        method: 'POST',
        headers: origin,
        body: JSON.stringify({ email: 'logs@example.test', password: 'wrong password here' }),
      });
      const verifyToken = tokenFrom((await app.mailFor('logs@example.test'))[0]);
      await fetch(`${http.url}/trpc/auth.verifyEmail`, {
        method: 'POST',
        headers: origin,
        body: JSON.stringify({ token: verifyToken }),
      });
      await fetch(`${http.url}/trpc/companies.create`, {
        method: 'POST',
        headers: { ...origin, cookie },
        body: JSON.stringify({ name: 'Log Co', country: 'IN' }),
      });
      const keyResponse = await fetch(`${http.url}/trpc/apiKeys.create`, {
        method: 'POST',
        headers: { ...origin, cookie },
        body: JSON.stringify({ name: 'log key', scopes: ['company:read'] }),
      });
      const apiKey: string = (await keyResponse.json()).result.data.key;
      await fetch(`${http.url}/trpc/companies.current`, { headers: { authorization: `Bearer ${apiKey}` } });

      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThanOrEqual(6);
      expect(lines.some((line) => JSON.parse(line).req?.id === 'log-test-1')).toBe(true);
      for (const secret of [password, sessionSecret, verifyToken.split('.')[1] ?? 'x', apiKey.slice(-32), 'wrong password here']) {
        expect(text).not.toContain(secret);
      }
      // Lean lines: no request or response headers at all (cookies, keys, Set-Cookie).
      expect(text).not.toMatch(/"headers"/);
    } finally {
      await http.close();
    }
  });

  it('never log a token carried in a URL: emailed links, tRPC query inputs, token path segments', async () => {
    const { logger, text: loggedText } = captureLogs();
    const http = await app.startHttp({ logger });
    const token = (label: string) => `${label}${randomBytes(16).toString('hex')}`;
    const secrets = {
      reset: token('reset'),
      verify: token('verify'),
      invite: token('invite'),
      preview: token('preview'),
      segment: token('segment'),
      matrix: token('matrix'),
    };
    try {
      const previewInput = encodeURIComponent(JSON.stringify({ token: `${secrets.preview}.x` }));
      for (const path of [
        `/reset-password?token=${secrets.reset}`,
        `/verify-email?lang=en&token=${secrets.verify}`,
        `/accept-invite?token=${encodeURIComponent(`${secrets.invite}.abc`)}`,
        `/trpc/companies.previewInvite?input=${previewInput}`,
        `/auth/token/${secrets.segment}`,
        `/files/token=${secrets.matrix}`,
      ]) {
        await fetch(`${http.url}${path}`, { headers: { 'x-request-id': 'token-log' } });
      }
      const text = loggedText();
      expect(text.match(/"id":"token-log"/g)?.length).toBeGreaterThanOrEqual(6);
      for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
      // The rest of the line stays useful: path, harmless parameters, method, status.
      expect(text).toContain('"url":"/verify-email?lang=en&token=[redacted]"');
      expect(text).toContain('"url":"/trpc/companies.previewInvite?input=[redacted]"');
      expect(text).toContain('"route":"/trpc/companies.previewInvite"');
      expect(text).toMatch(/"method":"GET"/);
      expect(text).toMatch(/"statusCode":\d{3}/);
    } finally {
      await http.close();
    }
  });
});

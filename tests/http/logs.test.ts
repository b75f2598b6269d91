import { Writable } from 'node:stream';
import { createLogger } from '@tradeloom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { tokenFrom } from '../harness/smtp-sink.ts';

// L3 and A14: logs carry every request with its id, and never a password, token or key.
let app: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('structured logs', () => {
  it('log each request with its id and leak no secret', async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const http = await app.startHttp({ logger: createLogger('info', sink) });
    const origin = { 'content-type': 'application/json', origin: 'http://tradeloom.test' };
    const password = 'log canary passphrase 7';
    try {
      await fetch(`${http.url}/trpc/auth.register`, {
        method: 'POST',
        headers: { ...origin, 'x-request-id': 'log-test-1' },
        body: JSON.stringify({ json: { email: 'logs@example.test', password, name: 'Logs' } }),
      });
      const signedIn = await fetch(`${http.url}/trpc/auth.login`, {
        method: 'POST',
        headers: origin,
        body: JSON.stringify({ json: { email: 'logs@example.test', password } }),
      });
      const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
      const sessionSecret = cookie.split('.')[1] ?? 'missing';
      await fetch(`${http.url}/trpc/auth.login`, {
        method: 'POST',
        headers: origin,
        body: JSON.stringify({ json: { email: 'logs@example.test', password: 'wrong password here' } }),
      });
      const verifyToken = tokenFrom((await app.mailFor('logs@example.test'))[0]);
      await fetch(`${http.url}/trpc/auth.verifyEmail`, {
        method: 'POST',
        headers: origin,
        body: JSON.stringify({ json: { token: verifyToken } }),
      });
      await fetch(`${http.url}/trpc/companies.create`, {
        method: 'POST',
        headers: { ...origin, cookie },
        body: JSON.stringify({ json: { name: 'Log Co', country: 'IN' } }),
      });
      const keyResponse = await fetch(`${http.url}/trpc/apiKeys.create`, {
        method: 'POST',
        headers: { ...origin, cookie },
        body: JSON.stringify({ json: { name: 'log key', scopes: ['company:read'] } }),
      });
      const apiKey: string = (await keyResponse.json()).result.data.json.key;
      await fetch(`${http.url}/trpc/companies.current`, { headers: { authorization: `Bearer ${apiKey}` } });

      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThanOrEqual(6);
      expect(lines.some((line) => JSON.parse(line).req?.id === 'log-test-1')).toBe(true);
      for (const secret of [password, sessionSecret, verifyToken.split('.')[1] ?? 'x', apiKey.slice(-32), 'wrong password here']) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('[redacted]');
    } finally {
      await http.close();
    }
  });
});

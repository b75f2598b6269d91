import { createServer, loadConfig, StartupError } from '@tradeloom/server';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../harness/test-db.ts';

// In production mail must really go out: the dev mailbox would keep live reset, verification and
// invitation links in a table and deliver nothing. Running without mail is an explicit, visible choice.
describe('mail transport in production', () => {
  it('refuses to start without SMTP_URL, in one sentence naming the fix', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(StartupError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/needs SMTP_URL .* MAIL_TRANSPORT=disabled/);
  });

  it('starts with SMTP_URL, or with the explicit MAIL_TRANSPORT=disabled opt-out', () => {
    const TWO_FACTOR_KEY = Buffer.alloc(32, 1).toString('base64');
    expect(loadConfig({ NODE_ENV: 'production', TWO_FACTOR_KEY, SMTP_URL: 'smtp://mail.example.test:587' }).smtpUrl).toBe(
      'smtp://mail.example.test:587',
    );
    expect(loadConfig({ NODE_ENV: 'production', TWO_FACTOR_KEY, MAIL_TRANSPORT: 'disabled' }).mailDisabled).toBe(true);
  });

  it('keeps the dev mailbox for development only', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: 'development' }, { env: 'production' })).toThrow(StartupError);
  });

  it('with mail disabled, reports mail: "disabled" on /readyz and stores no message anywhere', async () => {
    const database = await createTestDb();
    const server = await createServer({
      database,
      seedDemo: false,
      config: { env: 'production', mailDisabled: true, smtpUrl: undefined, runJobs: false, logLevel: 'silent' },
    });
    try {
      const port = await server.listen(0);
      const ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
      expect(ready).toMatchObject({ status: 'ready', mail: 'disabled' });
      await server.deps.mailer.send({ to: 'someone@example.test', subject: 'Reset', text: 'https://x.test/reset?token=live-token' });
      const stored = await database.db.selectFrom('dev_mailbox').select('id').execute();
      expect(stored).toHaveLength(0);
    } finally {
      await server.close();
      await database.close();
    }
  });
});

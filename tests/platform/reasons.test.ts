import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REASON_MEANINGS as SDK_REASON_MEANINGS } from '@tradeloom/sdk';
import { REASON_MEANINGS, REASONS } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, PASSWORD } from '../harness/factories.ts';
import { upload } from '../harness/files.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Every .ts source file under a folder of the repository. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}

describe('the reason registry', () => {
  it('lists only reasons the server sends, each with a one-line meaning the SDK exports', () => {
    const reasonsFile = readFileSync(path.join(root, 'shared/src/reasons.ts'), 'utf8');
    const code = [...sourcesUnder('server/src'), ...sourcesUnder('shared/src').filter((source) => source !== reasonsFile)].join('\n');
    expect(REASONS.filter((reason) => !code.includes(`'${reason}'`))).toEqual([]);
    for (const reason of REASONS) expect(REASON_MEANINGS[reason]).toMatch(/^[A-Z].{10,}\.$/);
    expect(SDK_REASON_MEANINGS).toBe(REASON_MEANINGS);
  });
});

describe('each situation has its own reason', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await setupTestApp();
  });
  afterAll(() => app.close());

  it('a missing session is NOT_FOUND without a reason, not an invalid emailed token', async () => {
    const co = await createCompany(app, 'Sess');
    const error = await failure(co.members.staff.caller.auth.revokeSession({ sessionId: randomUUID().replaceAll('-', '') }));
    expect([error.code, error.reason]).toEqual(['NOT_FOUND', undefined]);
  });

  it('a claim invitation without any address names the email field', async () => {
    const co = await createCompany(app, 'Claim');
    const added = await co.members.staff.caller.partners.addUnclaimed({
      name: 'No Contact Traders',
      country: 'IN',
      relationship: 'supplier',
    });
    const error = await failure(co.members.manager.caller.partners.inviteToClaim({ companyId: added.id }));
    expect([error.code, error.reason]).toEqual(['BAD_REQUEST', undefined]);
    expect(fieldErrors(error).email?.[0]).toMatch(/email address/);
  });

  it('linking to oneself is SELF_LINK, not WRONG_SIDE', async () => {
    const co = await createCompany(app, 'Self');
    expect((await failure(co.members.staff.caller.partners.requestLink({ supplierId: co.id }))).reason).toBe('SELF_LINK');
  });

  it('acting on one’s own membership is OWN_MEMBERSHIP, not a rank or membership problem', async () => {
    const co = await createCompany(app, 'Own');
    const { owner, admin } = co.members;
    expect((await failure(admin.caller.companies.setRole({ userId: admin.id, role: 'staff' }))).reason).toBe('OWN_MEMBERSHIP');
    expect((await failure(admin.caller.companies.removeMember({ userId: admin.id }))).reason).toBe('OWN_MEMBERSHIP');
    expect((await failure(owner.caller.companies.transferOwnership({ userId: owner.id }))).reason).toBe('OWN_MEMBERSHIP');
  });

  it('an API key on a person-only action is API_KEY_NOT_ALLOWED, not SESSION_REQUIRED', async () => {
    const co = await createCompany(app, 'KeyOnly');
    const { key } = await co.members.admin.caller.apiKeys.create({ name: 'k', scopes: ['company:read'] });
    const program = app.caller({ apiKey: key });
    expect((await failure(program.companies.leave())).reason).toBe('API_KEY_NOT_ALLOWED');
    expect((await failure(program.auth.me())).reason).toBe('API_KEY_NOT_ALLOWED');
    expect((await failure(app.caller().auth.me())).reason).toBe('SESSION_REQUIRED');
  });

  it('a bad API key is API_KEY_INVALID; revoking a revoked key is API_KEY_REVOKED', async () => {
    const co = await createCompany(app, 'Keys');
    const { key, id } = await co.members.admin.caller.apiKeys.create({ name: 'k', scopes: ['company:read'] });
    await co.members.admin.caller.apiKeys.revoke({ apiKeyId: id });
    expect((await failure(app.caller({ apiKey: key }).companies.current())).reason).toBe('API_KEY_INVALID');
    expect((await failure(co.members.admin.caller.apiKeys.revoke({ apiKeyId: id }))).reason).toBe('API_KEY_REVOKED');
  });

  it('a suspended company is COMPANY_INACTIVE, not a missing permission', async () => {
    const co = await createCompany(app, 'Susp');
    await app.db.updateTable('companies').set({ status: 'suspended' }).where('id', '=', co.id).execute();
    expect((await failure(co.members.owner.caller.companies.current())).reason).toBe('COMPANY_INACTIVE');
  });

  it('reusing the current password is PASSWORD_REUSED; the switched-off dev mailbox is MAILBOX_DISABLED', async () => {
    const co = await createCompany(app, 'Pw');
    const { caller } = co.members.staff;
    expect((await failure(caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: PASSWORD }))).reason).toBe(
      'PASSWORD_REUSED',
    );
    expect((await failure(caller.devMailbox.list())).reason).toBe('MAILBOX_DISABLED');
  });

  it('an empty upload is FILE_EMPTY, not a refused file type', async () => {
    const co = await createCompany(app, 'Empty');
    const http = await app.startHttp();
    try {
      const response = await upload(http.url, `tl_session=${co.members.staff.token}`, Buffer.alloc(0), 'empty.pdf');
      expect(response.status).toBe(400);
      expect((await response.json()).error.reason).toBe('FILE_EMPTY');
    } finally {
      await http.close();
    }
  });
});

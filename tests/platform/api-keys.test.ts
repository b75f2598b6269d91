import type { KyselyPlugin, QueryResult, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../server/src/modules/auth/api-key-auth.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('API keys', () => {
  it('shows the secret once, stores only its SHA-256, and lists the prefix', async () => {
    const co = await createCompany(app, 'Key');
    const created = await co.members.admin.caller.apiKeys.create({ name: 'ERP sync', scopes: ['company:read', 'audit:read'] });
    expect(created.key).toMatch(/^tlk_[a-z2-9]{8}_[a-z2-9]{32}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const listed = await co.members.admin.caller.apiKeys.list();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(-32));
    const row = await app.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_hash).toHaveLength(32);
    expect(JSON.stringify(row)).not.toContain(created.key.slice(-32));
  });

  it('acts in its own company with its scopes only, records last use, and dies on revoke', async () => {
    const co = await createCompany(app, 'Scope');
    const { key, id } = await co.members.admin.caller.apiKeys.create({ name: 'Reader', scopes: ['company:read'] });
    const program = app.caller({ apiKey: key });
    expect((await program.companies.current()).id).toBe(co.id);
    expect((await failure(program.audit.list({}))).code).toBe('FORBIDDEN');
    expect((await failure(program.auth.me())).code).toBe('UNAUTHORIZED');
    const used = await app.db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
    await co.members.admin.caller.apiKeys.revoke({ apiKeyId: id });
    expect((await failure(program.companies.current())).code).toBe('UNAUTHORIZED');
    expect((await failure(co.members.admin.caller.apiKeys.revoke({ apiKeyId: id }))).code).toBe('CONFLICT');
  });

  it('a burst of calls with a stale last use writes it once, then not again within the minute', async () => {
    const co = await createCompany(app, 'Burst');
    const { key, id } = await co.members.admin.caller.apiKeys.create({ name: 'Busy ERP', scopes: ['company:read'] });
    const writes = rowsUpdated();
    const db = app.db.withPlugin(writes.plugin);
    const burst = await Promise.all(Array.from({ length: 20 }, () => authenticateApiKey(db, app.clock, key)));
    expect(burst.every((principal) => principal?.apiKeyId === id)).toBe(true);
    expect(writes.count()).toBe(1);
    const firstUse = await lastUsedAt(id);
    app.clock.advance(30_000);
    await authenticateApiKey(db, app.clock, key);
    expect(writes.count()).toBe(1);
    app.clock.advance(31_000);
    await authenticateApiKey(db, app.clock, key);
    expect(writes.count()).toBe(2);
    expect((await lastUsedAt(id)) - firstUse).toBeGreaterThanOrEqual(61_000);
  });

  it('cannot grant more than its creator may do, and needs a verified email', async () => {
    const co = await createCompany(app, 'Grant');
    await app.db.updateTable('users').set({ email_verified_at: null }).where('id', '=', co.members.admin.id).execute();
    expect((await failure(co.members.admin.caller.apiKeys.create({ name: 'x', scopes: ['company:read'] }))).reason).toBe(
      'EMAIL_NOT_VERIFIED',
    );
    expect((await failure(co.members.manager.caller.apiKeys.create({ name: 'x', scopes: ['company:read'] }))).code).toBe('FORBIDDEN');
  });

  it("another company's key is not found", async () => {
    const a = await createCompany(app, 'KA');
    const b = await createCompany(app, 'KB');
    const { id } = await a.members.admin.caller.apiKeys.create({ name: 'A only', scopes: ['company:read'] });
    expect((await failure(b.members.admin.caller.apiKeys.revoke({ apiKeyId: id }))).code).toBe('NOT_FOUND');
    expect(await b.members.admin.caller.apiKeys.list()).toHaveLength(0);
  });

  it('grants the module scopes an integration needs (catalog, orders, production)', async () => {
    const co = await createCompany(app, 'KScopes');
    const { key } = await co.members.admin.caller.apiKeys.create({
      name: 'ERP',
      scopes: ['catalog:read', 'orders:read', 'orders:write', 'production:read'],
    });
    const program = app.caller({ apiKey: key });
    expect((await program.orders.list({ side: 'purchase' })).items).toEqual([]);
    expect((await program.catalog.products.list({})).items).toEqual([]);
    expect((await program.production.board()).byStatus).toEqual({});
    expect((await failure(program.catalog.products.create({ sku: 'X', name: 'X', unit: 'kg', price: '1', currency: 'INR' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('a key with write scope is audited as the key', async () => {
    const co = await createCompany(app, 'KW');
    const { key, id } = await co.members.owner.caller.apiKeys.create({ name: 'Books', scopes: ['settings:write', 'settings:read'] });
    await app.caller({ apiKey: key }).settings.financialYears.create({ label: 'FY-X', startsOn: '2040-04-01', endsOn: '2041-03-31' });
    const [entry] = (await co.members.owner.caller.audit.list({ action: 'financial_year.created' })).items;
    expect(entry).toMatchObject({ actorApiKeyId: id, actorUserId: null });
  });
});

async function lastUsedAt(apiKeyId: string): Promise<number> {
  const row = await app.db.selectFrom('api_keys').select('last_used_at').where('id', '=', apiKeyId).executeTakeFirstOrThrow();
  return row.last_used_at?.getTime() ?? 0;
}

/** Counts the rows UPDATE statements changed through a Kysely instance that carries `plugin`. */
function rowsUpdated() {
  let updated = 0n;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    async transformResult(args): Promise<QueryResult<UnknownRow>> {
      updated += args.result.numAffectedRows ?? 0n;
      return args.result;
    },
  };
  return { plugin, count: () => Number(updated) };
}

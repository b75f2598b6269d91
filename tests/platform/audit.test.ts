import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany } from '../harness/factories.ts';

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

describe('audit log', () => {
  it('records actor, company, action, entity, before/after and request id for a mutation', async () => {
    const co = await createCompany(app, 'Aud');
    const before = await co.members.owner.caller.companies.current();
    await co.members.owner.caller.companies.update({ companyId: co.id, version: before.version, name: 'Audited Mills' });
    const { items } = await co.members.manager.caller.audit.list({ action: 'company.updated' });
    expect(items).toHaveLength(1);
    const [entry] = items;
    expect(entry).toMatchObject({ actorUserId: co.members.owner.id, entityType: 'company', entityId: co.id });
    expect(entry?.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(entry?.before).toMatchObject({ name: before.name });
    expect(entry?.after).toMatchObject({ name: 'Audited Mills' });
  });

  it('pages with a keyset cursor and filters by entity type', async () => {
    const co = await createCompany(app, 'Page');
    for (let i = 0; i < 5; i++) await co.members.admin.caller.companies.branches.create({ name: `Branch ${i}`, country: 'IN' });
    const first = await co.members.manager.caller.audit.list({ entityType: 'branch', limit: 2 });
    const second = await co.members.manager.caller.audit.list({ entityType: 'branch', limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await co.members.manager.caller.audit.list({ entityType: 'branch', limit: 2, cursor: second.nextCursor ?? undefined });
    const ids = [...first.items, ...second.items, ...third.items].map((e) => e.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(third.nextCursor).toBeNull();
  });

  it('pages oldest first when asked, the same entries as newest first in reverse', async () => {
    const co = await createCompany(app, 'AudOld');
    for (let i = 0; i < 5; i++) await co.members.admin.caller.companies.branches.create({ name: `Branch ${i}`, country: 'IN' });
    const list = co.members.manager.caller.audit.list;
    const newest = await list({ entityType: 'branch', limit: 100 });
    const oldest: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ entityType: 'branch', sortDirection: 'asc', limit: 2, cursor });
      oldest.push(...page.items.map((e) => String(e.id)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(oldest).toEqual(newest.items.map((e) => String(e.id)).reverse());
    expect(newest.items.at(-1)?.after).toMatchObject({ name: 'Branch 0' });
  });

  it('refuses an unknown sort direction, naming the field', async () => {
    const co = await createCompany(app, 'AudBadSort');
    const list = co.members.manager.caller.audit.list as (input: unknown) => Promise<unknown>;
    expect(Object.keys(fieldErrors(await failure(list({ sortDirection: 'sideways' }))))).toEqual(['sortDirection']);
  });

  it('shows only the active company and needs audit:read', async () => {
    const a = await createCompany(app, 'AudA');
    const b = await createCompany(app, 'AudB');
    const seen = await b.members.owner.caller.audit.list({});
    expect(seen.items.every((e) => e.entityId !== a.id)).toBe(true);
    expect((await failure(a.members.staff.caller.audit.list({}))).code).toBe('FORBIDDEN');
  });

  it('clamps the page size', async () => {
    const co = await createCompany(app, 'Clamp');
    expect((await failure(co.members.owner.caller.audit.list({ limit: 1_000_000 }))).code).toBe('BAD_REQUEST');
  });
});

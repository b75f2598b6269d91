import { PARTNER_SORT_KEYS } from '@tradeloom/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// The partners list is sorted by the server: every page must continue exactly where the last one
// ended, for every sort key, both ways, even when several partners share a name.

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

/** A company with seven partners (not on Tradeloom) of which several share a name. */
async function companyWithTies(label: string): Promise<TestCompany> {
  const me = await createCompany(app, label);
  const names = ['Kaveri Mills', 'Arun Traders', 'Kaveri Mills', 'Zenith Cotton', 'Arun Traders', 'Kaveri Mills', 'Arun Traders'];
  for (const [i, name] of names.entries()) {
    const added = await me.members.staff.caller.partners.addUnclaimed({
      name: `${name} ${i}`,
      country: 'IN',
      relationship: i % 2 ? 'buyer' : 'supplier',
    });
    // The same name for several partners: the tie the id must break.
    await sql`update companies set name = ${name} where id = ${added.id}`.execute(app.db);
  }
  return me;
}

describe('sorting the partners list on the server', () => {
  it('pages by every sort key both ways with no partner skipped or repeated across pages of ties', { timeout: 120_000 }, async () => {
    const me = await companyWithTies('PartSort');
    const list = me.members.viewer.caller.partners.list;
    for (const sort of PARTNER_SORT_KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        const whole = await list({ view: 'linked', sort, sortDirection: direction, limit: 100 });
        expect(whole.items).toHaveLength(7);
        if (sort === 'name') {
          const names = whole.items.map((l) => l.partnerName);
          const expected = [...names].sort();
          expect(names).toEqual(direction === 'asc' ? expected : expected.reverse());
        }
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ view: 'linked', sort, sortDirection: direction, limit: 2, cursor });
          paged.push(...page.items.map((l) => l.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, `${sort} ${direction}`).toEqual(whole.items.map((l) => l.id));
      }
    }
  });

  it('keeps the search while sorting by name', { timeout: 60_000 }, async () => {
    const me = await companyWithTies('PartSortSearch');
    const page = await me.members.viewer.caller.partners.list({ view: 'linked', search: 'kaveri', sort: 'name', sortDirection: 'asc' });
    expect(page.items.map((l) => l.partnerName)).toEqual(['Kaveri Mills', 'Kaveri Mills', 'Kaveri Mills']);
  });

  it('refuses an unknown sort column or direction, naming the field', async () => {
    const me = await createCompany(app, 'PartSortBad');
    const list = me.members.viewer.caller.partners.list as (input: unknown) => Promise<unknown>;
    expect(Object.keys(fieldErrors(await failure(list({ sort: 'buyer_company_id' }))))).toEqual(['sort']);
    expect(Object.keys(fieldErrors(await failure(list({ sortDirection: 'sideways' }))))).toEqual(['sortDirection']);
  });

  it('a cursor naming another company’s link positions nothing', { timeout: 60_000 }, async () => {
    const ours = await companyWithTies('PartSortOurs');
    const theirs = await companyWithTies('PartSortTheirs');
    const first = await theirs.members.viewer.caller.partners.list({ view: 'linked', sort: 'name', limit: 1 });
    const page = await ours.members.viewer.caller.partners.list({ view: 'linked', sort: 'name', cursor: first.nextCursor ?? undefined });
    expect(page.items).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { parseCsv } from '../harness/csv.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';
import { insertQuote, insertTender } from './notify-fixtures.ts';

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
});
afterAll(async () => {
  await http.close();
  await app.close();
});

async function tendersFound(company: TestCompany, term: string) {
  const results = await company.members.viewer.caller.search.global({ term, limit: 20 });
  return results.groups.find((group) => group.kind === 'tender')?.hits ?? [];
}

describe('tender search', () => {
  it('finds the buyer its tenders by number or title, drafts included, and an invitee only what it was invited to once published', async () => {
    const buyer = await createCompany(app, 'Search Buyer');
    const invited = await createCompany(app, 'Search Invitee');
    const stranger = await createCompany(app, 'Search Stranger');
    const open = await insertTender(app, buyer.id, { title: 'Kasturi cotton lot', invitees: [{ companyId: invited.id }] });
    const draft = await insertTender(app, buyer.id, {
      title: 'Kasturi cotton draft',
      status: 'draft',
      invitees: [{ companyId: invited.id }],
    });
    const othersTender = await insertTender(app, stranger.id, { title: 'Kasturi cotton elsewhere' });

    const mine = await tendersFound(buyer, 'kasturi');
    expect(mine.map((hit) => hit.id).sort()).toEqual([open.id, draft.id].sort());
    expect(mine.find((hit) => hit.id === open.id)).toMatchObject({
      title: `${open.number} · Kasturi cotton lot`,
      subtitle: 'open',
      path: `/tenders/${open.id}`,
    });
    expect((await tendersFound(buyer, open.number)).map((hit) => hit.id)).toEqual([open.id]);

    // The invitee: the published tender, under the buyer's name, opening its quote request.
    expect(await tendersFound(invited, 'kasturi')).toEqual([
      { id: open.id, title: `${open.number} · Kasturi cotton lot`, subtitle: `${buyer.name} · open`, path: `/quote-requests/${open.id}` },
    ]);
    expect(await tendersFound(invited, draft.number)).toEqual([]);
    // A stranger sees only its own.
    expect((await tendersFound(stranger, 'kasturi')).map((hit) => hit.id)).toEqual([othersTender.id]);
    expect(await tendersFound(stranger, open.number)).toEqual([]);
  });
});

function exportUrl(filters: unknown = {}) {
  return `${http.url}/exports/tenders.csv?input=${encodeURIComponent(JSON.stringify(filters))}`;
}
const withSession = (token: string) => ({ headers: { cookie: `tl_session=${token}` } });

describe('tenders CSV export', () => {
  it('holds exactly the tenders the list shows for the same filter, and never a quote price', async () => {
    const buyer = await createCompany(app, 'Export Buyer');
    const supplier = await createCompany(app, 'Export Supplier');
    const open = await insertTender(app, buyer.id, { title: 'Export open', invitees: [{ companyId: supplier.id }] });
    await insertTender(app, buyer.id, { title: 'Export draft', status: 'draft' });
    await insertQuote(app, open.id, supplier.id);
    const quote = await app.db.selectFrom('quotes').select('id').where('tender_id', '=', open.id).executeTakeFirstOrThrow();
    const item = await app.db.selectFrom('tender_items').select('id').where('tender_id', '=', open.id).executeTakeFirstOrThrow();
    await app.db.insertInto('quote_lines').values({ quote_id: quote.id, item_id: item.id, unit_price: '98765.4321' }).execute();

    const filters = { status: 'open' as const };
    const list = await buyer.members.viewer.caller.sourcing.tenders.list({ ...filters, limit: 100 });
    expect(list.items.map((t) => t.id)).toEqual([open.id]);

    const response = await fetch(exportUrl(filters), withSession(buyer.members.viewer.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="tenders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = await response.text();
    const [header, ...rows] = parseCsv(body);
    expect(header).toEqual(['Number', 'Title', 'Status', 'Currency', 'Closes at', 'Items', 'Invited', 'Quotes', 'Created at']);
    expect(rows).toEqual(
      list.items.map((t) => [
        t.number,
        t.title,
        t.status,
        t.currency,
        t.closesAt,
        String(t.itemCount),
        String(t.invitedCount),
        String(t.quoteCount),
        t.createdAt,
      ]),
    );
    expect(body).not.toMatch(/98765/);

    // The whole list without a filter; a stranger's export holds none of it; a bad filter names the field.
    const all = parseCsv(await (await fetch(exportUrl(), withSession(buyer.members.viewer.token))).text());
    expect(all).toHaveLength(3);
    const stranger = parseCsv(await (await fetch(exportUrl(), withSession(supplier.members.viewer.token))).text());
    expect(stranger).toHaveLength(1);
    const refused = await fetch(exportUrl({ status: 'sealed' }), withSession(buyer.members.viewer.token));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/status/);
  });
});

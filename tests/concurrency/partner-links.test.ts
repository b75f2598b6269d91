import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure } from '../harness/errors.ts';
import { createCompany, type TestCompany } from '../harness/factories.ts';

// One live link (pending, accepted or blocked) between two companies, whichever is the buyer.
// The race needs PostgreSQL; the sequential rules run on both databases.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let app: TestApp;
beforeAll(async () => {
  app = await setupTestApp();
});
afterAll(() => app.close());

async function companies(label: string) {
  return [await createCompany(app, `${label}A`), await createCompany(app, `${label}B`)] as const;
}

/** Every link between the two companies, in either direction. */
async function linksBetween(a: TestCompany, b: TestCompany) {
  return app.db
    .selectFrom('partner_links')
    .select(['buyer_company_id as buyer', 'status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('buyer_company_id', '=', a.id), eb('supplier_company_id', '=', b.id)]),
        eb.and([eb('buyer_company_id', '=', b.id), eb('supplier_company_id', '=', a.id)]),
      ]),
    )
    .execute();
}

const request = (from: TestCompany, to: TestCompany) => from.members.staff.caller.partners.requestLink({ supplierId: to.id });

describe('one link between two companies whatever the direction', () => {
  it.skipIf(!onPostgres)('requests sent both ways at once leave one pending link; the other gets CONFLICT LINK_EXISTS', async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b] = await companies(`Both${round}`);
      const results = await Promise.allSettled([request(a, b), request(b, a)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [lost] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: string; cause?: { reason?: string } }] : []));
      expect([lost?.code, lost?.cause?.reason]).toEqual(['CONFLICT', 'LINK_EXISTS']);
      expect(await linksBetween(a, b)).toEqual([expect.objectContaining({ status: 'pending' })]);
    }
  });

  it('refuses a request while the other company’s request to us is pending', async () => {
    const [a, b] = await companies('Pending');
    await request(a, b);
    const error = await failure(request(b, a));
    expect([error.code, error.reason]).toEqual(['CONFLICT', 'LINK_EXISTS']);
    expect(await linksBetween(a, b)).toEqual([{ buyer: a.id, status: 'pending' }]);
  });

  it('refuses a request the other way while the companies are linked', async () => {
    const [a, b] = await companies('Linked');
    const link = await request(a, b);
    await b.members.manager.caller.partners.decide({ linkId: link.id, decision: 'accept' });
    expect((await failure(request(b, a))).reason).toBe('LINK_EXISTS');
  });

  it('after a denied request, the other company may ask the other way', async () => {
    const [a, b] = await companies('Denied');
    const link = await request(a, b);
    await b.members.manager.caller.partners.decide({ linkId: link.id, decision: 'deny' });
    expect((await request(b, a)).status).toBe('pending');
    expect(await linksBetween(a, b)).toEqual(
      expect.arrayContaining([
        { buyer: a.id, status: 'denied' },
        { buyer: b.id, status: 'pending' },
      ]),
    );
    // …and while that request waits, the first company cannot revive its own old one.
    expect((await failure(request(a, b))).reason).toBe('LINK_EXISTS');
  });

  it('a block refuses requests in both directions', async () => {
    const [a, b] = await companies('Blocked');
    const link = await request(a, b);
    await b.members.manager.caller.partners.block({ linkId: link.id });
    expect((await failure(request(a, b))).reason).toBe('LINK_BLOCKED');
    expect((await failure(request(b, a))).reason).toBe('LINK_BLOCKED');
    expect(await linksBetween(a, b)).toHaveLength(1);
  });
});

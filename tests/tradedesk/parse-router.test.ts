import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parserVocabulary } from '../../server/src/modules/masters/parser-vocabulary.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import { failure, fieldErrors } from '../harness/errors.ts';
import { countRows, createCompany, createUser, type TestCompany } from '../harness/factories.ts';
import { PLATFORM_VOCABULARY } from './parse-vocabulary.ts';

// `tradedesk.parse` through the router: the company's merged masters as the vocabulary (its own
// variety aliases and places, never another company's), read access for every member, nothing written.

let app: TestApp;
let trader: TestCompany;
let mill: TestCompany;
beforeAll(async () => {
  app = await setupTestApp();
  trader = await createCompany(app, 'Parse-trader');
  mill = await createCompany(app, 'Parse-mill');
}, 120_000);
afterAll(() => app.close());

const parse = (company: TestCompany, text: string, role: 'staff' | 'viewer' = 'staff') =>
  company.members[role].caller.tradedesk.parse({ text });

describe('tradedesk.parse', () => {
  it('reads the issue’s message into a draft offer with the platform’s masters', async () => {
    const result = await parse(trader, 'Sell 100 bales Shankar-6, 29 mm, mic 3.8, 28 gpt, ₹56,500 per candy ex-Rajkot, 15 days');
    expect(result.offer).toEqual({
      side: 'sell',
      commodity: 'cotton-lint',
      variety: 'shankar-6',
      quantity: '100',
      unit: 'bale',
      price: '56500',
      priceUnit: 'candy',
      currency: 'INR',
      quality: { staple_mm: { min: '29', max: '29' }, micronaire: { min: '3.8', max: '3.8' }, strength_gpt: { min: '28', max: '28' } },
      deliveryCity: 'Rajkot',
      deliveryStateCode: 'GJ',
      deliveryTerm: null,
      paymentDays: 15,
      validityDays: null,
      cropYear: null,
    });
    expect(result.fields.find((field) => field.name === 'price')?.span.text).toBe('₹56,500 per candy');
    expect(result.unparsed).toEqual([]);
  });

  it('builds the platform’s vocabulary for a company without masters of its own, as the parser’s tests assume', async () => {
    const vocabulary = await parserVocabulary(app.db, mill.id);
    const byKey = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
    expect(byKey(vocabulary.varieties, (v) => v.code)).toEqual(byKey(PLATFORM_VOCABULARY.varieties, (v) => v.code));
    expect(byKey(vocabulary.locations, (l) => `${l.kind}/${l.name}`)).toEqual(
      byKey(PLATFORM_VOCABULARY.locations, (l) => `${l.kind}/${l.name}`),
    );
    expect(byKey(vocabulary.terms, (t) => t.code)).toEqual(byKey(PLATFORM_VOCABULARY.terms, (t) => t.code));
  });

  it('reads a company’s own variety alias for that company only', async () => {
    const company = await createCompany(app, 'Parse-own');
    await app.db
      .insertInto('commodity_varieties')
      .values({ company_id: company.id, commodity_code: 'cotton-lint', code: 'suvin', name: 'Suvin', aliases: ['SVN', 'Sujata'] })
      .execute();
    const own = await parse(company, 'sell 40 bales SVN 34mm mic 3.2 Coimbatore');
    expect(own.offer).toMatchObject({ variety: 'suvin', commodity: 'cotton-lint', quantity: '40' });
    expect(own.fields.find((field) => field.name === 'variety')).toMatchObject({ value: 'suvin', confidence: 1, span: { text: 'SVN' } });
    // Another company's masters are not this one's vocabulary.
    const other = await parse(mill, 'sell 40 bales SVN 34mm mic 3.2 Coimbatore');
    expect(other.offer.variety).toBeNull();
    expect(other.unparsed.map((span) => span.text)).toContain('SVN');
  });

  it('lets a company’s row override the platform’s: new aliases, a retired place', async () => {
    const company = await createCompany(app, 'Parse-override');
    await app.db
      .insertInto('commodity_varieties')
      .values({ company_id: company.id, commodity_code: 'cotton-lint', code: 'shankar-6', name: 'Shankar-6', aliases: ['Kalyan'] })
      .execute();
    await app.db
      .insertInto('trade_locations')
      .values({ company_id: company.id, kind: 'city', code: 'RAJKOT', name: 'Rajkot', state_code: 'GJ', city: 'Rajkot', active: false })
      .execute();
    const text = 'sell 100 bales Kalyan 29mm ex Rajkot';
    expect((await parse(company, text)).offer).toMatchObject({ variety: 'shankar-6', deliveryCity: null });
    expect((await parse(mill, text)).offer).toMatchObject({ variety: null, deliveryCity: 'Rajkot', deliveryStateCode: 'GJ' });
  });

  it('is open to a viewer (it only reads) and writes nothing', async () => {
    const audits = await countRows(app, 'audit_log');
    const events = await countRows(app, 'domain_events');
    const result = await parse(trader, 'need 500 bales 29mm+ del Ahmedabad', 'viewer');
    expect(result.offer).toMatchObject({ side: 'buy', quantity: '500', deliveryCity: 'Ahmedabad' });
    expect(await countRows(app, 'audit_log')).toBe(audits);
    expect(await countRows(app, 'domain_events')).toBe(events);
  });

  it('refuses an empty or over-long message, naming the field', async () => {
    const empty = await failure(parse(trader, '   '));
    expect(empty.code).toBe('BAD_REQUEST');
    expect(fieldErrors(empty).text).toBeDefined();
    const long = await failure(parse(trader, 'sell 100 bales '.repeat(200)));
    expect(long.code).toBe('BAD_REQUEST');
    expect(fieldErrors(long).text).toBeDefined();
  });

  it('needs a signed-in member of a company', async () => {
    expect((await failure(app.caller().tradedesk.parse({ text: 'sell 100 bales' }))).code).toBe('UNAUTHORIZED');
    const loner = await createUser(app, { label: 'Parse-loner' });
    expect((await failure(loner.caller.tradedesk.parse({ text: 'sell 100 bales' }))).code).toBe('FORBIDDEN');
  });
});

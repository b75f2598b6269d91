import { API_KEY_SCOPES, ROLES } from '@tradeloom/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULES } from '../../server/src/jobs.ts';
import { registerSchedules } from '../../server/src/modules/events/schedules.ts';
import type { Caller } from '../harness/app.ts';
import { setupTestApp, type TestApp } from '../harness/app.ts';
import type { TestCompany } from '../harness/factories.ts';
import { PDF, upload } from '../harness/files.ts';
import { callProcedure, EXAMPLE_INPUTS, procedureInventory } from '../security/inventory.ts';
import { HOUR, type OpenTender, tenderWorld } from './quote-fixtures.ts';

// The key proof: while a tender is open, nothing the buyer can call — any procedure, as
// any role or an API key with every scope, or a CSV export — shows a quote's price or terms, and
// no supplier learns of another. Each quote carries values found nowhere else; every response is
// searched for them. After the deadline the same walk finds the price, so the search can fail.

let app: TestApp;
let http: Awaited<ReturnType<TestApp['startHttp']>>;
let buyer: TestCompany;
let supplierA: TestCompany;
let supplierB: TestCompany;
let tender: OpenTender;
let quoteA: string;
let quoteB: string;
let attachmentA: string;
let buyerKey: string;

const PRICE_A = '98765.4321';
const PRICE_B = '87654.3219';
const LEAD_TIME_A = 3049;
const NOTES_A = 'Quokka-sealed-note-5512';
const LINE_NOTES_A = 'Wombat-line-note-8823';
const ALTERNATIVE_A = 'Narwhal-alternative-4410';
const FILE_A = 'Zanzibar-sealed-lab-report-7731.pdf';

/** Calls that would end the caller's session or membership, or change the tender under test. */
const WITH_EXAMPLE_IDS_ONLY = new Set([
  'sourcing.tenders.close',
  'sourcing.tenders.cancel',
  'sourcing.tenders.extend',
  'sourcing.tenders.uninvite',
]);
const NOT_WALKED = new Set(['auth.logout', 'auth.logoutEverywhere', 'companies.leave', 'companies.create']);
const EXPORTS = ['orders', 'catalog', 'partners', 'work-orders', 'audit', 'tenders'];
/** Directory searches list every listed supplier by name: that A exists is public, not that it quoted. */
const DIRECTORY = new Set(['partners.directory', 'sourcing.tenders.candidates']);

beforeAll(async () => {
  app = await setupTestApp();
  http = await app.startHttp();
  await registerSchedules(app.db, app.clock, SCHEDULES);
  ({ buyer, supplierA, supplierB, tender } = await tenderWorld(app, 'Seal', HOUR));
  const response = await upload(http.url, `tl_session=${supplierA.members.staff.token}`, PDF, FILE_A);
  attachmentA = ((await response.json()) as { id: string }).id;
  const [first, second] = tender.itemIds as [string, string];
  const a = await supplierA.members.staff.caller.sourcing.quotes.submit({
    tenderId: tender.id,
    lines: [
      { itemId: first, unitPrice: PRICE_A, freightPerUnit: '1234.5678', notes: LINE_NOTES_A },
      { itemId: first, alternativeNo: 1, description: ALTERNATIVE_A, unitPrice: '91234.5678' },
      { itemId: second, unitPrice: '76543.2109' },
    ],
    leadTimeDays: LEAD_TIME_A,
    notes: NOTES_A,
    attachmentFileIds: [attachmentA],
  });
  quoteA = a.id;
  const b = await supplierB.members.staff.caller.sourcing.quotes.submit({
    tenderId: tender.id,
    lines: [{ itemId: first, unitPrice: PRICE_B }],
  });
  quoteB = b.id;
  buyerKey = (await buyer.members.owner.caller.apiKeys.create({ name: 'Every scope', scopes: [...API_KEY_SCOPES] })).key;
  // Notifications and mail about the quotes are delivered before the walk reads them.
  await app.runner.drain();
}, 300_000);
afterAll(async () => {
  await http.close();
  await app.close();
});

/** The example input with every id it names replaced by the tender's real records. */
function withRealIds(input: unknown, ids: Record<string, unknown>): unknown {
  if (Array.isArray(input)) return input.map((value) => withRealIds(value, ids));
  if (!input || typeof input !== 'object') return input;
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, key in ids ? ids[key] : withRealIds(value, ids)]));
}

/** Every response (or error message) of every procedure for one caller, as text. */
async function walk(caller: Caller, ids: Record<string, unknown>): Promise<{ texts: Map<string, string>; answered: number }> {
  const texts = new Map<string, string>();
  let answered = 0;
  for (const { path, type } of procedureInventory()) {
    if (type === 'subscription' || NOT_WALKED.has(path)) continue;
    const example = EXAMPLE_INPUTS[path]?.();
    const input = WITH_EXAMPLE_IDS_ONLY.has(path) ? example : withRealIds(example, ids);
    try {
      texts.set(path, JSON.stringify(await callProcedure(caller, path, input)) ?? '');
      answered += 1;
    } catch (error) {
      texts.set(path, error instanceof Error ? `${error.message} ${JSON.stringify(error.cause ?? null)}` : String(error));
    }
  }
  return { texts, answered };
}

async function exportsFor(headers: Record<string, string>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const name of EXPORTS) {
    const url = `${http.url}/exports/${name}.csv`;
    // A kept-alive connection the server closed while the walk ran resets once: ask again.
    const response = await fetch(url, { headers }).catch(() => fetch(url, { headers }));
    texts.set(`/exports/${name}.csv`, await response.text());
  }
  return texts;
}

/** The paths whose text contains any of the secrets, with what they revealed. */
function leaks(texts: Map<string, string>, secrets: (string | RegExp)[]): string[] {
  const found: string[] = [];
  for (const [path, text] of texts) {
    for (const secret of secrets) {
      if (typeof secret === 'string' ? text.includes(secret) : secret.test(text)) found.push(`${path}: ${secret}`);
    }
  }
  return found;
}

const quoteSecrets = (): (string | RegExp)[] => [
  PRICE_A,
  '98765.43',
  '98,765',
  PRICE_B,
  '87654.32',
  '1234.5678',
  '91234.5678',
  '76543.2109',
  new RegExp(`(^|[\\s:,"])${LEAD_TIME_A}($|[\\s,}"])`),
  NOTES_A,
  LINE_NOTES_A,
  ALTERNATIVE_A,
  'Zanzibar',
  attachmentA,
];

const buyerIds = () => ({
  tenderId: tender.id,
  itemId: tender.itemIds[0],
  quoteId: quoteA,
  supplierId: supplierA.id,
  supplierIds: [supplierA.id],
  fileId: attachmentA,
  partnerId: supplierA.id,
});

describe('sealed quotes while the tender is open', () => {
  it.each(ROLES)(
    'the buyer’s %s sees who quoted and when, never a price or term, in any procedure or export',
    async (role) => {
      const member = buyer.members[role];
      const { texts, answered } = await walk(member.caller, buyerIds());
      for (const [path, text] of await exportsFor({ cookie: `tl_session=${member.token}` })) texts.set(path, text);
      expect(leaks(texts, quoteSecrets())).toEqual([]);
      expect(answered).toBeGreaterThan(20);
      // The walk reached the quotes: the buyer's tender names both suppliers as quoted, sealed.
      const view = JSON.parse(texts.get('sourcing.tenders.get') ?? '{}');
      expect(view).toMatchObject({ side: 'buyer', status: 'open', sealed: true });
      expect(view.quotes.map((quote: { id: string; terms: unknown }) => [quote.id, quote.terms])).toEqual(
        expect.arrayContaining([
          [quoteA, null],
          [quoteB, null],
        ]),
      );
    },
    300_000,
  );

  it('an API key of the buyer with every scope sees no price or term either', async () => {
    const { texts, answered } = await walk(app.caller({ apiKey: buyerKey }), buyerIds());
    for (const [path, text] of await exportsFor({ authorization: `Bearer ${buyerKey}` })) texts.set(path, text);
    expect(leaks(texts, quoteSecrets())).toEqual([]);
    expect(answered).toBeGreaterThan(10);
    expect(JSON.parse(texts.get('sourcing.tenders.get') ?? '{}')).toMatchObject({ side: 'buyer', sealed: true });
  }, 300_000);

  it('the buyer’s notifications and mail name no price', async () => {
    const buyerEmails = new Set(Object.values(buyer.members).map((member) => member.email));
    const mails = app.smtp.received.filter((mail) => buyerEmails.has(mail.to));
    const texts = new Map(mails.map((mail, n) => [`mail ${n}`, JSON.stringify(mail)]));
    expect(leaks(texts, quoteSecrets())).toEqual([]);
  });

  it('supplier B never sees supplier A’s name, id or prices', async () => {
    for (const role of ['owner', 'staff'] as const) {
      const { texts } = await walk(supplierB.members[role].caller, { tenderId: tender.id, itemId: tender.itemIds[0], quoteId: quoteA });
      for (const [path, text] of await exportsFor({ cookie: `tl_session=${supplierB.members[role].token}` })) texts.set(path, text);
      expect(
        leaks(
          texts,
          quoteSecrets().filter((secret) => secret !== PRICE_B && secret !== '87654.32'),
        ),
      ).toEqual([]);
      for (const path of DIRECTORY) texts.delete(path);
      expect(leaks(texts, [supplierA.name, supplierA.id])).toEqual([]);
      // The walk reached the tender (B's own quote calls in it may revise or withdraw B's quote).
      expect(JSON.parse(texts.get('sourcing.tenders.get') ?? '{}')).toMatchObject({ side: 'supplier', id: tender.id });
    }
  }, 300_000);
});

describe('after the deadline', () => {
  it('the clock closes the tender and the same walk finds the price in sourcing.tenders.get', async () => {
    app.clock.advance(HOUR + 61_000);
    await app.runner.drain();
    const { texts } = await walk(buyer.members.viewer.caller, buyerIds());
    const found = leaks(texts, [PRICE_A, NOTES_A, 'Zanzibar']);
    expect(found).toEqual(expect.arrayContaining([`sourcing.tenders.get: ${PRICE_A}`, `sourcing.tenders.get: ${NOTES_A}`]));
    expect(JSON.parse(texts.get('sourcing.tenders.get') ?? '{}')).toMatchObject({ status: 'closed', sealed: false });
  }, 300_000);
});

import type { Executor } from '@tradeloom/db';
import type { ParserVocabulary, VocabularyLocation, VocabularyTerm, VocabularyVariety } from '@tradeloom/shared';

// The offer parser's vocabulary for one company: the platform's default masters merged with the
// company's own rows. A company row replaces the platform row of the same key (so a company can
// add aliases to "S-6" or retire a default by deactivating its own copy); inactive rows drop out.

interface MasterRow {
  company_id: string | null;
  active: boolean;
}

/** Platform rows first, then the company's, keyed: the company's row of a key wins. */
function merged<Row extends MasterRow>(rows: Row[], keyOf: (row: Row) => string): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of [...rows].sort((a, b) => Number(a.company_id !== null) - Number(b.company_id !== null))) byKey.set(keyOf(row), row);
  return [...byKey.values()].filter((row) => row.active);
}

export async function parserVocabulary(db: Executor, companyId: string): Promise<ParserVocabulary> {
  const [varieties, locations, terms] = await Promise.all([
    db
      .selectFrom('commodity_varieties')
      .select(['company_id', 'active', 'commodity_code', 'code', 'name', 'aliases'])
      .where((eb) => eb.or([eb('company_id', 'is', null), eb('company_id', '=', companyId)]))
      .orderBy('commodity_code')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('trade_locations')
      .select(['company_id', 'active', 'kind', 'code', 'name', 'state_code', 'city'])
      .where((eb) => eb.or([eb('company_id', 'is', null), eb('company_id', '=', companyId)]))
      .orderBy('kind')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('trade_terms')
      .select(['company_id', 'active', 'kind', 'code', 'name', 'payment_days'])
      .where((eb) => eb.or([eb('company_id', 'is', null), eb('company_id', '=', companyId)]))
      .orderBy('kind')
      .orderBy('code')
      .execute(),
  ]);
  return {
    varieties: merged(varieties, (row) => `${row.commodity_code}/${row.code}`).map(
      (row): VocabularyVariety => ({ code: row.code, commodityCode: row.commodity_code, name: row.name, aliases: row.aliases }),
    ),
    locations: merged(locations, (row) => `${row.kind}/${row.code}`).map(
      (row): VocabularyLocation => ({ kind: row.kind, name: row.name, stateCode: row.state_code.trim(), city: row.city }),
    ),
    terms: merged(terms, (row) => `${row.kind}/${row.code}`).map(
      (row): VocabularyTerm => ({ kind: row.kind, code: row.code, name: row.name, paymentDays: row.payment_days }),
    ),
  };
}

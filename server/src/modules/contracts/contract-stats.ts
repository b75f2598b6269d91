import type { Executor } from '@tradeloom/db';

// What other modules may know of a company's contracts without reading them: how many deals it
// has closed on the desk (matching shows it as the counterparty's standing).

/** Contracts (not cancelled) each company is a party to, as seller or buyer; a company with none is 0. */
export async function dealCountsOf(db: Executor, companyIds: string[]): Promise<Map<string, number>> {
  const counts = new Map(companyIds.map((id) => [id, 0]));
  if (companyIds.length === 0) return counts;
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('contracts')
        .select('seller_company_id as company_id')
        .where('seller_company_id', 'in', companyIds)
        .where('status', '!=', 'cancelled')
        .unionAll(
          eb
            .selectFrom('contracts')
            .select('buyer_company_id as company_id')
            .where('buyer_company_id', 'in', companyIds)
            .where('status', '!=', 'cancelled'),
        )
        .as('party'),
    )
    .select((eb) => ['party.company_id', eb.fn.countAll<string>().as('deals')])
    .groupBy('party.company_id')
    .execute();
  for (const row of rows) counts.set(row.company_id, Number(row.deals));
  return counts;
}

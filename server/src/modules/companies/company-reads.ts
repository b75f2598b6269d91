import type { Executor, Tx } from '@tradeloom/db';
import { type Expression, type RawBuilder, sql } from 'kysely';

// What other modules read about a company, owned here: names for display, whether a company is
// on the platform, its tax profile for pricing and its order-approval setting.

type CompanyId = string | Expression<string>;

/** The company's name as a scalar subquery, for another module's select list (one statement). */
export function companyNameOf(companyId: CompanyId): RawBuilder<string> {
  return sql<string>`(select companies.name from companies where companies.id = ${companyId})`;
}

/** Whether the company has been claimed (is on the platform), as a scalar subquery. */
export function companyClaimedOf(companyId: CompanyId): RawBuilder<boolean> {
  return sql<boolean>`(select companies.claimed from companies where companies.id = ${companyId})`;
}

export async function findCompanyName(db: Executor, companyId: string): Promise<string> {
  const company = await db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow();
  return company.name;
}

/** What the company trades as: buyer, supplier, where, and its base currency. */
export function findTradingProfile(db: Executor, companyId: string) {
  return db
    .selectFrom('companies')
    .select(['name', 'country', 'is_buyer as isBuyer', 'is_supplier as isSupplier', 'base_currency as baseCurrency'])
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
}

export async function isCompanyClaimed(db: Executor, companyId: string): Promise<boolean> {
  const company = await db.selectFrom('companies').select('claimed').where('id', '=', companyId).executeTakeFirstOrThrow();
  return company.claimed;
}

export interface PartyTaxProfile {
  country: string;
  /** The head office (or first) branch's state code: it decides CGST+SGST versus IGST. */
  stateCode: string | null;
  currency: string;
  threshold: string | null;
}

/** Both parties' tax profiles in one round trip. */
export async function partyTaxProfiles(db: Executor, buyerId: string, supplierId: string) {
  const rows = await db
    .selectFrom('companies as c')
    .select((eb) => [
      'c.id',
      'c.country',
      'c.base_currency',
      'c.order_approval_threshold',
      eb
        .selectFrom('branches as b')
        .select('b.state_code')
        .whereRef('b.company_id', '=', 'c.id')
        .orderBy('b.is_head_office', 'desc')
        .orderBy('b.created_at')
        .limit(1)
        .as('state_code'),
    ])
    .where('c.id', 'in', [buyerId, supplierId])
    .execute();
  const profile = (id: string): PartyTaxProfile => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error(`company ${id} not found`);
    return { country: row.country, stateCode: row.state_code, currency: row.base_currency, threshold: row.order_approval_threshold };
  };
  return { buyer: profile(buyerId), supplier: profile(supplierId) };
}

/** Orders the company creates above this total need a manager's approval before they are sent. */
export function findOrderApprovalThreshold(db: Executor, companyId: string) {
  return db
    .selectFrom('companies')
    .select(['order_approval_threshold as threshold', 'base_currency as currency'])
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
}

/** Sets the approval threshold; returns the one it replaced (for the audit row). */
export async function replaceOrderApprovalThreshold(trx: Tx, companyId: string, threshold: string | null) {
  const before = await trx
    .selectFrom('companies')
    .select('order_approval_threshold')
    .where('id', '=', companyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await trx.updateTable('companies').set({ order_approval_threshold: threshold }).where('id', '=', companyId).execute();
  return before.order_approval_threshold;
}

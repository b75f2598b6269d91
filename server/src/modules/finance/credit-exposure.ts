import type { Executor } from '@tradeloom/db';
import { dec } from '@tradeloom/shared';
import { sql } from 'kysely';

export interface CreditStanding {
  /** The supplier's limit for this buyer, or null when none is set (no limit). */
  limit: string | null;
  currency: string | null;
  /** What the buyer owes the supplier now on issued invoices, net of notes and receipts. */
  exposure: string;
}

/** The supplier's credit limit for a buyer and what the buyer owes it now. */
export async function creditStanding(db: Executor, supplierId: string, buyerId: string): Promise<CreditStanding> {
  const limit = await db
    .selectFrom('credit_limits')
    .select(['amount', 'currency'])
    .where('company_id', '=', supplierId)
    .where('partner_company_id', '=', buyerId)
    .executeTakeFirst();
  const owed = await db
    .selectFrom('invoices')
    .select(sql<string>`coalesce(sum(total + debited_amount - credited_amount - received_amount), 0)::text`.as('exposure'))
    .where('supplier_company_id', '=', supplierId)
    .where('buyer_company_id', '=', buyerId)
    .where('status', 'in', ['issued', 'partly_paid'])
    .executeTakeFirstOrThrow();
  return { limit: limit?.amount ?? null, currency: limit?.currency ?? null, exposure: owed.exposure };
}

/** Whether adding `amount` to what the buyer owes takes it past the supplier's limit. */
export async function exceedsCreditLimit(
  db: Executor,
  supplierId: string,
  buyerId: string,
  amount: string,
): Promise<CreditStanding & { exceeds: boolean }> {
  const standing = await creditStanding(db, supplierId, buyerId);
  const exceeds = standing.limit !== null && dec(standing.exposure).plus(amount).greaterThan(standing.limit);
  return { ...standing, exceeds };
}

import type { Executor, Tx } from '@tradeloom/db';

// Company settings that other modules' screens change: the order-approval threshold (orders),
// the directory listing (partners) and whether members must use two-factor sign-in (auth). The audit row stays with the caller's change.

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

/** Lists the company in the directory or takes it out; returns whether it was listed before. */
export async function setListedInDirectory(trx: Tx, companyId: string, listed: boolean, now: Date): Promise<boolean> {
  const before = await trx.selectFrom('companies').select('listed_in_directory').where('id', '=', companyId).executeTakeFirstOrThrow();
  await trx.updateTable('companies').set({ listed_in_directory: listed, updated_at: now }).where('id', '=', companyId).execute();
  return before.listed_in_directory;
}

/** Whether the company requires two-factor sign-in of its members. */
export async function findTwoFactorPolicy(db: Executor, companyId: string): Promise<boolean> {
  const row = await db.selectFrom('companies').select('require_two_factor').where('id', '=', companyId).executeTakeFirstOrThrow();
  return row.require_two_factor;
}

/** Sets the two-factor rule; returns the one it replaced (for the audit row). */
export async function setTwoFactorPolicy(trx: Tx, companyId: string, required: boolean, now: Date): Promise<boolean> {
  const before = await trx
    .selectFrom('companies')
    .select('require_two_factor')
    .where('id', '=', companyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await trx.updateTable('companies').set({ require_two_factor: required, updated_at: now }).where('id', '=', companyId).execute();
  return before.require_two_factor;
}

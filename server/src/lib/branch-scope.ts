import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { CompanyActor } from '../deps.ts';

/**
 * Branch access for documents that carry the branch they belong to (deliveries, invoices,
 * payments). A member limited to some branches sees and acts on a document only when its own
 * side's branch is one of them; a document without a branch is the whole company's, so only an
 * unrestricted member (or an API key) reaches it.
 */
export function isBranchLimited(actor: CompanyActor): boolean {
  return (actor.branchIds?.length ?? 0) > 0;
}

export function canReachBranch(actor: CompanyActor, branchId: string | null): boolean {
  if (!isBranchLimited(actor)) return true;
  return branchId !== null && (actor.branchIds ?? []).includes(branchId);
}

/**
 * The same rule as a WHERE condition on the branch column of the actor's side, e.g.
 * `.where((eb) => branchCondition(actor, eb, eb.ref('deliveries.supplier_branch_id')))`.
 */
export function branchCondition<DB, TB extends keyof DB>(
  actor: CompanyActor,
  eb: ExpressionBuilder<DB, TB>,
  branchColumn: Expression<string | null>,
): Expression<SqlBool> {
  if (!isBranchLimited(actor)) return eb.lit(true);
  return eb(branchColumn, 'in', [...(actor.branchIds ?? [])]);
}

import type { Executor } from '@tradeloom/db';
import type { CompanyActor } from '../../deps.ts';
import { canReachBranch } from '../../lib/branch-scope.ts';
import { notFound } from '../../trpc/errors.ts';

// An invoice as one of its parties reaches it for notes and disputes: the supplier always (within
// its member's branches), the buyer once it is issued (a draft is the supplier's alone). Anyone
// else's, or one out of the member's branches, is not found.

export type PartySide = 'supplier' | 'buyer';

export async function findPartyInvoice(db: Executor, actor: CompanyActor, invoiceId: string, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', invoiceId)
    .where((eb) =>
      eb.or([
        eb('supplier_company_id', '=', actor.companyId),
        eb.and([eb('buyer_company_id', '=', actor.companyId), eb('status', '<>', 'draft')]),
      ]),
    );
  if (options.lock) query = query.forUpdate();
  const invoice = await query.executeTakeFirst();
  if (!invoice) throw notFound('Invoice');
  const side: PartySide = invoice.supplier_company_id === actor.companyId ? 'supplier' : 'buyer';
  if (!canReachBranch(actor, side === 'supplier' ? invoice.supplier_branch_id : invoice.buyer_branch_id)) throw notFound('Invoice');
  return { invoice, side };
}

export type PartyInvoice = Awaited<ReturnType<typeof findPartyInvoice>>['invoice'];

/** Whether a limited member reaches a record of this invoice (a contract's record has no branch: whole-company). */
export function reachesInvoiceBranch(
  actor: CompanyActor,
  side: PartySide,
  invoice: { supplier_branch_id: string | null; buyer_branch_id: string | null } | null,
): boolean {
  if (!invoice) return canReachBranch(actor, null);
  return canReachBranch(actor, side === 'supplier' ? invoice.supplier_branch_id : invoice.buyer_branch_id);
}

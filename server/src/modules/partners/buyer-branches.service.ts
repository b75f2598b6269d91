import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { listBranchAddresses } from '../companies/company-reads.ts';
import { assertLinked } from './accepted-links.ts';

// A supplier drafting a sales order ships to one of its buyer's branches, so it may read their
// addresses — only while the buyer has an accepted link to it; otherwise the buyer is not found.

export async function listBuyerBranches(ctx: ServiceContext, actor: CompanyActor, buyerId: string) {
  await assertLinked(ctx.deps.db, buyerId, actor.companyId, 'Buyer');
  return listBranchAddresses(ctx.deps.db, buyerId);
}

import type { Executor } from '@tradeloom/db';
import type { LinkSide, LinkState } from '@tradeloom/shared';

export interface LinkRow {
  id: string;
  buyer_company_id: string;
  supplier_company_id: string;
  status: LinkState['status'];
  blocked_by: LinkSide | null;
  message: string | null;
  version: number;
}

const LINK_COLUMNS = ['id', 'buyer_company_id', 'supplier_company_id', 'status', 'blocked_by', 'message', 'version'] as const;

/** The link between two companies in these roles, locked for the caller's transaction. */
export function findLinkForUpdate(trx: Executor, buyerId: string, supplierId: string): Promise<LinkRow | undefined> {
  return trx
    .selectFrom('partner_links')
    .select(LINK_COLUMNS)
    .where('buyer_company_id', '=', buyerId)
    .where('supplier_company_id', '=', supplierId)
    .forUpdate()
    .executeTakeFirst();
}

/** A link the company is a party to (either side); another company's link is not found. */
export function findPartyLinkForUpdate(trx: Executor, linkId: string, companyId: string): Promise<LinkRow | undefined> {
  return trx
    .selectFrom('partner_links')
    .select(LINK_COLUMNS)
    .where('id', '=', linkId)
    .where((eb) => eb.or([eb('buyer_company_id', '=', companyId), eb('supplier_company_id', '=', companyId)]))
    .forUpdate()
    .executeTakeFirst();
}

export function sideOf(link: Pick<LinkRow, 'buyer_company_id'>, companyId: string): LinkSide {
  return link.buyer_company_id === companyId ? 'buyer' : 'supplier';
}

/** Link requests a buyer sent this supplier that nobody here has decided yet. */
export async function countPendingIncoming(db: Executor, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('partner_links')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('supplier_company_id', '=', companyId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

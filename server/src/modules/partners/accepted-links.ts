import type { Executor } from '@tradeloom/db';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { notFound } from '../../trpc/errors.ts';

// The accepted-link rule, written once: a buyer trades with a supplier (sees its catalog, orders
// from it) only while their link in these roles is accepted. Other modules import it from here.

type CompanyId = string | Expression<string>;

/** `exists` an accepted link from `buyer` to `supplier`: a condition for another module's query. */
export function acceptedLinkBetween(buyer: CompanyId, supplier: CompanyId): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from partner_links where partner_links.buyer_company_id = ${buyer} and partner_links.supplier_company_id = ${supplier} and partner_links.status = 'accepted')`;
}

/** `exists` an accepted link between the two companies in either role: partners-only trade desk offers. */
export function acceptedLinkEitherWay(a: CompanyId, b: CompanyId): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${acceptedLinkBetween(a, b)} or ${acceptedLinkBetween(b, a)})`;
}

/** The accepted link from `buyerId` to `supplierId`, if there is one. */
export function findAcceptedLink(db: Executor, buyerId: string, supplierId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('partner_links')
    .select('id')
    .where('buyer_company_id', '=', buyerId)
    .where('supplier_company_id', '=', supplierId)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
}

/** Throws NOT_FOUND naming `what` unless the two companies are linked: unlinked partners do not exist. */
export async function assertLinked(db: Executor, buyerId: string, supplierId: string, what: string): Promise<void> {
  if (!(await findAcceptedLink(db, buyerId, supplierId))) throw notFound(what);
}

/** The companies `companyId` has an accepted link with, in either role: whom it may talk to. */
export async function acceptedPartnerIds(db: Executor, companyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('partner_links')
    .select(sql<string>`case when buyer_company_id = ${companyId} then supplier_company_id else buyer_company_id end`.as('partnerId'))
    .where('status', '=', 'accepted')
    .where((eb) => eb.or([eb('buyer_company_id', '=', companyId), eb('supplier_company_id', '=', companyId)]))
    .execute();
  return rows.map((row) => row.partnerId);
}

/** Whether the two companies have an accepted link in either role. */
export async function areLinked(db: Executor, a: string, b: string): Promise<boolean> {
  const row = await db.selectNoFrom(acceptedLinkEitherWay(a, b).as('linked')).executeTakeFirstOrThrow();
  return row.linked === true;
}

/**
 * The roles `companyId` plays in its links with `partnerId` ('supplier' when it supplies the
 * partner): accepted links only, or links in any state for records that outlive a link.
 */
export async function linkRolesWith(
  db: Executor,
  companyId: string,
  partnerId: string,
  options: { anyStatus?: boolean } = {},
): Promise<Array<'buyer' | 'supplier'>> {
  let query = db
    .selectFrom('partner_links')
    .select(sql<'buyer' | 'supplier'>`case when supplier_company_id = ${companyId} then 'supplier' else 'buyer' end`.as('role'))
    .where((eb) =>
      eb.or([
        eb.and([eb('buyer_company_id', '=', companyId), eb('supplier_company_id', '=', partnerId)]),
        eb.and([eb('supplier_company_id', '=', companyId), eb('buyer_company_id', '=', partnerId)]),
      ]),
    );
  if (!options.anyStatus) query = query.where('status', '=', 'accepted');
  return (await query.execute()).map((row) => row.role);
}

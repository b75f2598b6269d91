import type { Executor } from '@tradeloom/db';
import { sql } from 'kysely';
import { escapeLike } from '../../lib/cursor.ts';
import { companyCityOf, selectCompanyCards, selectDirectoryCompanies } from '../companies/company-reads.ts';

// Whom a buyer can ask for a quote (sourcing's invitations): the suppliers it is linked with (its
// own unclaimed counterparties among them, told by email) and the listed suppliers of the directory.

export interface SupplierCandidate {
  companyId: string;
  name: string;
  kind: 'partner' | 'directory' | 'unclaimed';
  city: string | null;
  email: string | null;
}

const CANDIDATE_LIMIT = 50;

/** Candidates matching `search` (by name), or exactly the companies `ids` when given (to check an invitation). */
export async function findSupplierCandidates(
  db: Executor,
  buyerId: string,
  filter: { search?: string; ids?: string[] },
): Promise<SupplierCandidate[]> {
  if (filter.ids && !filter.ids.length) return [];
  const pattern = filter.search ? `%${escapeLike(filter.search.toLowerCase())}%` : null;
  let linked = selectCompanyCards(db, buyerId)
    .innerJoin('partner_links as l', 'l.supplier_company_id', 'companies.id')
    .select((eb) => companyCityOf(eb.ref('companies.id')).as('city'))
    .where('l.buyer_company_id', '=', buyerId)
    .where('l.status', '=', 'accepted')
    .where('companies.status', '=', 'active')
    .orderBy('companies.name')
    .orderBy('companies.id');
  let listed = selectDirectoryCompanies(db, buyerId).where('c.is_supplier', '=', true).orderBy('c.name').orderBy('c.id');
  if (pattern) {
    linked = linked.where(sql<boolean>`lower(companies.name) like ${pattern}`);
    listed = listed.where(sql<boolean>`lower(c.name) like ${pattern}`);
  }
  if (filter.ids) {
    linked = linked.where('companies.id', 'in', filter.ids);
    listed = listed.where('c.id', 'in', filter.ids);
  } else {
    linked = linked.limit(CANDIDATE_LIMIT);
    listed = listed.limit(CANDIDATE_LIMIT);
  }
  // One after the other: inside a transaction both run on its one connection.
  const partners = await linked.execute();
  const directory = await listed.execute();
  const candidates: SupplierCandidate[] = partners.map((row) => ({
    companyId: row.partnerId,
    name: row.partnerName,
    kind: row.partnerClaimed ? 'partner' : 'unclaimed',
    city: row.city,
    email: row.partnerClaimed ? null : row.partnerContactEmail,
  }));
  const seen = new Set(candidates.map((c) => c.companyId));
  for (const row of directory) {
    if (seen.has(row.id)) continue;
    // The directory lists every branch city; the first reads well enough in a picker.
    candidates.push({ companyId: row.id, name: row.name, kind: 'directory', city: row.cities?.split(', ')[0] ?? null, email: null });
  }
  return candidates.sort((a, b) => a.name.localeCompare(b.name) || a.companyId.localeCompare(b.companyId));
}

import type { Executor, Tx } from '@tradeloom/db';

// Counterparties a company adds before they are on the platform; their owner claims them later
// through an invitation (invitations.ts).

export interface UnclaimedCompany {
  name: string;
  country: string;
  taxId: string | null;
  relationship: 'buyer' | 'supplier';
  contactEmail: string | null;
  addedByCompanyId: string;
  createdBy: string | null;
}

/** A counterparty not on the platform, visible only to the company that added it until claimed. */
export function insertUnclaimedCompany(trx: Tx, company: UnclaimedCompany) {
  return trx
    .insertInto('companies')
    .values({
      name: company.name,
      legal_name: company.name,
      country: company.country,
      base_currency: company.country === 'IN' ? 'INR' : 'USD',
      tax_id: company.taxId,
      is_supplier: company.relationship === 'supplier',
      is_buyer: company.relationship === 'buyer',
      claimed: false,
      added_by_company_id: company.addedByCompanyId,
      contact_email: company.contactEmail,
      listed_in_directory: false,
      created_by: company.createdBy,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

/** An unclaimed company this company added, for inviting its owner to claim it. */
export function findAddedCompany(db: Executor, companyId: string, addedByCompanyId: string) {
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'claimed', 'contact_email'])
    .where('id', '=', companyId)
    .where('added_by_company_id', '=', addedByCompanyId)
    .executeTakeFirst();
}

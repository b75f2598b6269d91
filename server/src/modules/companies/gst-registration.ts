import type { Executor } from '@tradeloom/db';

/** Where a company is registered for GST on a document: the branch's state and GSTIN, else the head office's. */
export interface GstRegistration {
  companyId: string;
  name: string;
  legalName: string;
  country: string;
  stateCode: string | null;
  state: string | null;
  gstin: string | null;
}

/**
 * A party's GST registration for a document raised from (or shipped to) `branchId`: that branch's
 * state and GSTIN, falling back to the head office's and to the company's tax id.
 */
export async function gstRegistrationOf(db: Executor, companyId: string, branchId: string | null): Promise<GstRegistration> {
  const company = await db
    .selectFrom('companies')
    .select(['id', 'name', 'legal_name', 'country', 'tax_id'])
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  let branchQuery = db.selectFrom('branches').select(['state_code', 'state', 'gstin']).where('company_id', '=', companyId);
  branchQuery = branchId
    ? branchQuery.where('id', '=', branchId)
    : branchQuery.orderBy('is_head_office', 'desc').orderBy('created_at').limit(1);
  const branch = await branchQuery.executeTakeFirst();
  return {
    companyId,
    name: company.name,
    legalName: company.legal_name,
    country: company.country,
    stateCode: branch?.state_code ?? null,
    state: branch?.state || null,
    gstin: branch?.gstin ?? company.tax_id,
  };
}

import type { Executor } from '@tradeloom/db';

// What finance needs of a complaint to issue its agreed credit note: the parties, what it is
// about, and the resolution with its amount. The support module owns the table; finance reads
// it only through this.

export function findComplaintCredit(db: Executor, complaintId: string, companyId: string) {
  return db
    .selectFrom('complaints')
    .select([
      'id',
      'number',
      'status',
      'about_type as aboutType',
      'about_id as aboutId',
      'resolution_kind as resolutionKind',
      'credit_amount as creditAmount',
      'supplier_company_id as supplierCompanyId',
      'buyer_company_id as buyerCompanyId',
    ])
    .where('id', '=', complaintId)
    .where((eb) => eb.or([eb('supplier_company_id', '=', companyId), eb('buyer_company_id', '=', companyId)]))
    .executeTakeFirst();
}

import type { Executor, Tx } from '@tradeloom/db';

// The company fields KYC documents vouch for, and the verification status their review decides.
// kyc owns the documents and the review; the company row is written only here.

const ATTESTED_COLUMNS = ['legal_name', 'tax_id', 'country', 'bank_account'] as const;

export type ChangeableField = 'legal_name' | 'tax_id' | 'bank_account';

/** The attested values, locked until the reviewer's transaction ends when `lock` is set. */
export function findAttestedValues(db: Executor, companyId: string, options: { lock: boolean }) {
  const query = db.selectFrom('companies').select(ATTESTED_COLUMNS).where('id', '=', companyId);
  return (options.lock ? query.forUpdate() : query).executeTakeFirstOrThrow();
}

/** The attested values and name of several companies at once (a review queue). */
export async function attestedValuesOf(db: Executor, companyIds: string[]) {
  const rows = companyIds.length
    ? await db
        .selectFrom('companies')
        .select(['id', 'name', ...ATTESTED_COLUMNS])
        .where('id', 'in', [...new Set(companyIds)])
        .execute()
    : [];
  return new Map(rows.map((row) => [row.id, row]));
}

/** Applies an approved change request to the company record. */
export async function applyAttestedChange(trx: Tx, companyId: string, field: ChangeableField, value: string, now: Date) {
  await trx
    .updateTable('companies')
    .set((eb) => ({ [field]: value, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', companyId)
    .execute();
}

export async function setVerificationStatus(
  trx: Executor,
  companyId: string,
  status: 'unverified' | 'pending' | 'verified' | 'rejected',
): Promise<void> {
  await trx.updateTable('companies').set({ verification_status: status }).where('id', '=', companyId).execute();
}

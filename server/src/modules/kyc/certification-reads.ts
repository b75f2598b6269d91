import type { Executor } from '@tradeloom/db';

// What other modules read about certifications, owned here.

/** A certification is "expiring" (listed so, and its company reminded) this many days before it ends. */
export const CERTIFICATION_WARNING_DAYS = 30;

/** The last valid day (`YYYY-MM-DD`) a certification may have on `today` to count as expiring. */
export function expiringThrough(today: string): string {
  const until = new Date(`${today}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + CERTIFICATION_WARNING_DAYS);
  return until.toISOString().slice(0, 10);
}

/** Certifications of every company still valid on `today` that end within the warning period. */
export function findExpiringCertifications(db: Executor, today: string) {
  return db
    .selectFrom('certifications')
    .select(['id', 'company_id as companyId', 'standard', 'number', 'valid_to as validTo'])
    .where('valid_to', '>=', today)
    .where('valid_to', '<=', expiringThrough(today))
    .orderBy('valid_to')
    .orderBy('id')
    .execute();
}

import { type Executor, inTransaction } from '@tradeloom/db';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { appError } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { findTradingProfile } from '../companies/company-reads.ts';

// India's financial year runs April–March (labelled 2026-27); elsewhere we default to the
// calendar year. A company can add its own years; documents check their date against them.

export function defaultYearFor(country: string, isoDate: string): { label: string; startsOn: string; endsOn: string } {
  const year = Number(isoDate.slice(0, 4));
  if (country === 'IN') {
    const start = isoDate.slice(5) >= '04-01' ? year : year - 1;
    return { label: `${start}-${String((start + 1) % 100).padStart(2, '0')}`, startsOn: `${start}-04-01`, endsOn: `${start + 1}-03-31` };
  }
  return { label: String(year), startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
}

export async function findFinancialYear(db: Executor, companyId: string, isoDate: string) {
  return db
    .selectFrom('financial_years')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('starts_on', '<=', isoDate)
    .where('ends_on', '>=', isoDate)
    .executeTakeFirst();
}

/**
 * The year that holds `isoDate`, created with the default bounds of the company's country when
 * missing (the country is looked up only then, unless the caller knows it).
 */
export async function ensureFinancialYear(trx: Executor, companyId: string, isoDate: string, country?: string) {
  const existing = await findFinancialYear(trx, companyId, isoDate);
  if (existing) return existing;
  const countryCode = country ?? (await findTradingProfile(trx, companyId)).country;
  const year = defaultYearFor(countryCode, isoDate);
  await trx
    .insertInto('financial_years')
    .values({ company_id: companyId, label: year.label, starts_on: year.startsOn, ends_on: year.endsOn })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const created = await findFinancialYear(trx, companyId, isoDate);
  if (!created)
    throw appError('CONFLICT', 'FINANCIAL_YEAR_OVERLAP', `No financial year covers ${isoDate} and the default one overlaps another.`);
  return created;
}

/** Documents dated in a closed year cannot be created or changed. */
export function assertYearOpen(year: { label: string; status: string }, isoDate: string): void {
  if (year.status === 'closed') {
    throw appError(
      'CONFLICT',
      'FINANCIAL_YEAR_CLOSED',
      `The financial year ${year.label} is closed; documents dated ${isoDate} cannot change.`,
    );
  }
}

/**
 * A change to an existing document dated `isoDate` (cancel, receive, allocate, note…): refused
 * with FINANCIAL_YEAR_CLOSED when the company closed that year. A date in no year is open.
 */
export async function assertDocumentDateOpen(db: Executor, companyId: string, isoDate: string): Promise<void> {
  const year = await findFinancialYear(db, companyId, isoDate);
  if (year) assertYearOpen(year, isoDate);
}

export async function listFinancialYears(db: Executor, companyId: string) {
  return db
    .selectFrom('financial_years')
    .select((eb) => [
      'id',
      'label',
      'starts_on as startsOn',
      'ends_on as endsOn',
      'status',
      'closed_at as closedAt',
      userNameOf(eb.ref('closed_by')).as('closedByName'),
    ])
    .where('company_id', '=', companyId)
    .orderBy('starts_on', 'desc')
    .execute();
}

export async function createFinancialYear(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { label: string; startsOn: string; endsOn: string },
) {
  return inTransaction(ctx.deps.db, async (trx) => {
    // No unique index can forbid overlapping ranges: creates for one company take turns instead.
    await lockUntilCommit(trx, 'financial_years', actor.companyId);
    const overlap = await trx
      .selectFrom('financial_years')
      .select('label')
      .where('company_id', '=', actor.companyId)
      .where((eb) =>
        eb.or([eb('label', '=', input.label), eb.and([eb('starts_on', '<=', input.endsOn), eb('ends_on', '>=', input.startsOn)])]),
      )
      .executeTakeFirst();
    if (overlap) throw appError('CONFLICT', 'FINANCIAL_YEAR_OVERLAP', `It overlaps the financial year ${overlap.label}.`);
    const year = await trx
      .insertInto('financial_years')
      .values({ company_id: actor.companyId, label: input.label, starts_on: input.startsOn, ends_on: input.endsOn })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'financial_year.created',
      entityType: 'financial_year',
      entityId: year.id,
      after: input,
    });
    return { id: year.id };
  });
}

/** A company's year by its label ("2026-27"), or undefined (another company's is undefined too). */
export async function findFinancialYearByLabel(db: Executor, companyId: string, label: string) {
  return db.selectFrom('financial_years').selectAll().where('company_id', '=', companyId).where('label', '=', label).executeTakeFirst();
}

export async function findFinancialYearById(db: Executor, companyId: string, financialYearId: string) {
  return db
    .selectFrom('financial_years')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('id', '=', financialYearId)
    .executeTakeFirst();
}

/** The year that follows `year` (starting the day after it ends), created with default bounds when missing. */
export async function ensureFollowingYear(trx: Executor, companyId: string, year: { ends_on: string }) {
  const dayAfter = new Date(`${year.ends_on}T00:00:00Z`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  return ensureFinancialYear(trx, companyId, dayAfter.toISOString().slice(0, 10));
}

/** The year after `year` if the company has it (no default is created). */
export async function findFollowingYear(db: Executor, companyId: string, year: { ends_on: string }) {
  return db
    .selectFrom('financial_years')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('starts_on', '>', year.ends_on)
    .orderBy('starts_on')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Locks (closed) or unlocks (open) a year for dated documents; the finance year close decides
 * when. Returns false when the year was not in the other state.
 */
export async function setFinancialYearStatus(
  trx: Executor,
  input: { companyId: string; financialYearId: string; status: 'open' | 'closed'; userId: string | null; at: Date },
): Promise<boolean> {
  const closing = input.status === 'closed';
  const result = await trx
    .updateTable('financial_years')
    .set(
      closing ? { status: 'closed', closed_at: input.at, closed_by: input.userId } : { status: 'open', closed_at: null, closed_by: null },
    )
    .where('id', '=', input.financialYearId)
    .where('company_id', '=', input.companyId)
    .where('status', '=', closing ? 'open' : 'closed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

import { type Executor, inTransaction } from '@tradeloom/db';
import {
  type AttestedField,
  type BranchInput,
  type CreateCompanyInput,
  gstinStateCode,
  isValidGstin,
  ROLE_PERMISSIONS,
  type Role,
  type UpdateCompanyInput,
} from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { lockUntilCommit } from '../../lib/advisory-lock.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { setActiveCompany } from '../auth/sessions.service.ts';
import { recordChange } from '../events/record-change.ts';
import { assertAttestedFieldsEditable } from '../kyc/kyc.service.ts';
import { ensureFinancialYear } from '../settings/financial-years.service.ts';

const DEFAULT_CURRENCY: Record<string, string> = { IN: 'INR', US: 'USD', GB: 'GBP', BD: 'BDT', PK: 'PKR', CN: 'CNY', VN: 'VND', TR: 'TRY' };

export function companySummary(db: Executor) {
  return db
    .selectFrom('companies')
    .select((eb) => [
      'companies.id',
      'companies.name',
      'companies.legal_name as legalName',
      'companies.country',
      'companies.base_currency as baseCurrency',
      'companies.tax_id as taxId',
      'companies.is_buyer as isBuyer',
      'companies.is_supplier as isSupplier',
      'companies.status',
      'companies.verification_status as verificationStatus',
      'companies.listed_in_directory as listedInDirectory',
      'companies.version',
      isoTimestamp(eb.ref('companies.created_at')).as('createdAt'),
    ]);
}

export async function createCompany(ctx: ServiceContext, userId: string, sessionId: string | null, input: CreateCompanyInput) {
  const { clock } = ctx.deps;
  return inTransaction(ctx.deps.db, async (trx) => {
    const company = await trx
      .insertInto('companies')
      .values({
        name: input.name,
        legal_name: input.legalName ?? input.name,
        country: input.country,
        base_currency: input.baseCurrency ?? DEFAULT_CURRENCY[input.country] ?? 'USD',
        tax_id: input.taxId ? input.taxId.toUpperCase() : null,
        is_buyer: input.isBuyer,
        is_supplier: input.isSupplier,
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('memberships').values({ company_id: company.id, user_id: userId, role: 'owner' }).execute();
    await ensureFinancialYear(trx, company.id, clock.now().toISOString().slice(0, 10), input.country);
    // The creator starts working in the new company at once.
    if (sessionId) await setActiveCompany(trx, sessionId, company.id);
    const created = await companySummary(trx).where('companies.id', '=', company.id).executeTakeFirstOrThrow();
    await recordChange(trx, { userId }, ctx.request, {
      companyId: company.id,
      action: 'company.created',
      entityType: 'company',
      entityId: company.id,
      after: created,
    });
    return created;
  });
}

export async function listMyCompanies(db: Executor, userId: string) {
  return companySummary(db)
    .innerJoin('memberships', 'memberships.company_id', 'companies.id')
    .select(['memberships.role'])
    .where('memberships.user_id', '=', userId)
    .where('companies.status', '!=', 'closed')
    .orderBy('companies.name')
    .execute();
}

export async function getCompany(db: Executor, actor: CompanyActor) {
  const company = await companySummary(db).where('companies.id', '=', actor.companyId).executeTakeFirst();
  if (!company) throw notFound('Company');
  const branches = await listBranches(db, actor.companyId);
  return { ...company, branches };
}

/** The columns an update names, with the tax id normalised; left-out fields stay `undefined`. */
function companyChanges(input: UpdateCompanyInput) {
  return {
    name: input.name,
    legal_name: input.legalName,
    country: input.country,
    base_currency: input.baseCurrency,
    tax_id: input.taxId === undefined ? undefined : input.taxId ? input.taxId.toUpperCase() : null,
    is_buyer: input.isBuyer,
    is_supplier: input.isSupplier,
  };
}

type CompanySummary = Awaited<ReturnType<ReturnType<typeof companySummary>['executeTakeFirstOrThrow']>>;

/** The attested fields (legal name, tax id, country) whose value this update really changes. */
function changedAttestedFields(changes: ReturnType<typeof companyChanges>, before: CompanySummary): AttestedField[] {
  const current = { legal_name: before.legalName, tax_id: before.taxId, country: before.country };
  return (Object.keys(current) as (keyof typeof current)[]).filter((field) => {
    const next = changes[field];
    return next !== undefined && next !== current[field];
  });
}

// The schema checks the GSTIN only when the update names the country; otherwise the stored one decides.
function assertTaxIdFitsCountry(changes: ReturnType<typeof companyChanges>, before: CompanySummary) {
  const country = changes.country ?? before.country;
  if (country === 'IN' && changes.tax_id && !isValidGstin(changes.tax_id)) {
    throw invalidFields({ taxId: 'is not a valid GSTIN (check the 15 characters and the check digit)' });
  }
}

export async function updateCompany(ctx: ServiceContext, actor: CompanyActor, input: UpdateCompanyInput) {
  if (input.companyId !== actor.companyId) throw notFound('Company');
  return inTransaction(ctx.deps.db, async (trx) => {
    const before = await companySummary(trx).where('companies.id', '=', actor.companyId).executeTakeFirst();
    if (!before) throw notFound('Company');
    const changes = companyChanges(input);
    assertTaxIdFitsCountry(changes, before);
    await assertAttestedFieldsEditable(trx, before, changedAttestedFields(changes, before));
    // Kysely leaves undefined values out of the SET list: fields the caller left out keep their value.
    const updated = await trx
      .updateTable('companies')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
      .where('id', '=', actor.companyId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw staleVersion('company');
    const after = await companySummary(trx).where('companies.id', '=', actor.companyId).executeTakeFirstOrThrow();
    await recordChange(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.updated',
      entityType: 'company',
      entityId: actor.companyId,
      before,
      after,
    });
    return after;
  });
}

export async function switchCompany(ctx: ServiceContext, session: { sessionId: string; userId: string }, companyId: string) {
  const membership = await ctx.deps.db
    .selectFrom('memberships')
    .innerJoin('companies', 'companies.id', 'memberships.company_id')
    .select(['memberships.role', 'companies.status'])
    .where('memberships.company_id', '=', companyId)
    .where('memberships.user_id', '=', session.userId)
    .executeTakeFirst();
  // Not a member looks exactly like no such company.
  if (!membership || membership.status === 'closed') throw notFound('Company');
  await setActiveCompany(ctx.deps.db, session.sessionId, companyId);
  return { companyId, role: membership.role as Role, permissions: [...ROLE_PERMISSIONS[membership.role as Role]] };
}

export async function listBranches(db: Executor, companyId: string) {
  return db
    .selectFrom('branches')
    .select([
      'id',
      'name',
      'address_line as addressLine',
      'city',
      'state',
      'state_code as stateCode',
      'postal_code as postalCode',
      'country',
      'gstin',
      'is_head_office as isHeadOffice',
    ])
    .where('company_id', '=', companyId)
    .orderBy('is_head_office', 'desc')
    .orderBy('name')
    .execute();
}

export async function createBranch(ctx: ServiceContext, actor: CompanyActor, input: BranchInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    if (input.isHeadOffice) {
      // One head office: a concurrent create would not see this one's new row and keep both.
      await lockUntilCommit(trx, 'head_office', actor.companyId);
      await trx.updateTable('branches').set({ is_head_office: false }).where('company_id', '=', actor.companyId).execute();
    }
    const branch = await trx
      .insertInto('branches')
      .values({
        company_id: actor.companyId,
        name: input.name,
        address_line: input.addressLine,
        city: input.city,
        state: input.state,
        // For GST the state is the GSTIN's first two digits: it decides CGST+SGST versus IGST.
        state_code: input.gstin ? gstinStateCode(input.gstin) : null,
        postal_code: input.postalCode,
        country: input.country,
        gstin: input.gstin ?? null,
        is_head_office: input.isHeadOffice,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'branch.created',
      entityType: 'branch',
      entityId: branch.id,
      after: input,
    });
    return { id: branch.id };
  });
}

export async function assertBranchesBelong(db: Executor, companyId: string, branchIds: string[]): Promise<void> {
  if (!branchIds.length) return;
  const found = await db.selectFrom('branches').select('id').where('company_id', '=', companyId).where('id', 'in', branchIds).execute();
  if (found.length !== new Set(branchIds).size) throw notFound('Branch');
}

/** Whether the user belongs to the company (in any role). */
export async function isMemberOf(db: Executor, companyId: string, userId: string): Promise<boolean> {
  const membership = await db
    .selectFrom('memberships')
    .select('company_id')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return membership !== undefined;
}

/** The ids of the companies a user belongs to, the one joined first first. */
export async function membershipCompaniesOldestFirst(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('company_id').where('user_id', '=', userId).orderBy('created_at').execute();
  return rows.map((row) => row.company_id);
}

/** The companies a user belongs to, by id. */
export async function memberCompanyIds(db: Executor, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('memberships').select('company_id').where('user_id', '=', userId).execute();
  return new Set(rows.map((row) => row.company_id));
}

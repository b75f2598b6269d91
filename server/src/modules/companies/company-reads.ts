import type { Executor } from '@tradeloom/db';
import type { Role } from '@tradeloom/shared';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { selectActiveUserProfiles } from '../auth/user-reads.ts';

// What other modules read about a company, owned here: names for display, whether a company is
// on the platform, its tax profile for pricing and its order-approval setting.

type CompanyId = string | Expression<string>;

/** The company's name as a scalar subquery, for another module's select list (one statement). */
export function companyNameOf(companyId: CompanyId): RawBuilder<string> {
  return sql<string>`(select companies.name from companies where companies.id = ${companyId})`;
}

/** Whether the company has been claimed (is on the platform), as a scalar subquery. */
export function companyClaimedOf(companyId: CompanyId): RawBuilder<boolean> {
  return sql<boolean>`(select companies.claimed from companies where companies.id = ${companyId})`;
}

/** The company's status (active, suspended, closed) as a scalar subquery. */
export function companyStatusOf(companyId: CompanyId): RawBuilder<'active' | 'suspended' | 'closed'> {
  return sql<'active' | 'suspended' | 'closed'>`(select companies.status from companies where companies.id = ${companyId})`;
}

/**
 * The user's role in the company while the company is active and the member not disabled (else
 * null), as a scalar subquery.
 */
export function activeMemberRoleOf(userId: Expression<string>, companyId: string): RawBuilder<Role | null> {
  return sql<Role | null>`(select memberships.role from memberships join companies on companies.id = memberships.company_id where memberships.user_id = ${userId} and memberships.company_id = ${companyId} and companies.status = 'active' and memberships.disabled_at is null)`;
}

/** The user's role in the company, whether an admin disabled them there, the company's status and 2FA rule; undefined when not a member. */
export function findMembershipStanding(db: Executor, companyId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('companies', 'companies.id', 'memberships.company_id')
    .select([
      'memberships.role',
      'memberships.disabled_at as disabledAt',
      'memberships.branch_ids as branchIds',
      'companies.status',
      'companies.require_two_factor as requireTwoFactor',
    ])
    .where('memberships.company_id', '=', companyId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}

export async function findCompanyName(db: Executor, companyId: string): Promise<string> {
  const company = await db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow();
  return company.name;
}

/** A name lookup for one read or job that asks for each company's name once, however often it is named. */
export function companyNamesOnce(db: Executor): (companyId: string) => Promise<string> {
  const names = new Map<string, Promise<string>>();
  return (companyId) => {
    let name = names.get(companyId);
    if (!name) {
      name = findCompanyName(db, companyId);
      names.set(companyId, name);
    }
    return name;
  };
}

/** What the company trades as: buyer, supplier, where, and its base currency. */
export function findTradingProfile(db: Executor, companyId: string) {
  return db
    .selectFrom('companies')
    .select(['name', 'country', 'is_buyer as isBuyer', 'is_supplier as isSupplier', 'base_currency as baseCurrency'])
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
}

export async function isCompanyClaimed(db: Executor, companyId: string): Promise<boolean> {
  const company = await db.selectFrom('companies').select('claimed').where('id', '=', companyId).executeTakeFirstOrThrow();
  return company.claimed;
}

export interface PartyTaxProfile {
  country: string;
  /** The head office (or first) branch's state code: it decides CGST+SGST versus IGST. */
  stateCode: string | null;
  currency: string;
  threshold: string | null;
}

/** Both parties' tax profiles in one round trip. */
export async function partyTaxProfiles(db: Executor, buyerId: string, supplierId: string) {
  const rows = await db
    .selectFrom('companies as c')
    .select((eb) => [
      'c.id',
      'c.country',
      'c.base_currency',
      'c.order_approval_threshold',
      eb
        .selectFrom('branches as b')
        .select('b.state_code')
        .whereRef('b.company_id', '=', 'c.id')
        .orderBy('b.is_head_office', 'desc')
        .orderBy('b.created_at')
        .limit(1)
        .as('state_code'),
    ])
    .where('c.id', 'in', [buyerId, supplierId])
    .execute();
  const profile = (id: string): PartyTaxProfile => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error(`company ${id} not found`);
    return { country: row.country, stateCode: row.state_code, currency: row.base_currency, threshold: row.order_approval_threshold };
  };
  return { buyer: profile(buyerId), supplier: profile(supplierId) };
}

/**
 * A company the actor may see as a counterparty: any claimed, active company, or an unclaimed
 * one the actor's company added itself.
 */
export function findVisibleCompany(db: Executor, companyId: string, viewerCompanyId: string) {
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'status', 'is_buyer', 'is_supplier', 'claimed', 'added_by_company_id'])
    .where('id', '=', companyId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('claimed', '=', true), eb('added_by_company_id', '=', viewerCompanyId)]))
    .executeTakeFirst();
}

/**
 * The cards of companies as others see them in a partner list, as a query on `companies` that the
 * caller joins its own table onto (one statement).
 */
export function selectCompanyCards(db: Executor, viewerCompanyId: string) {
  return db.selectFrom('companies').select([
    'companies.id as partnerId',
    'companies.name as partnerName',
    'companies.country as partnerCountry',
    'companies.verification_status as partnerVerification',
    'companies.claimed as partnerClaimed',
    // The contact email is what the company that added an unclaimed counterparty typed: its own
    // record, never shown to the companies that link with it later.
    sql<string | null>`CASE WHEN companies.added_by_company_id = ${viewerCompanyId} THEN companies.contact_email END`.as(
      'partnerContactEmail',
    ),
  ]);
}

/** The listed, claimed, active companies of the directory (other than the viewer), by name. */
export function selectDirectoryCompanies(db: Executor, viewerCompanyId: string) {
  return db
    .selectFrom('companies as c')
    .select((eb) => [
      'c.id',
      'c.name',
      'c.country',
      'c.is_buyer as isBuyer',
      'c.is_supplier as isSupplier',
      'c.verification_status as verificationStatus',
      eb
        .selectFrom('branches as b')
        .select(sql<string>`string_agg(DISTINCT b.city, ', ')`.as('cities'))
        .whereRef('b.company_id', '=', 'c.id')
        .as('cities'),
    ])
    .where('c.listed_in_directory', '=', true)
    .where('c.claimed', '=', true)
    .where('c.status', '=', 'active')
    .where('c.id', '!=', viewerCompanyId);
}

/** The company has a branch whose city or state matches the pattern (a `like` pattern, lower case). */
export function companyLocatedIn(companyId: Expression<string>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from branches where branches.company_id = ${companyId} and (lower(branches.city) like ${pattern} or lower(branches.state) like ${pattern}))`;
}

/** The company's tax id (its GSTIN in India) as a scalar subquery: orders snapshot it when sent. */
export function companyTaxIdOf(companyId: CompanyId): RawBuilder<string | null> {
  return sql<string | null>`(select companies.tax_id from companies where companies.id = ${companyId})`;
}

export async function isBranchOf(db: Executor, companyId: string, branchId: string): Promise<boolean> {
  const branch = await db
    .selectFrom('branches')
    .select('id')
    .where('id', '=', branchId)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return branch !== undefined;
}

const ADDRESS_COLUMNS = [
  'id as branchId',
  'name',
  'address_line as addressLine',
  'city',
  'state',
  'postal_code as postalCode',
  'country',
] as const;

/** A branch's postal address, for documents that ship to it. */
export function findBranchAddress(db: Executor, branchId: string) {
  return db.selectFrom('branches').select(ADDRESS_COLUMNS).where('id', '=', branchId).executeTakeFirst();
}

/** Every branch address of the company, head office first: where goods for it can be shipped. */
export function listBranchAddresses(db: Executor, companyId: string) {
  return db
    .selectFrom('branches')
    .select(ADDRESS_COLUMNS)
    .where('company_id', '=', companyId)
    .orderBy('is_head_office', 'desc')
    .orderBy('name')
    .execute();
}

/** The company's billing address: its head office, or its first branch when none is marked. */
export function findBillingAddress(db: Executor, companyId: string) {
  return db
    .selectFrom('branches')
    .select(ADDRESS_COLUMNS)
    .where('company_id', '=', companyId)
    .orderBy('is_head_office', 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** The branch's name as a scalar subquery, for another module's select. */
export function branchNameOf(branchId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select branches.name from branches where branches.id = ${branchId})`;
}

/** The user a membership is for, as a scalar subquery: the audit log names a membership by its person. */
export function membershipUserOf(membershipId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select memberships.user_id from memberships where memberships.id = ${membershipId})`;
}

/** The email an invitation was sent to, as a scalar subquery. */
export function invitationEmailOf(invitationId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select invitations.email from invitations where invitations.id = ${invitationId})`;
}

/** The city of the company's head office (or of any branch), as a scalar subquery for a list. */
export function companyCityOf(companyId: CompanyId): RawBuilder<string | null> {
  return sql<
    string | null
  >`(select branches.city from branches where branches.company_id = ${companyId} order by branches.is_head_office desc, branches.created_at limit 1)`;
}

/** Whether the company's KYC is verified, as a scalar subquery (the trade desk shows it beside a counterparty). */
export function companyVerifiedOf(companyId: CompanyId): RawBuilder<boolean> {
  return sql<boolean>`(select companies.verification_status = 'verified' from companies where companies.id = ${companyId})`;
}

/** A company's active members as notification recipients: who they are, their role and branches. */
export async function activeMembersOf(
  db: Executor,
  companyId: string,
): Promise<{ userId: string; name: string; email: string; role: Role; branchIds: string[] }[]> {
  const rows = await selectActiveUserProfiles(db)
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['memberships.role', 'memberships.branch_ids as branchIds'])
    .where('memberships.company_id', '=', companyId)
    .where('memberships.disabled_at', 'is', null)
    .orderBy('users.id')
    .execute();
  return rows.map(({ id, name, email, role, branchIds }) => ({ userId: id, name, email, role, branchIds }));
}

/** The companies a user may act for now: active companies where an admin has not disabled them. */
export async function activeCompanyIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('companies', 'companies.id', 'memberships.company_id')
    .select('memberships.company_id')
    .where('memberships.user_id', '=', userId)
    .where('memberships.disabled_at', 'is', null)
    .where('companies.status', '=', 'active')
    .orderBy('memberships.company_id')
    .execute();
  return rows.map((row) => row.company_id);
}

import { type Database, type Executor, inTransaction, type Tx } from '@tradeloom/db';
import type { masterSaved, saveLocationInput, saveQualityParameterInput, saveTermInput, saveVarietyInput } from '@tradeloom/shared';
import { type Insertable, sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { uniqueViolationConflict } from '../../lib/unique-violation.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import type { AuditActor } from '../audit/audit.service.ts';
import { isKnownCommodity } from '../catalog/catalog-lookups.ts';
import { recordChange } from '../events/record-change.ts';
import { GROUP_COLUMN, type OverridableTable } from './master-rows.ts';

// Saving a master row. A company saves its own rows; operators save the platform's defaults. A
// company's row with a default's code overrides the default for that company alone, so a company
// never touches a platform row itself: by id it is not found, as is another company's row.

/** Whose row is saved: the active company's (its admin) or the platform's (an operator). */
export type MasterScope = { company: CompanyActor } | { platform: string };

export function scopeParts(scope: MasterScope): { companyId: string | null; actor: AuditActor } {
  return 'company' in scope
    ? { companyId: scope.company.companyId, actor: scope.company }
    : { companyId: null, actor: { userId: scope.platform } };
}

type Saved = z.infer<typeof masterSaved>;

interface SaveSpec<T extends OverridableTable> {
  table: T;
  /** How the record is named in messages: "This variety was changed…". */
  what: string;
  id?: string;
  version?: number;
  group: string;
  code: string;
  /** The columns the input sets, other than company, group and code. */
  columns: Omit<Insertable<Database[T]>, 'company_id' | 'code' | (typeof GROUP_COLUMN)[T]>;
}

function sameScope(companyId: string | null) {
  return companyId === null ? sql<boolean>`company_id is null` : sql<boolean>`company_id = ${companyId}`;
}

/**
 * One save for every overridable master: create without an id; with an id, the scope's own row at
 * the version it read. The code and its group name the row (offers and lots store them), so they
 * stay as saved; a different code is a new row.
 */
async function saveMasterRow<T extends OverridableTable>(ctx: ServiceContext, scope: MasterScope, spec: SaveSpec<T>): Promise<Saved> {
  const { companyId, actor } = scopeParts(scope);
  const group = GROUP_COLUMN[spec.table];
  // Dynamic table: every overridable table has these columns; the spec's types keep the values right.
  const table = spec.table as 'trade_terms';
  const columns = spec.columns as Record<string, unknown>;
  try {
    return await inTransaction(ctx.deps.db, async (trx) => {
      if (spec.id) {
        const before = await trx
          .selectFrom(table)
          .selectAll()
          .where('id', '=', spec.id)
          .where(sameScope(companyId))
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw notFound(capitalise(spec.what));
        if (before.version !== spec.version) throw staleVersion(spec.what);
        const problems: Record<string, string> = {};
        if (String(before[group as keyof typeof before]) !== spec.group)
          problems[camel(group)] = 'cannot be changed; add a new row instead';
        if (before.code !== spec.code) problems.code = 'cannot be changed; add a new row instead';
        if (Object.keys(problems).length) throw invalidFields(problems);
        const after = await trx
          .updateTable(table)
          .set({ ...columns, version: before.version + 1, updated_at: ctx.deps.clock.now() })
          .where('id', '=', before.id)
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
        await record(trx, ctx, actor, companyId, after.id, auditable(before), { ...columns, code: spec.code, [group]: spec.group });
        return after;
      }
      await assertCodeFree(trx, table, companyId, group, spec);
      const created = await trx
        .insertInto(table)
        .values({ ...columns, company_id: companyId, code: spec.code, [group]: spec.group } as Insertable<Database['trade_terms']>)
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
      await record(trx, ctx, actor, companyId, created.id, undefined, { ...columns, code: spec.code, [group]: spec.group });
      return created;
    });
  } catch (error) {
    // A concurrent save of the same code passed the check above; the unique index decided.
    if (uniqueViolationConflict(error)) throw codeTaken(spec.what);
    throw error;
  }
}

async function assertCodeFree(
  trx: Tx,
  table: 'trade_terms',
  companyId: string | null,
  group: string,
  spec: { code: string; group: string; what: string },
) {
  const taken = await trx
    .selectFrom(table)
    .select('id')
    .where(sameScope(companyId))
    .where(sql.ref(group), '=', spec.group)
    .where('code', '=', spec.code)
    .executeTakeFirst();
  if (taken) throw codeTaken(spec.what);
}

function codeTaken(what: string) {
  return appError('CONFLICT', 'ALREADY_EXISTS', `code: there is already a ${what} with this code; edit that one instead.`);
}

async function record(
  trx: Executor,
  ctx: ServiceContext,
  actor: AuditActor,
  companyId: string | null,
  id: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
) {
  await recordChange(trx, actor, ctx.request, {
    companyId,
    action: 'master.saved',
    event: 'master.changed',
    entityType: 'master',
    entityId: id,
    before,
    after,
  });
}

/** The row as the audit log keeps it: its fields, without bookkeeping. */
function auditable(row: Record<string, unknown>) {
  const { id: _id, company_id: _company, created_at: _created, updated_at: _updated, version: _version, ...fields } = row;
  return fields;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

async function assertCommodity(ctx: ServiceContext, commodityCode: string) {
  if (!(await isKnownCommodity(ctx.deps.db, commodityCode))) throw invalidFields({ commodityCode: `unknown commodity “${commodityCode}”` });
}

export async function saveVariety(ctx: ServiceContext, scope: MasterScope, input: z.output<typeof saveVarietyInput>): Promise<Saved> {
  await assertCommodity(ctx, input.commodityCode);
  return saveMasterRow(ctx, scope, {
    table: 'commodity_varieties',
    what: 'variety',
    id: input.id,
    version: input.version,
    group: input.commodityCode,
    code: input.code,
    columns: { name: input.name, aliases: [...new Set(input.aliases)], active: input.active },
  });
}

export async function saveQualityParameter(
  ctx: ServiceContext,
  scope: MasterScope,
  input: z.output<typeof saveQualityParameterInput>,
): Promise<Saved> {
  await assertCommodity(ctx, input.commodityCode);
  return saveMasterRow(ctx, scope, {
    table: 'quality_parameters',
    what: 'quality parameter',
    id: input.id,
    version: input.version,
    group: input.commodityCode,
    code: input.code,
    columns: {
      name: input.name,
      unit: input.unit,
      min_allowed: input.minAllowed,
      max_allowed: input.maxAllowed,
      sort_order: input.sortOrder,
      active: input.active,
    },
  });
}

/** The columns of a location as saved (by hand or by the CSV import). */
export function locationColumns(input: { name: string; stateCode: string; city?: string; address?: string; active: boolean }) {
  return {
    name: input.name,
    state_code: input.stateCode,
    city: input.city || null,
    address: input.address || null,
    active: input.active,
  };
}

export function saveLocation(ctx: ServiceContext, scope: MasterScope, input: z.output<typeof saveLocationInput>): Promise<Saved> {
  return saveMasterRow(ctx, scope, {
    table: 'trade_locations',
    what: 'location',
    id: input.id,
    version: input.version,
    group: input.kind,
    code: input.code,
    columns: locationColumns(input),
  });
}

export function saveTerm(ctx: ServiceContext, scope: MasterScope, input: z.output<typeof saveTermInput>): Promise<Saved> {
  // Only a payment term counts days of credit.
  if (input.kind !== 'payment' && input.paymentDays !== undefined) throw invalidFields({ paymentDays: 'applies to payment terms only' });
  return saveMasterRow(ctx, scope, {
    table: 'trade_terms',
    what: 'term',
    id: input.id,
    version: input.version,
    group: input.kind,
    code: input.code,
    columns: { name: input.name, body: input.body, payment_days: input.paymentDays ?? null, active: input.active },
  });
}

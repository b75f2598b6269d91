import { inTransaction } from '@tradeloom/db';
import { auditSentence, type CompanyStatusChangeInput, type ConsoleCompanyListInput } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { ServiceContext } from '../../deps.ts';
import { decodeNameIdCursor, escapeLike, nameIdCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, notFound } from '../../trpc/errors.ts';
import { countUnrevokedKeys } from '../api-keys/api-key-lookup.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { entityHistory } from '../audit/entity-history.ts';
import { selectUserProfiles } from '../auth/user-reads.ts';
import { emitEvent } from '../events/events.service.ts';

// Companies as platform operators see them: every company, searchable, and the one lever they
// hold over a company as a whole — suspending it and bringing it back.

const HISTORY_ROWS = 50;

/** What an operator reads of every company, in the list and on its page alike. */
const OPERATOR_COMPANY_COLUMNS = [
  'c.id',
  'c.name',
  'c.legal_name as legalName',
  'c.country',
  'c.tax_id as taxId',
  'c.status',
  'c.verification_status as verificationStatus',
  'c.claimed',
] as const;

/** Companies whose name, legal name, tax id or a branch GSTIN contains the search, by name. */
export async function listCompaniesForOperators(ctx: ServiceContext, input: ConsoleCompanyListInput) {
  let query = ctx.deps.db
    .selectFrom('companies as c')
    .select((eb) => [...OPERATOR_COMPANY_COLUMNS, isoTimestamp(eb.ref('c.created_at')).as('createdAt')])
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(input.limit + 1);
  if (input.status) query = query.where('c.status', '=', input.status);
  if (input.search) {
    const pattern = `%${escapeLike(input.search.toLowerCase())}%`;
    // GSTINs are stored upper case; the pattern is compared against lower() of each column.
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['c.name']), 'like', pattern),
        eb(eb.fn('lower', ['c.legal_name']), 'like', pattern),
        eb(eb.fn('lower', ['c.tax_id']), 'like', pattern),
        eb.exists(
          eb.selectFrom('branches as b').select('b.id').whereRef('b.company_id', '=', 'c.id').where(sql`lower(b.gstin)`, 'like', pattern),
        ),
      ]),
    );
  }
  if (input.cursor) {
    const after = decodeNameIdCursor(input.cursor);
    query = query.where((eb) => eb(eb.refTuple('c.name', 'c.id'), '>', eb.tuple(after.name, after.id)));
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? nameIdCursor(last) : null };
}

/** One company with its members, branch GSTINs, live API keys and its own history. */
export async function companyForOperators(ctx: ServiceContext, companyId: string) {
  const { db } = ctx.deps;
  const company = await db
    .selectFrom('companies as c')
    .select((eb) => [
      ...OPERATOR_COMPANY_COLUMNS,
      'c.status_reason as statusReason',
      isoTimestamp(eb.ref('c.status_changed_at')).as('statusChangedAt'),
      isoTimestamp(eb.ref('c.created_at')).as('createdAt'),
    ])
    .where('c.id', '=', companyId)
    .executeTakeFirst();
  if (!company) throw notFound('Company');
  const [branches, members, activeApiKeys, history] = await Promise.all([
    db.selectFrom('branches').select('gstin').where('company_id', '=', companyId).where('gstin', 'is not', null).execute(),
    selectUserProfiles(db)
      .innerJoin('memberships', 'memberships.user_id', 'users.id')
      .select(['memberships.role', 'memberships.disabled_at'])
      .where('memberships.company_id', '=', companyId)
      .orderBy('users.name')
      .execute(),
    countUnrevokedKeys(db, companyId),
    entityHistory(db, { entityType: 'company', entityId: companyId, limit: HISTORY_ROWS }),
  ]);
  return {
    ...company,
    gstins: branches.flatMap((b) => (b.gstin ? [b.gstin] : [])),
    members: members.map((m) => ({ userId: m.id, name: m.name, email: m.email, role: m.role, disabled: m.disabled_at !== null })),
    activeApiKeys,
    history: history.map((row) => ({
      id: Number(row.id),
      occurredAt: row.occurredAt,
      action: row.action,
      sentence: auditSentence(row.action),
      actorName: row.actorName,
      reason: reasonIn(row.after),
    })),
  };
}

function reasonIn(after: unknown): string | null {
  const reason = (after as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : null;
}

const STATUS_CHANGES = {
  suspend: { from: 'active', to: 'suspended', action: 'company.suspended', refused: 'Only an active company can be suspended.' },
  reactivate: { from: 'suspended', to: 'active', action: 'company.reactivated', refused: 'Only a suspended company can be reactivated.' },
} as const;

/**
 * Suspends or reactivates a company, with the operator's reason in its history. Every request
 * reads the company's status (sessions and API keys alike), so the change holds from the next
 * request; the event it emits makes each server re-check the company's open live streams, which
 * end. API keys are left as they were: after reactivation the keys that were valid work again.
 */
export async function changeCompanyStatus(
  ctx: ServiceContext,
  operatorId: string,
  change: keyof typeof STATUS_CHANGES,
  input: CompanyStatusChangeInput,
) {
  const { from, to, action, refused } = STATUS_CHANGES[change];
  return inTransaction(ctx.deps.db, async (trx) => {
    const now = ctx.deps.clock.now();
    const updated = await trx
      .updateTable('companies')
      .set((eb) => ({ status: to, status_reason: input.reason, status_changed_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', input.companyId)
      .where('status', '=', from)
      .returning(['id', 'status'])
      .executeTakeFirst();
    if (!updated) {
      const exists = await trx.selectFrom('companies').select('id').where('id', '=', input.companyId).executeTakeFirst();
      if (!exists) throw notFound('Company');
      throw appError('CONFLICT', 'ILLEGAL_TRANSITION', refused);
    }
    await recordAudit(trx, { userId: operatorId }, ctx.request, {
      companyId: input.companyId,
      action,
      entityType: 'company',
      entityId: input.companyId,
      before: { status: from },
      after: { status: to, reason: input.reason },
    });
    await emitEvent(trx, operatorId, ctx.request, {
      type: action,
      companyId: input.companyId,
      entityType: 'company',
      entityId: input.companyId,
    });
    return { id: updated.id, status: updated.status };
  });
}

import type { Executor } from '@tradeloom/db';
import {
  type ComplaintSummary,
  type ComplaintView,
  complaintActions,
  type complaintListInput,
  type complaintSummaryInput,
  type complaintSummaryReport,
  type Page,
  REOPEN_DAYS,
} from '@tradeloom/shared';
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, escapeLike, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { userNameOf } from '../auth/user-reads.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { describeFiles } from '../files/files.service.ts';
import { isComplaintParty, sideOf, slaStateOf } from './complaint-records.ts';
import { subjectLinkPath } from './complaint-subject.ts';

// Complaints as their two parties read them: one record, the SLA state worked out in SQL at the
// clock's now (so the list's filter and the badge agree), each party's internal notes its own.

type ListInput = z.output<typeof complaintListInput>;

function selectComplaints(db: Executor, companyId: string, now: Date) {
  return db
    .selectFrom('complaints as c')
    .selectAll('c')
    .select((eb) => [
      companyNameOf(eb.ref('c.buyer_company_id')).as('buyer_name'),
      companyNameOf(eb.ref('c.supplier_company_id')).as('supplier_name'),
      userNameOf(eb.ref('c.assignee_user_id')).as('assignee_name'),
      userNameOf(eb.ref('c.filed_by')).as('filed_by_name'),
      slaStateOf('c', now).as('sla'),
      isoTimestamp(eb.ref('c.first_response_due_at')).as('first_response_due_iso'),
      isoTimestamp(eb.ref('c.resolution_due_at')).as('resolution_due_iso'),
      isoTimestamp(eb.ref('c.created_at')).as('created_iso'),
      isoTimestamp(eb.ref('c.updated_at')).as('updated_iso'),
    ])
    .where(isComplaintParty('c', companyId));
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof selectComplaints>['executeTakeFirst']>>>;

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function toSummary(row: Row, companyId: string): ComplaintSummary {
  return {
    id: row.id,
    number: row.number,
    side: sideOf(row, companyId),
    buyer: { id: row.buyer_company_id, name: row.buyer_name },
    supplier: { id: row.supplier_company_id, name: row.supplier_name },
    about: {
      type: row.about_type,
      id: row.about_id,
      document: row.about_document,
      linkPath: subjectLinkPath(row.about_type, row.about_id),
    },
    category: row.category,
    status: row.status,
    amountClaimed: row.amount_claimed,
    currency: row.currency,
    assignee: person(row.assignee_user_id, row.assignee_name),
    escalated: row.escalated_at !== null,
    sla: row.sla,
    firstResponseDueAt: row.first_response_due_iso,
    resolutionDueAt: row.resolution_due_iso,
    createdAt: row.created_iso,
    updatedAt: row.updated_iso,
    version: row.version,
  };
}

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export async function getComplaint(ctx: ServiceContext, actor: CompanyActor, complaintId: string): Promise<ComplaintView> {
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const row = await selectComplaints(db, actor.companyId, now).where('c.id', '=', complaintId).executeTakeFirst();
  if (!row) throw notFound('Complaint');
  const [entries, evidence] = await Promise.all([
    db
      .selectFrom('complaint_entries as e')
      .select((eb) => [
        'e.id',
        'e.kind',
        'e.company_id',
        companyNameOf(eb.ref('e.company_id')).as('company_name'),
        'e.user_id',
        userNameOf(eb.ref('e.user_id')).as('user_name'),
        'e.internal',
        'e.body',
        'e.from_status',
        'e.to_status',
        isoTimestamp(eb.ref('e.created_at')).as('at'),
      ])
      .where('e.complaint_id', '=', row.id)
      // Each party reads everything shared and its own internal notes, never the other's.
      .where((eb) => eb.or([eb('e.internal', '=', false), eb('e.company_id', '=', actor.companyId)]))
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('complaint_evidence')
      .select(['file_id', 'company_id'])
      .where('complaint_id', '=', row.id)
      .orderBy('added_at')
      .orderBy('file_id')
      .execute(),
  ]);
  const files = await describeFiles(
    db,
    evidence.map((item) => item.file_id),
  );
  const side = sideOf(row, actor.companyId);
  const closed = row.status === 'resolved' || row.status === 'rejected';
  return {
    ...toSummary(row, actor.companyId),
    description: row.description,
    filedBy: person(row.filed_by, row.filed_by_name),
    escalatedAt: iso(row.escalated_at),
    escalationReason: row.escalation_reason,
    firstRespondedAt: iso(row.first_responded_at),
    closedAt: iso(row.closed_at),
    reopenUntil: closed && row.closed_at ? new Date(row.closed_at.getTime() + REOPEN_DAYS * 86_400_000).toISOString() : null,
    resolution: row.resolution_kind
      ? { kind: row.resolution_kind, creditAmount: row.credit_amount, note: row.resolution_note ?? '' }
      : null,
    reopenCount: row.reopen_count,
    evidence: evidence.flatMap((item) => {
      const file = files.get(item.file_id);
      return file
        ? [
            {
              fileId: file.fileId,
              name: file.filename,
              contentType: file.mime,
              sizeBytes: Number(file.sizeBytes),
              companyId: item.company_id,
            },
          ]
        : [];
    }),
    entries: entries.map((entry) => ({
      id: Number(entry.id),
      kind: entry.kind,
      company: { id: entry.company_id, name: entry.company_name },
      author: person(entry.user_id, entry.user_name),
      internal: entry.internal,
      body: entry.body,
      fromStatus: entry.from_status,
      toStatus: entry.to_status,
      at: entry.at,
    })),
    actions: complaintActions(row.status, side, { now, closedAt: row.closed_at, escalated: row.escalated_at !== null }),
  };
}

/** Newest first; filters by side, status, category, SLA state, assignee, escalation, document and words. */
export async function listComplaints(ctx: ServiceContext, actor: CompanyActor, input: ListInput): Promise<Page<ComplaintSummary>> {
  const { companyId } = actor;
  const now = ctx.deps.clock.now();
  let query = selectComplaints(ctx.deps.db, companyId, now);
  if (input.side === 'filed') query = query.where('c.buyer_company_id', '=', companyId);
  if (input.side === 'received') query = query.where('c.supplier_company_id', '=', companyId);
  if (input.status) query = query.where('c.status', '=', input.status);
  if (input.category) query = query.where('c.category', '=', input.category);
  if (input.sla) query = query.where(sql<SqlBool>`${slaStateOf('c', now)} = ${input.sla}`);
  // An API key is nobody: nothing is assigned to it.
  if (input.assignedToMe) query = query.where('c.assignee_user_id', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000');
  if (input.escalated !== undefined) query = query.where('c.escalated_at', input.escalated ? 'is not' : 'is', null);
  if (input.about) query = query.where('c.about_type', '=', input.about.type).where('c.about_id', '=', input.about.id);
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    query = query.where((eb) =>
      eb.or([eb('c.number', 'ilike', pattern), eb('c.about_document', 'ilike', pattern), eb('c.description', 'ilike', pattern)]),
    );
  }
  if (input.cursor) {
    query = query.where(
      afterCursorRow(
        input.cursor,
        { name: 'complaints', alias: 'c' },
        (alias) => sql.ref(`${alias}.created_at`),
        'desc',
        (alias) => isComplaintParty(alias, companyId),
      ),
    );
  }
  const rows = await query
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit).map((row) => toSummary(row, companyId));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/**
 * Per counterparty (each supplier for `filed`, each buyer for `received`): open, resolved,
 * rejected, breached now, and the median hours from filing to closing, over complaints filed
 * between `from` and `to` (UTC days, inclusive).
 */
export async function complaintSummary(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: z.infer<typeof complaintSummaryInput>,
): Promise<z.infer<typeof complaintSummaryReport>> {
  const now = ctx.deps.clock.now();
  const mine = input.side === 'filed' ? 'c.buyer_company_id' : 'c.supplier_company_id';
  const other = input.side === 'filed' ? 'c.supplier_company_id' : 'c.buyer_company_id';
  let query = ctx.deps.db
    .selectFrom('complaints as c')
    .where(mine, '=', actor.companyId)
    .select((eb) => [
      eb.ref(other).as('company_id'),
      companyNameOf(eb.ref(other)).as('company_name'),
      sql<string>`count(*) filter (where c.status in ('open', 'in_review'))`.as('open'),
      sql<string>`count(*) filter (where c.status = 'resolved')`.as('resolved'),
      sql<string>`count(*) filter (where c.status = 'rejected')`.as('rejected'),
      sql<string>`count(*) filter (where ${slaStateOf('c', now)} = 'breached')`.as('breached'),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from c.closed_at - c.created_at) / 3600) filter (where c.status in ('resolved', 'rejected'))`.as(
        'median_hours',
      ),
    ])
    .groupBy(other);
  if (input.from) query = query.where(sql<SqlBool>`c.created_at >= ${input.from}::date::timestamp at time zone 'UTC'`);
  if (input.to) query = query.where(sql<SqlBool>`c.created_at < (${input.to}::date + 1)::timestamp at time zone 'UTC'`);
  const rows = await query.orderBy('company_name').orderBy('company_id').execute();
  return {
    rows: rows.map((row) => ({
      company: { id: row.company_id, name: row.company_name },
      open: Number(row.open),
      resolved: Number(row.resolved),
      rejected: Number(row.rejected),
      breached: Number(row.breached),
      medianHoursToResolve: row.median_hours === null ? null : Math.round(Number(row.median_hours) * 100) / 100,
    })),
  };
}

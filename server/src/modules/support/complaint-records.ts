import type { Database, Executor } from '@tradeloom/db';
import type { ComplaintSide, ComplaintStatus, SlaState } from '@tradeloom/shared';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

// The complaints table as its parties read it: a complaint is the buyer's and the supplier's;
// anyone else's is not found.

/** The complaints `companyId` is a party to, as a condition on the alias. */
export function isComplaintParty(alias: string, companyId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.buyer_company_id`)} = ${companyId} or ${sql.ref(`${alias}.supplier_company_id`)} = ${companyId})`;
}

export function sideOf(row: { buyer_company_id: string }, companyId: string): ComplaintSide {
  return row.buyer_company_id === companyId ? 'buyer' : 'supplier';
}

/** The complaint locked for a change by one of its parties, or undefined. */
export function lockComplaint(trx: Executor, complaintId: string, companyId: string) {
  return trx
    .selectFrom('complaints as c')
    .selectAll('c')
    .where('c.id', '=', complaintId)
    .where(isComplaintParty('c', companyId))
    .forUpdate()
    .executeTakeFirst();
}

export type ComplaintRow = NonNullable<Awaited<ReturnType<typeof lockComplaint>>>;

/** Appends one timeline entry. */
export async function insertEntry(
  trx: Executor,
  entry: {
    complaintId: string;
    companyId: string;
    userId: string | null;
    kind: Database['complaint_entries']['kind'];
    body?: string;
    internal?: boolean;
    fromStatus?: ComplaintStatus | null;
    toStatus?: ComplaintStatus | null;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('complaint_entries')
    .values({
      complaint_id: entry.complaintId,
      company_id: entry.companyId,
      user_id: entry.userId,
      kind: entry.kind,
      body: entry.body ?? '',
      internal: entry.internal ?? false,
      from_status: entry.fromStatus ?? null,
      to_status: entry.toStatus ?? null,
      created_at: entry.at,
    })
    .execute();
}

/** Attaches files (each one of `companyId`'s own uploads, checked by the caller) as evidence. */
export async function insertEvidence(trx: Executor, complaintId: string, companyId: string, fileIds: string[], at: Date) {
  if (!fileIds.length) return;
  await trx
    .insertInto('complaint_evidence')
    .values(fileIds.map((fileId) => ({ complaint_id: complaintId, file_id: fileId, company_id: companyId, added_at: at })))
    .onConflict((oc) => oc.columns(['complaint_id', 'file_id']).doNothing())
    .execute();
}

/** Whether the file is evidence on a complaint this company is party to (the files module asks before a download). */
export async function isFileOfVisibleComplaint(db: Executor, fileId: string, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('complaint_evidence as e')
    .innerJoin('complaints as c', 'c.id', 'e.complaint_id')
    .select('e.file_id')
    .where('e.file_id', '=', fileId)
    .where(isComplaintParty('c', companyId))
    .executeTakeFirst();
  return row !== undefined;
}

/** The complaint's number, as a scalar subquery (the audit log names complaints by number). */
export function complaintNumberOf(complaintId: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select complaints.number from complaints where complaints.id = ${complaintId})`;
}

/**
 * The SLA state of the complaint at `now` in SQL, the same rule as `slaState` in
 * shared/src/support/sla.ts: a deadline is breached once passed while unmet (met late counts as
 * breached too), due soon within min(a quarter of its window, 4 hours), else on time; the worse
 * of the first response (met by the first response or the close) and the resolution (the close).
 */
export function slaStateOf(alias: string, now: Date): RawBuilder<SlaState> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const responded = sql`coalesce(${col('first_responded_at')}, ${col('closed_at')})`;
  const closed = col('closed_at');
  const at = sql`${now}::timestamptz`;
  const soon = (due: RawBuilder<unknown>) => sql`(${due} - ${at} <= least((${due} - ${col('created_at')}) * 0.25, interval '4 hours'))`;
  const responseDue = sql`${col('first_response_due_at')}`;
  const resolutionDue = sql`${col('resolution_due_at')}`;
  return sql<SlaState>`(case
    when coalesce(${responded}, ${at}) > ${responseDue} or coalesce(${closed}, ${at}) > ${resolutionDue} then 'breached'
    when (${responded} is null and ${soon(responseDue)}) or (${closed} is null and ${soon(resolutionDue)}) then 'due_soon'
    else 'on_time' end)`;
}

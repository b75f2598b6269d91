import type { Executor, NotificationsTable } from '@tradeloom/db';
import { type NotifiableKind, notificationKindSpec, ROLE_PERMISSIONS } from '@tradeloom/shared';
import type { Insertable } from 'kysely';
import { activeMembersOf } from '../companies/company-reads.ts';
import { publishLive } from '../live/live.publish.ts';

/** One thing to tell the people of one company; the engine decides who hears it and where. */
export interface NotifyRequest {
  /** The company whose members are told. */
  companyId: string;
  kind: NotifiableKind;
  /** The sentence, already worded for this company: "Acme shipped PO-2026-000005". */
  title: string;
  body?: string;
  /** The recipient company's page for the record, e.g. `/orders/<id>`. */
  linkPath?: string;
  entityType: string;
  entityId: string;
  /** The domain event that caused it; with no `dedupeKey`, one notification per person per event. */
  eventId?: number;
  /** What makes it unique per person when no event caused it: `reminder:<kind>:<id>:<YYYY-MM-DD>`. */
  dedupeKey?: string;
  /** Template fields beyond the title. */
  actorName?: string;
  document?: string;
  /** Only these people (still only those whose role may receive the kind): an assignee, a conversation's participants. */
  userIds?: readonly string[];
  /** Members tied to branches hear of it only if one of theirs is this branch (members with no branch hear all). */
  branchId?: string | null;
  /** The person who acted is not told of their own action. */
  excludeUserId?: string | null;
}

/**
 * Tells the members of a company, in the caller's transaction (so nothing is told of a change that
 * rolled back): one in-app notification per person whose role holds the kind's permission, never
 * twice for the same cause. The notify-engine work adds preferences, email and quiet hours here.
 */
export async function notify(trx: Executor, request: NotifyRequest): Promise<void> {
  const spec = notificationKindSpec(request.kind);
  const only = request.userIds ? new Set(request.userIds) : null;
  const members = (await activeMembersOf(trx, request.companyId)).filter(
    (member) =>
      ROLE_PERMISSIONS[member.role].has(spec.permission) &&
      (!only || only.has(member.userId)) &&
      member.userId !== request.excludeUserId &&
      (!request.branchId || member.branchIds.length === 0 || member.branchIds.includes(request.branchId)),
  );
  const dedupeKey = request.dedupeKey ?? `event:${request.eventId}`;
  const row = {
    company_id: request.companyId,
    dedupe_key: dedupeKey,
    type: request.kind,
    title: request.title,
    body: request.body ?? '',
    link_path: request.linkPath ?? null,
    entity_type: request.entityType,
    entity_id: request.entityId,
    event_id: request.eventId ?? null,
  };
  if (members.length === 0) {
    if (!(await hasMembers(trx, request.companyId))) await holdForCompany(trx, row);
    return;
  }
  await trx
    .insertInto('notifications')
    .values(
      members.map((member) => ({
        ...row,
        user_id: member.userId,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'company_id', 'dedupe_key']).doNothing())
    .execute();
  await publishLive(trx, {
    companies: [request.companyId],
    type: 'notification.created',
    entityType: 'notification',
    entityId: dedupeKey,
  });
}

type NotificationRow = Omit<Insertable<NotificationsTable>, 'user_id'>;

async function hasMembers(trx: Executor, companyId: string): Promise<boolean> {
  return (await activeMembersOf(trx, companyId)).length > 0;
}

/** A company nobody can read for yet (added by a partner, not claimed) keeps it until someone joins. */
async function holdForCompany(trx: Executor, row: NotificationRow): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ ...row, user_id: null })
    .onConflict((oc) => oc.columns(['company_id', 'dedupe_key']).where('user_id', 'is', null).doNothing())
    .execute();
}

/** The first member to join a company (its claimant) receives what was held for it. */
export async function handOverHeldNotifications(trx: Executor, companyId: string, userId: string): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ user_id: userId })
    .where('company_id', '=', companyId)
    .where('user_id', 'is', null)
    .execute();
}

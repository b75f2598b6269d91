import { type Executor, inTransaction, type NotificationsTable } from '@tradeloom/db';
import { type NotifiableKind, type NotificationChannel, notificationKindSpec, type Permission, ROLE_PERMISSIONS } from '@tradeloom/shared';
import type { Insertable } from 'kysely';
import { activeMembersOf, findCompanyName } from '../companies/company-reads.ts';
import { publishLive } from '../live/live.publish.ts';
import { choiceKey, companyChoices, personChoices, resolveChannel } from './channel-settings.ts';
import { queueNotificationEmails } from './email-delivery.ts';

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
  /** The app's clock (`ctx.deps.clock.now()`): quiet hours are judged from it. Defaults to the wall clock. */
  now?: Date;
}

/**
 * Tells the members of a company, in the caller's transaction (so nothing is told of a change that
 * rolled back). Each person whose role holds the kind's permission (and, for a record tied to a
 * branch, who works for that branch) hears of it on the channels in force for them: in the app
 * (one notification per person, never twice for the same cause) and by email (a delivery and a
 * job, held past their quiet hours unless the kind is mandatory). Webhooks are not a channel: the
 * company's endpoints receive the domain events they subscribe to (the webhooks module).
 */
export function notify(executor: Executor, request: NotifyRequest): Promise<void> {
  // Given a plain connection (a job outside a transaction), its writes still land all or none.
  return inTransaction(executor, (trx) => tell(trx, request));
}

async function tell(trx: Executor, request: NotifyRequest): Promise<void> {
  const spec = notificationKindSpec(request.kind);
  const everyone = await activeMembersOf(trx, request.companyId);
  const members = everyone.filter((member) => mayHear(member, spec.permission, request));
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
    if (everyone.length === 0) await holdForCompany(trx, row);
    return;
  }
  const channels = await channelsFor(trx, request.companyId, request.kind, members);
  const inApp = members.filter((member) => channels.get(member.userId)?.in_app);
  const created = inApp.length
    ? await trx
        .insertInto('notifications')
        .values(inApp.map((member) => ({ ...row, user_id: member.userId })))
        .onConflict((oc) => oc.columns(['user_id', 'company_id', 'dedupe_key']).doNothing())
        .returning(['id', 'user_id'])
        .execute()
    : [];
  const createdFor = new Map(created.map((notification) => [notification.user_id, notification.id]));
  // The delivery log's own key keeps an email single per cause, whether or not the person also
  // gets the in-app notice (a reminder told again each hour is emailed once).
  const emailed = members.filter((member) => channels.get(member.userId)?.email);
  await queueNotificationEmails(
    trx,
    {
      companyId: request.companyId,
      companyName: emailed.length ? await findCompanyName(trx, request.companyId) : '',
      kind: request.kind,
      title: request.title,
      body: request.body ?? '',
      actorName: request.actorName ?? '',
      document: request.document ?? '',
      linkPath: request.linkPath ?? null,
      mandatory: spec.mandatory === true,
      dedupeKey,
      now: request.now ?? new Date(),
    },
    emailed.map((member) => ({ ...member, notificationId: createdFor.get(member.userId) ?? null })),
  );
  if (created.length === 0) return;
  await publishLive(trx, {
    companies: [request.companyId],
    type: 'notification.created',
    entityType: 'notification',
    entityId: dedupeKey,
  });
}

type Member = Awaited<ReturnType<typeof activeMembersOf>>[number];

function mayHear(member: Member, permission: Permission, request: NotifyRequest): boolean {
  return (
    ROLE_PERMISSIONS[member.role].has(permission) &&
    (!request.userIds || request.userIds.includes(member.userId)) &&
    member.userId !== request.excludeUserId &&
    (!request.branchId || member.branchIds.length === 0 || member.branchIds.includes(request.branchId))
  );
}

/** The in-app and email setting in force for each member (see channel-settings.ts for the order). */
async function channelsFor(trx: Executor, companyId: string, kind: NotifiableKind, members: readonly Member[]) {
  const spec = notificationKindSpec(kind);
  const [company, people] = await Promise.all([
    companyChoices(trx, companyId, [kind]),
    personChoices(
      trx,
      companyId,
      members.map((member) => member.userId),
      [kind],
    ),
  ]);
  const settings = new Map<string, Record<NotificationChannel, boolean>>();
  for (const member of members) {
    const own = people.get(member.userId);
    const setting = (channel: NotificationChannel) =>
      resolveChannel(spec, channel, { person: own?.get(choiceKey(kind, channel)), company: company.get(choiceKey(kind, channel)) }).enabled;
    settings.set(member.userId, { in_app: setting('in_app'), email: setting('email') });
  }
  return settings;
}

type NotificationRow = Omit<Insertable<NotificationsTable>, 'user_id'>;

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

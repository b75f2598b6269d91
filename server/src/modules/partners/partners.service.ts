import { inTransaction, type PartnerLinksTable, type Tx } from '@tradeloom/db';
import {
  type AddUnclaimedInput,
  type AuditActionName,
  availableLinkActions,
  type DirectoryInput,
  type DomainEventName,
  type LinkAction,
  type PartnerListInput,
  type PartnerSortKey,
  transitionLink,
} from '@tradeloom/shared';
import { type Expression, type Insertable, type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, decodeNameIdCursor, escapeLike, nameIdCursor, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserProfile } from '../auth/user-reads.ts';
import { suppliesCommodity } from '../catalog/catalog-lookups.ts';
import {
  companyLocatedIn,
  companyNameOf,
  findCompanyName,
  findVisibleCompany,
  selectCompanyCards,
  selectDirectoryCompanies,
} from '../companies/company-reads.ts';
import { setListedInDirectory } from '../companies/company-settings.ts';
import { createInvitation } from '../companies/invitations.ts';
import { findAddedCompany, insertUnclaimedCompany } from '../companies/unclaimed-companies.ts';
import { recordChange } from '../events/record-change.ts';
import { queueMail } from '../mail/mail.jobs.ts';
import { claimInvitationMail } from '../mail/templates.ts';
import { countPendingIncoming, findLinkForUpdate, findPartyLinkForUpdate, type LinkRow, sideOf } from './partners.repository.ts';

export const LINK_EVENT = {
  request: 'partner.link_requested',
  accept: 'partner.link_accepted',
  deny: 'partner.link_denied',
  block: 'partner.link_blocked',
  cancel: 'partner.link_cancelled',
  unlink: 'partner.link_unlinked',
  unblock: 'partner.link_unblocked',
} as const satisfies Record<LinkAction, AuditActionName & DomainEventName>;

const REFUSAL_MESSAGES = {
  LINK_EXISTS: 'You are already linked with this company, or a request is waiting for its answer.',
  LINK_BLOCKED: 'This link is blocked. It must be unblocked before anyone can ask again.',
  ILLEGAL_TRANSITION: 'That is not possible in the link’s current state.',
  WRONG_SIDE: 'Only the other company can do that.',
} as const;

async function recordLinkChange(
  ctx: ServiceContext,
  trx: Parameters<typeof recordAudit>[0],
  actor: CompanyActor,
  action: LinkAction,
  link: LinkRow,
  before: LinkRow['status'] | null,
) {
  await recordChange(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: LINK_EVENT[action],
    entityType: 'partner_link',
    entityId: link.id,
    before: before ? { status: before } : undefined,
    after: { status: link.status, blockedBy: link.blocked_by },
    payload: { buyerCompanyId: link.buyer_company_id, supplierCompanyId: link.supplier_company_id, actorCompanyId: actor.companyId },
    audience: [link.buyer_company_id, link.supplier_company_id],
  });
}

/** A buyer's request over this link (in either direction): refused while it is live. */
function requestOver(link: LinkRow | undefined) {
  return transitionLink(link ? { status: link.status, blockedBy: link.blocked_by } : null, 'request', 'buyer');
}

export async function requestLink(ctx: ServiceContext, actor: CompanyActor, input: { supplierId: string; message?: string }) {
  if (input.supplierId === actor.companyId) throw appError('BAD_REQUEST', 'SELF_LINK', 'A company cannot link to itself.');
  return inTransaction(ctx.deps.db, async (trx) => {
    const supplier = await findVisibleCompany(trx, input.supplierId, actor.companyId);
    if (!supplier?.claimed) throw notFound('Company');
    if (!supplier.is_supplier)
      throw appError('CONFLICT', 'NOT_SUPPLIER', `${supplier.name} does not sell on Tradeloom, so it cannot be linked as a supplier.`);
    const existing = await findLinkForUpdate(trx, actor.companyId, input.supplierId);
    // One live link per pair whatever the direction: the supplier's own request to buy from us,
    // its link or its block refuses ours just as our own would. A request racing the other
    // side's past these checks loses on the pair's unique index (LINK_EXISTS, see unique-violation.ts).
    const opposite = await findLinkForUpdate(trx, input.supplierId, actor.companyId);
    const oppositeRefusal = requestOver(opposite);
    if (!oppositeRefusal.ok) throw appError('CONFLICT', oppositeRefusal.reason, REFUSAL_MESSAGES[oppositeRefusal.reason]);
    const result = requestOver(existing);
    if (!result.ok) throw appError('CONFLICT', result.reason, REFUSAL_MESSAGES[result.reason]);
    const now = ctx.deps.clock.now();
    const values = {
      status: result.next.status,
      blocked_by: null,
      message: input.message ?? null,
      decided_by: null,
      decided_at: null,
      updated_at: now,
    };
    const link = await writeLink(trx, existing, values, actor.companyId, input.supplierId);
    await recordLinkChange(ctx, trx, actor, 'request', link, existing?.status ?? null);
    return { id: link.id, status: link.status, supplierId: input.supplierId, version: link.version };
  });
}

/** Accept, deny, block, cancel, unlink or unblock, as the side the actor's company is on. */
export async function changeLink(ctx: ServiceContext, actor: CompanyActor, linkId: string, action: Exclude<LinkAction, 'request'>) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const link = await findPartyLinkForUpdate(trx, linkId, actor.companyId);
    if (!link) throw notFound('Partner link');
    const side = sideOf(link, actor.companyId);
    const result = transitionLink({ status: link.status, blockedBy: link.blocked_by }, action, side);
    if (!result.ok) throw appError('CONFLICT', result.reason, REFUSAL_MESSAGES[result.reason]);
    const decision = action === 'accept' || action === 'deny' || action === 'block';
    const updated = await trx
      .updateTable('partner_links')
      .set((eb) => ({
        status: result.next.status,
        blocked_by: result.next.blockedBy,
        version: eb('version', '+', 1),
        updated_at: ctx.deps.clock.now(),
        ...(decision ? { decided_by: actor.userId, decided_at: ctx.deps.clock.now() } : {}),
      }))
      .where('id', '=', link.id)
      .returning(['id', 'buyer_company_id', 'supplier_company_id', 'status', 'blocked_by', 'message', 'version'])
      .executeTakeFirstOrThrow();
    await recordLinkChange(ctx, trx, actor, action, updated, link.status);
    return { id: updated.id, status: updated.status, version: updated.version, blockedBy: updated.blocked_by };
  });
}

/**
 * The value a link list sorts by, read on the link aliased `alias`: newest link by its creation (a
 * key that never changes, so a link accepted or blocked while someone pages keeps its place) or the
 * partner's name. The same expression orders the page and positions the cursor.
 */
function linkSortKey(sort: PartnerSortKey, me: string) {
  return (alias: string): Expression<unknown> => {
    if (sort === 'created') return sql.ref(`${alias}.created_at`);
    const buyer = sql.ref(`${alias}.buyer_company_id`);
    const supplier = sql.ref(`${alias}.supplier_company_id`);
    return companyNameOf(sql<string>`CASE WHEN ${buyer} = ${me} THEN ${supplier} ELSE ${buyer} END`);
  };
}

export async function listLinks(ctx: ServiceContext, actor: CompanyActor, input: PartnerListInput) {
  const me = actor.companyId;
  const key = linkSortKey(input.sort, me);
  let query = selectCompanyCards(ctx.deps.db, me)
    // The partner is whichever side we are not.
    .innerJoin('partner_links as l', (join) =>
      join.on(sql<boolean>`companies.id = CASE WHEN l.buyer_company_id = ${me} THEN l.supplier_company_id ELSE l.buyer_company_id END`),
    )
    .select((eb) => [
      'l.id',
      'l.status',
      'l.message',
      'l.blocked_by as blockedBy',
      'l.buyer_company_id as buyerCompanyId',
      'l.supplier_company_id as supplierCompanyId',
      'l.version',
      isoTimestamp(eb.ref('l.created_at')).as('createdAt'),
      isoTimestamp(eb.ref('l.updated_at')).as('updatedAt'),
    ])
    .where((eb) => eb.or([eb('l.buyer_company_id', '=', me), eb('l.supplier_company_id', '=', me)]))
    // Ties on the key fall back to the id, so pages neither skip nor repeat a link.
    .orderBy(key('l'), input.sortDirection)
    .orderBy('l.id', input.sortDirection)
    .limit(input.limit + 1);
  if (input.view === 'linked') query = query.where('l.status', '=', 'accepted');
  if (input.view === 'incoming') query = query.where('l.status', '=', 'pending').where('l.supplier_company_id', '=', me);
  if (input.view === 'outgoing') query = query.where('l.status', '=', 'pending').where('l.buyer_company_id', '=', me);
  if (input.view === 'blocked') query = query.where('l.status', '=', 'blocked');
  if (input.status) query = query.where('l.status', '=', input.status);
  if (input.search) query = query.where(sql<boolean>`lower(companies.name) like ${`%${escapeLike(input.search.toLowerCase())}%`}`);
  if (input.cursor) {
    const ours = (alias: string) =>
      sql<SqlBool>`(${sql.ref(`${alias}.buyer_company_id`)} = ${me} or ${sql.ref(`${alias}.supplier_company_id`)} = ${me})`;
    query = query.where(afterCursorRow(input.cursor, { name: 'partner_links', alias: 'l' }, key, input.sortDirection, ours));
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit).map((row) => {
    const side = row.buyerCompanyId === me ? ('buyer' as const) : ('supplier' as const);
    return {
      ...row,
      // What the partner is to us: the company we buy from is our supplier.
      partnerRole: side === 'buyer' ? ('supplier' as const) : ('buyer' as const),
      actions: availableLinkActions({ status: row.status, blockedBy: row.blockedBy }, side),
    };
  });
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** Platform companies that chose to be listed, with where the actor stands with each. */
export async function searchDirectory(ctx: ServiceContext, actor: CompanyActor, input: DirectoryInput) {
  const me = actor.companyId;
  let query = selectDirectoryCompanies(ctx.deps.db, me)
    .select((eb) => [
      eb
        .selectFrom('partner_links as l')
        .select('l.status')
        .whereRef('l.supplier_company_id', '=', 'c.id')
        .where('l.buyer_company_id', '=', me)
        .as('linkAsBuyer'),
      eb
        .selectFrom('partner_links as l')
        .select('l.id')
        .whereRef('l.supplier_company_id', '=', 'c.id')
        .where('l.buyer_company_id', '=', me)
        .as('linkAsBuyerId'),
    ])
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(input.limit + 1);
  if (input.search) query = query.where(sql<boolean>`lower(c.name) like ${`%${escapeLike(input.search.toLowerCase())}%`}`);
  if (input.location) {
    const pattern = `%${escapeLike(input.location.toLowerCase())}%`;
    query = query.where((eb) => companyLocatedIn(eb.ref('c.id'), pattern));
  }
  if (input.verification) query = query.where('c.verification_status', '=', input.verification);
  if (input.commodity) {
    const commodity = input.commodity;
    query = query.where((eb) => suppliesCommodity(eb.ref('c.id'), commodity));
  }
  if (input.role === 'supplier') query = query.where('c.is_supplier', '=', true);
  if (input.role === 'buyer') query = query.where('c.is_buyer', '=', true);
  if (input.cursor) {
    const { name, id } = decodeNameIdCursor(input.cursor);
    query = query.where((eb) => eb.or([eb('c.name', '>', name), eb.and([eb('c.name', '=', name), eb('c.id', '>', id)])]));
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? nameIdCursor(last) : null };
}

/** A counterparty not on the platform: visible only to us, linked at once, claimable later. */
export async function addUnclaimed(ctx: ServiceContext, actor: CompanyActor, input: AddUnclaimedInput) {
  return inTransaction(ctx.deps.db, async (trx) => {
    const company = await insertUnclaimedCompany(trx, {
      name: input.name,
      country: input.country,
      taxId: input.taxId ?? null,
      relationship: input.relationship,
      contactEmail: input.contactEmail ?? null,
      addedByCompanyId: actor.companyId,
      createdBy: actor.userId,
    });
    const [buyer, supplier] = input.relationship === 'supplier' ? [actor.companyId, company.id] : [company.id, actor.companyId];
    const link = await trx
      .insertInto('partner_links')
      .values({
        buyer_company_id: buyer,
        supplier_company_id: supplier,
        status: 'accepted',
        decided_by: actor.userId,
        decided_at: ctx.deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'partner.unclaimed_added',
      entityType: 'company',
      entityId: company.id,
      after: { name: input.name, relationship: input.relationship, contactEmail: input.contactEmail ?? null },
    });
    return { id: company.id, name: company.name, linkId: link.id };
  });
}

/** Invites the contact of an unclaimed counterparty to take it over as its owner. */
export async function inviteToClaim(ctx: ServiceContext, actor: CompanyActor, input: { companyId: string; email?: string }) {
  if (!actor.userId) throw appError('FORBIDDEN', 'API_KEY_NOT_ALLOWED', 'Only a signed-in member can send invitations.');
  return inTransaction(ctx.deps.db, async (trx) => {
    const company = await findAddedCompany(trx, input.companyId, actor.companyId);
    if (!company) throw notFound('Company');
    if (company.claimed) throw appError('CONFLICT', 'ALREADY_CLAIMED', `${company.name} has already been claimed.`);
    const email = input.email ?? company.contact_email;
    if (!email) throw invalidFields({ email: 'give the email address of someone at this company' });
    const inviter = await findUserProfile(trx, actor.userId as string);
    const inviterCompanyName = await findCompanyName(trx, actor.companyId);
    const invitation = await createInvitation(trx, ctx.deps, {
      companyId: company.id,
      email,
      role: 'owner',
      invitedBy: actor.userId as string,
    });
    await queueMail(trx, claimInvitationMail(email, company.name, inviterCompanyName, inviter.name, invitation.acceptUrl));
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'partner.claim_invited',
      entityType: 'company',
      entityId: company.id,
      after: { email },
    });
    return { invitationId: invitation.id, email };
  });
}

export async function setDirectoryListing(ctx: ServiceContext, actor: CompanyActor, listed: boolean) {
  await inTransaction(ctx.deps.db, async (trx) => {
    const listedBefore = await setListedInDirectory(trx, actor.companyId, listed, ctx.deps.clock.now());
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.directory_listing_changed',
      entityType: 'company',
      entityId: actor.companyId,
      before: { listed: listedBefore },
      after: { listed },
    });
  });
  return { listed };
}

/** How many link requests wait for this company's decision (the overview's "waiting for you"). */
export async function countWaitingRequests(ctx: ServiceContext, actor: CompanyActor): Promise<{ count: number }> {
  return { count: await countPendingIncoming(ctx.deps.db, actor.companyId) };
}

/**
 * A supplier that won a buyer's tender becomes its linked supplier (an order needs an accepted
 * link): it asked to trade by quoting, so no request waits for an answer. Runs in the caller's
 * transaction; audited and announced as an accepted link. A block either way refuses.
 */
export async function linkAwardedSupplier(ctx: ServiceContext, trx: Tx, actor: CompanyActor, supplierId: string): Promise<void> {
  const existing = await findLinkForUpdate(trx, actor.companyId, supplierId);
  if (existing?.status === 'accepted') return;
  const opposite = await findLinkForUpdate(trx, supplierId, actor.companyId);
  if (existing?.status === 'blocked' || opposite?.status === 'blocked') {
    throw appError('CONFLICT', 'LINK_BLOCKED', REFUSAL_MESSAGES.LINK_BLOCKED);
  }
  // The pair holds one live link: a supplier that buys from us must be linked the other way first.
  if (opposite && (opposite.status === 'pending' || opposite.status === 'accepted')) {
    throw appError('CONFLICT', 'LINK_EXISTS', 'This supplier is linked to you as a buyer; link it as a supplier before awarding to it.');
  }
  const now = ctx.deps.clock.now();
  const values = { status: 'accepted' as const, blocked_by: null, decided_by: actor.userId, decided_at: now, updated_at: now };
  const link = await writeLink(trx, existing, values, actor.companyId, supplierId);
  await recordLinkChange(ctx, trx, actor, 'accept', link, existing?.status ?? null);
}

type LinkValues = Pick<Insertable<PartnerLinksTable>, 'status' | 'blocked_by' | 'message' | 'decided_by' | 'decided_at' | 'updated_at'>;

/** A pair's one link row: the earlier one moves on (a new version), or the first is made. */
function writeLink(trx: Tx, existing: { id: string } | undefined, values: LinkValues, buyerId: string, supplierId: string) {
  const columns = ['id', 'buyer_company_id', 'supplier_company_id', 'status', 'blocked_by', 'message', 'version'] as const;
  return existing
    ? trx
        .updateTable('partner_links')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('id', '=', existing.id)
        .returning(columns)
        .executeTakeFirstOrThrow()
    : trx
        .insertInto('partner_links')
        .values({ ...values, buyer_company_id: buyerId, supplier_company_id: supplierId })
        .returning(columns)
        .executeTakeFirstOrThrow();
}

import { inTransaction } from '@tradeloom/db';
import {
  type AddUnclaimedInput,
  availableLinkActions,
  type DirectoryInput,
  type LinkAction,
  type PartnerListInput,
  transitionLink,
} from '@tradeloom/shared';
import { sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { decodeNameIdCursor, escapeLike, nameIdCursor, olderThanCursorRow, rowCursor } from '../../lib/cursor.ts';
import { newToken } from '../../lib/secrets.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { emitEvent } from '../events/events.service.ts';
import { queueMail } from '../mail/mail.jobs.ts';
import { claimInvitationMail } from '../mail/templates.ts';
import { findLinkForUpdate, findPartyLinkForUpdate, findVisibleCompany, type LinkRow, sideOf } from './partners.repository.ts';

export const LINK_EVENT: Record<LinkAction, string> = {
  request: 'partner.link_requested',
  accept: 'partner.link_accepted',
  deny: 'partner.link_denied',
  block: 'partner.link_blocked',
  cancel: 'partner.link_cancelled',
  unlink: 'partner.link_unlinked',
  unblock: 'partner.link_unblocked',
};

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
  await recordAudit(trx, actor, ctx.request, {
    companyId: actor.companyId,
    action: LINK_EVENT[action],
    entityType: 'partner_link',
    entityId: link.id,
    before: before ? { status: before } : undefined,
    after: { status: link.status, blockedBy: link.blocked_by },
  });
  await emitEvent(trx, actor.userId, ctx.request, {
    type: LINK_EVENT[action],
    companyId: actor.companyId,
    entityType: 'partner_link',
    entityId: link.id,
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
    const link = existing
      ? await trx
          .updateTable('partner_links')
          .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
          .where('id', '=', existing.id)
          .returning(['id', 'buyer_company_id', 'supplier_company_id', 'status', 'blocked_by', 'message', 'version'])
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('partner_links')
          .values({ ...values, buyer_company_id: actor.companyId, supplier_company_id: input.supplierId })
          .returning(['id', 'buyer_company_id', 'supplier_company_id', 'status', 'blocked_by', 'message', 'version'])
          .executeTakeFirstOrThrow();
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

export async function listLinks(ctx: ServiceContext, actor: CompanyActor, input: PartnerListInput) {
  const me = actor.companyId;
  let query = ctx.deps.db
    .selectFrom('partner_links as l')
    // The partner is whichever side we are not.
    .innerJoin('companies as c', (join) =>
      join.on(sql<boolean>`c.id = CASE WHEN l.buyer_company_id = ${me} THEN l.supplier_company_id ELSE l.buyer_company_id END`),
    )
    .select([
      'l.id',
      'l.status',
      'l.message',
      'l.blocked_by as blockedBy',
      'l.buyer_company_id as buyerCompanyId',
      'l.supplier_company_id as supplierCompanyId',
      'l.version',
      'l.created_at as createdAt',
      'l.updated_at as updatedAt',
      'c.id as partnerId',
      'c.name as partnerName',
      'c.country as partnerCountry',
      'c.verification_status as partnerVerification',
      'c.claimed as partnerClaimed',
      'c.contact_email as partnerContactEmail',
    ])
    .where((eb) => eb.or([eb('l.buyer_company_id', '=', me), eb('l.supplier_company_id', '=', me)]))
    // Newest link first by (created_at, id): a key that never changes, so pages neither skip nor repeat
    // a link that is accepted or blocked while someone pages.
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(input.limit + 1);
  if (input.view === 'linked') query = query.where('l.status', '=', 'accepted');
  if (input.view === 'incoming') query = query.where('l.status', '=', 'pending').where('l.supplier_company_id', '=', me);
  if (input.view === 'outgoing') query = query.where('l.status', '=', 'pending').where('l.buyer_company_id', '=', me);
  if (input.view === 'blocked') query = query.where('l.status', '=', 'blocked');
  if (input.status) query = query.where('l.status', '=', input.status);
  if (input.search) query = query.where(sql<boolean>`lower(c.name) like ${`%${escapeLike(input.search.toLowerCase())}%`}`);
  if (input.cursor) query = query.where(olderThanCursorRow(input.cursor, 'partner_links', 'l'));
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
  let query = ctx.deps.db
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
    .where('c.listed_in_directory', '=', true)
    .where('c.claimed', '=', true)
    .where('c.status', '=', 'active')
    .where('c.id', '!=', me)
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(input.limit + 1);
  if (input.search) query = query.where(sql<boolean>`lower(c.name) like ${`%${escapeLike(input.search.toLowerCase())}%`}`);
  if (input.location) {
    const pattern = `%${escapeLike(input.location.toLowerCase())}%`;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('branches as b')
          .select('b.id')
          .whereRef('b.company_id', '=', 'c.id')
          .where(sql<boolean>`lower(b.city) like ${pattern} or lower(b.state) like ${pattern}`),
      ),
    );
  }
  if (input.verification) query = query.where('c.verification_status', '=', input.verification);
  if (input.commodity) {
    const commodity = input.commodity;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('products as p')
          .select('p.id')
          .whereRef('p.company_id', '=', 'c.id')
          .where('p.commodity_code', '=', commodity)
          .where('p.active', '=', true),
      ),
    );
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
    const company = await trx
      .insertInto('companies')
      .values({
        name: input.name,
        legal_name: input.name,
        country: input.country,
        base_currency: input.country === 'IN' ? 'INR' : 'USD',
        tax_id: input.taxId ?? null,
        is_supplier: input.relationship === 'supplier',
        is_buyer: input.relationship === 'buyer',
        claimed: false,
        added_by_company_id: actor.companyId,
        contact_email: input.contactEmail ?? null,
        listed_in_directory: false,
        created_by: actor.userId,
      })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
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
    const company = await trx
      .selectFrom('companies')
      .select(['id', 'name', 'claimed', 'contact_email'])
      .where('id', '=', input.companyId)
      .where('added_by_company_id', '=', actor.companyId)
      .executeTakeFirst();
    if (!company) throw notFound('Company');
    if (company.claimed) throw appError('CONFLICT', 'ALREADY_CLAIMED', `${company.name} has already been claimed.`);
    const email = input.email ?? company.contact_email;
    if (!email) throw invalidFields({ email: 'give the email address of someone at this company' });
    const inviter = await trx
      .selectFrom('users')
      .innerJoin('companies', (join) => join.on('companies.id', '=', actor.companyId))
      .select(['users.name', 'companies.name as companyName'])
      .where('users.id', '=', actor.userId as string)
      .executeTakeFirstOrThrow();
    const { secret, secretHash } = newToken();
    const invitation = await trx
      .insertInto('invitations')
      .values({
        company_id: company.id,
        email,
        role: 'owner',
        secret_hash: secretHash,
        invited_by: actor.userId as string,
        expires_at: new Date(ctx.deps.clock.now().getTime() + 14 * 24 * 60 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const link = `${ctx.deps.config.publicUrl}/accept-invite?token=${encodeURIComponent(`${invitation.id}.${secret}`)}`;
    await queueMail(trx, claimInvitationMail(email, company.name, inviter.companyName, inviter.name, link));
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
    const before = await trx
      .selectFrom('companies')
      .select('listed_in_directory')
      .where('id', '=', actor.companyId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('companies')
      .set({ listed_in_directory: listed, updated_at: ctx.deps.clock.now() })
      .where('id', '=', actor.companyId)
      .execute();
    await recordAudit(trx, actor, ctx.request, {
      companyId: actor.companyId,
      action: 'company.directory_listing_changed',
      entityType: 'company',
      entityId: actor.companyId,
      before: { listed: before.listed_in_directory },
      after: { listed },
    });
  });
  return { listed };
}

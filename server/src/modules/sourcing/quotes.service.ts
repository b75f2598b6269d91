import { inTransaction, type Tx } from '@tradeloom/db';
import { type quoteSaved, quotingAllowed, type SaveQuoteDraftInput, type SubmitQuoteInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { unitCodes } from '../catalog/catalog-lookups.ts';
import { assertOwnFile } from '../files/files.service.ts';
import { recordTenderChange } from './tender-records.ts';

// The invited supplier's side of a tender: a private draft, submitted revisions (one active at a
// time, history kept), withdrawal and declining. Every check runs under a lock on the tender row,
// so a submit racing the clock's close is serialised with it. Nothing here ever puts a price or
// term into an event, a notification or an audit row the buyer can read.

type Saved = z.infer<typeof quoteSaved>;
type QuoteContent = Omit<SaveQuoteDraftInput, 'version'>;
type LockedTender = {
  id: string;
  company_id: string;
  number: string;
  status: 'draft' | 'open' | 'closed' | 'awarded' | 'cancelled';
  closes_at: Date;
  currency: string;
};

const SAVED_COLUMNS = ['id', 'revision', 'status', 'version'] as const;

/**
 * The tender the actor is invited to, locked until commit. A tender the company is not invited to,
 * or one still a draft (invitees see it once published), is not found.
 */
async function lockInvitedTender(trx: Tx, actor: CompanyActor, tenderId: string) {
  const tender = await trx
    .selectFrom('tenders')
    .select(['id', 'company_id', 'number', 'status', 'closes_at', 'currency'])
    .where('id', '=', tenderId)
    .where('status', '<>', 'draft')
    .forUpdate()
    .executeTakeFirst();
  const invitation =
    tender &&
    (await trx
      .selectFrom('tender_invitations')
      .select(['id', 'status'])
      .where('tender_id', '=', tender.id)
      .where('supplier_company_id', '=', actor.companyId)
      .executeTakeFirst());
  if (!tender || !invitation) throw notFound('Tender');
  return { tender: tender as LockedTender, invitation };
}

/** Quoting, revising, withdrawing and declining end at the deadline, whether or not the clock has run. */
function assertQuoting(ctx: ServiceContext, tender: LockedTender) {
  const allowed = quotingAllowed({ status: tender.status, closesAt: tender.closes_at }, ctx.deps.clock.now());
  if (allowed.ok) return;
  throw allowed.reason === 'DEADLINE_PASSED'
    ? appError('CONFLICT', 'DEADLINE_PASSED', `The deadline of tender ${tender.number} has passed.`)
    : appError('CONFLICT', 'TENDER_NOT_OPEN', `Tender ${tender.number} is not open for quotes.`);
}

/** Lines name this tender's items, once per item and alternative; an alternative says what differs. */
async function assertContentValid(trx: Tx, actor: CompanyActor, tenderId: string, content: QuoteContent) {
  const items = await trx.selectFrom('tender_items').select('id').where('tender_id', '=', tenderId).execute();
  const itemIds = new Set(items.map((item) => item.id));
  const units = await unitCodes(trx);
  const problems: Record<string, string> = {};
  const offers = new Set<string>();
  content.lines.forEach((line, index) => {
    if (!itemIds.has(line.itemId)) problems[`lines.${index}.itemId`] = 'is not an item of this tender';
    const offer = `${line.itemId}/${line.alternativeNo ?? 0}`;
    if (offers.has(offer)) problems[`lines.${index}.alternativeNo`] = 'this item already has an offer with this alternative number';
    offers.add(offer);
    if ((line.alternativeNo ?? 0) > 0 && !line.description) problems[`lines.${index}.description`] = 'is required for an alternative';
    if (line.unit && !units.has(line.unit)) problems[`lines.${index}.unit`] = `unknown unit “${line.unit}”`;
  });
  if (Object.keys(problems).length) throw invalidFields(problems);
  for (const fileId of content.attachmentFileIds ?? []) await assertOwnFile(trx, actor.companyId, fileId);
}

function headColumns(content: QuoteContent, tender: LockedTender) {
  return {
    currency: content.currency ?? tender.currency,
    lead_time_days: content.leadTimeDays ?? null,
    valid_until: content.validUntil ?? null,
    payment_terms: content.paymentTerms?.kind ?? null,
    payment_term_days: content.paymentTerms?.days ?? null,
    notes: content.notes || null,
  };
}

/** Replaces a quote row's lines and attachments with the content's. */
async function writeContent(trx: Tx, quoteId: string, content: QuoteContent) {
  await trx.deleteFrom('quote_lines').where('quote_id', '=', quoteId).execute();
  await trx.deleteFrom('quote_attachments').where('quote_id', '=', quoteId).execute();
  await trx
    .insertInto('quote_lines')
    .values(
      content.lines.map((line) => ({
        quote_id: quoteId,
        item_id: line.itemId,
        alternative_no: line.alternativeNo ?? 0,
        description: line.description || null,
        unit_price: line.unitPrice,
        quantity: line.quantity ?? null,
        unit: line.unit ?? null,
        freight_per_unit: line.freightPerUnit ?? '0',
        hsn_code: line.hsnCode ?? null,
        tax_rate: line.taxRate ?? null,
        notes: line.notes || null,
      })),
    )
    .execute();
  const fileIds = [...new Set(content.attachmentFileIds ?? [])];
  if (fileIds.length)
    await trx
      .insertInto('quote_attachments')
      .values(fileIds.map((file_id) => ({ quote_id: quoteId, file_id })))
      .execute();
}

function supplierQuotes(trx: Tx, tenderId: string, supplierId: string) {
  return trx.selectFrom('quotes').where('tender_id', '=', tenderId).where('supplier_company_id', '=', supplierId);
}

/** The next revision number: drafts are renumbered when submitted, so only submitted history counts. */
async function nextRevision(trx: Tx, tenderId: string, supplierId: string): Promise<number> {
  const row = await supplierQuotes(trx, tenderId, supplierId)
    .select((eb) => eb.fn.max('revision').as('last'))
    .where('status', '<>', 'draft')
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function saveQuoteDraft(ctx: ServiceContext, actor: CompanyActor, input: SaveQuoteDraftInput): Promise<Saved> {
  const { version, ...content } = input;
  return inTransaction(ctx.deps.db, async (trx) => {
    const { tender } = await lockInvitedTender(trx, actor, input.tenderId);
    assertQuoting(ctx, tender);
    await assertContentValid(trx, actor, tender.id, content);
    const draft = await supplierQuotes(trx, tender.id, actor.companyId)
      .select(['id', 'version'])
      .where('status', '=', 'draft')
      .executeTakeFirst();
    // A stale editor (its draft was changed, submitted or discarded elsewhere) must reload.
    if (version !== undefined && draft?.version !== version) throw staleVersion('draft quote');
    const now = ctx.deps.clock.now();
    const saved = draft
      ? await trx
          .updateTable('quotes')
          .set((eb) => ({ ...headColumns(content, tender), version: eb('version', '+', 1), updated_at: now }))
          .where('id', '=', draft.id)
          .returning(SAVED_COLUMNS)
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('quotes')
          .values({
            tender_id: tender.id,
            supplier_company_id: actor.companyId,
            revision: await nextRevision(trx, tender.id, actor.companyId),
            status: 'draft',
            ...headColumns(content, tender),
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          })
          .returning(SAVED_COLUMNS)
          .executeTakeFirstOrThrow();
    await writeContent(trx, saved.id, content);
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'quote.draft_saved',
      entityId: saved.id,
      after: { tender: tender.number, lines: content.lines.length },
      // The draft is private: the action has no event, so nobody else is told.
      recipients: [],
    });
    return saved;
  });
}

export async function discardQuoteDraft(ctx: ServiceContext, actor: CompanyActor, tenderId: string): Promise<void> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const { tender } = await lockInvitedTender(trx, actor, tenderId);
    const draft = await supplierQuotes(trx, tender.id, actor.companyId).select('id').where('status', '=', 'draft').executeTakeFirst();
    if (!draft) throw notFound('Draft quote');
    await trx.deleteFrom('quotes').where('id', '=', draft.id).execute();
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'quote.draft_discarded',
      entityId: draft.id,
      before: { tender: tender.number },
      recipients: [],
    });
  });
}

export async function submitQuote(ctx: ServiceContext, actor: CompanyActor, input: SubmitQuoteInput): Promise<Saved> {
  const { idempotencyKey, ...content } = input;
  const request = { procedure: 'sourcing.quotes.submit', key: idempotencyKey, input: content };
  return idempotent(ctx.deps.db, actor, request, async (trx) => {
    const { tender, invitation } = await lockInvitedTender(trx, actor, input.tenderId);
    assertQuoting(ctx, tender);
    await assertContentValid(trx, actor, tender.id, content);
    const now = ctx.deps.clock.now();
    const previous = await supplierQuotes(trx, tender.id, actor.companyId)
      .select(['id', 'revision'])
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (previous) {
      await trx
        .updateTable('quotes')
        .set((eb) => ({ status: 'superseded', version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', previous.id)
        .execute();
    }
    // The submitted revision replaces the draft, whatever the draft held.
    await trx
      .deleteFrom('quotes')
      .where('tender_id', '=', tender.id)
      .where('supplier_company_id', '=', actor.companyId)
      .where('status', '=', 'draft')
      .execute();
    const saved = await trx
      .insertInto('quotes')
      .values({
        tender_id: tender.id,
        supplier_company_id: actor.companyId,
        revision: await nextRevision(trx, tender.id, actor.companyId),
        status: 'submitted',
        ...headColumns(content, tender),
        submitted_at: now,
        submitted_by: actor.userId,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning(SAVED_COLUMNS)
      .executeTakeFirstOrThrow();
    await writeContent(trx, saved.id, content);
    // A supplier that declined may change its mind before the deadline.
    if (invitation.status === 'declined') {
      await trx
        .updateTable('tender_invitations')
        .set({ status: 'invited', declined_at: null, decline_reason: null })
        .where('id', '=', invitation.id)
        .execute();
    }
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'quote.submitted',
      entityId: saved.id,
      after: { tender: tender.number, revision: saved.revision, lines: content.lines.length, replaces: previous?.id ?? null },
      recipients: [tender.company_id],
    });
    return saved;
  });
}

export async function withdrawQuote(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; idempotencyKey?: string },
): Promise<Saved> {
  const { idempotencyKey, ...fingerprinted } = input;
  const request = { procedure: 'sourcing.quotes.withdraw', key: idempotencyKey, input: fingerprinted };
  return idempotent(ctx.deps.db, actor, request, async (trx) => {
    const { tender } = await lockInvitedTender(trx, actor, input.tenderId);
    assertQuoting(ctx, tender);
    const now = ctx.deps.clock.now();
    const withdrawn = await trx
      .updateTable('quotes')
      .where('tender_id', '=', tender.id)
      .where('supplier_company_id', '=', actor.companyId)
      .where('status', '=', 'submitted')
      .set((eb) => ({ status: 'withdrawn', withdrawn_at: now, version: eb('version', '+', 1), updated_at: now }))
      .returning(SAVED_COLUMNS)
      .executeTakeFirst();
    if (!withdrawn) throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'There is no submitted quote to withdraw.');
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'quote.withdrawn',
      entityId: withdrawn.id,
      after: { tender: tender.number, revision: withdrawn.revision },
      recipients: [tender.company_id],
    });
    return withdrawn;
  });
}

export async function declineInvitation(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; reason?: string },
): Promise<void> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const { tender, invitation } = await lockInvitedTender(trx, actor, input.tenderId);
    assertQuoting(ctx, tender);
    const active = await supplierQuotes(trx, tender.id, actor.companyId).select('id').where('status', '=', 'submitted').executeTakeFirst();
    if (active) throw appError('CONFLICT', 'ILLEGAL_TRANSITION', 'Withdraw your quote before declining the tender.');
    // Declining twice changes nothing (a retried request).
    if (invitation.status === 'declined') return;
    await trx
      .updateTable('tender_invitations')
      .set({ status: 'declined', declined_at: ctx.deps.clock.now(), decline_reason: input.reason || null })
      .where('id', '=', invitation.id)
      .execute();
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.invitation_declined',
      after: { tender: tender.number, reason: input.reason || null },
      recipients: [tender.company_id],
    });
  });
}

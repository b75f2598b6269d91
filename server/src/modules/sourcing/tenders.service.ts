import type { Tx } from '@tradeloom/db';
import type {
  CreateTenderInput,
  supplierCandidate,
  TenderItemInput,
  tenderChanged,
  tenderCreated,
  UpdateTenderInput,
} from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { idempotent } from '../../lib/idempotency.ts';
import { appError, invalidFields, notFound, staleVersion } from '../../trpc/errors.ts';
import { gstRatesOf, linkedProductsOf, unitCodes } from '../catalog/catalog-lookups.ts';
import { assertOwnFile } from '../files/files.service.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { findSupplierCandidates } from '../partners/supplier-candidates.ts';
import { nextDocumentNumber } from '../settings/number-series.service.ts';
import { assertTransition, inviteeIds, lockBuyerTender, recordTenderChange, type TenderRow, tenderStateOf } from './tender-records.ts';

// The buyer's tender from draft to open, closed or cancelled. Each change locks the tender row,
// asks the state machine (shared/src/sourcing/tender-machine.ts) and records audit and event.

type Created = z.infer<typeof tenderCreated>;
type Changed = z.infer<typeof tenderChanged>;
type TenderFields = Omit<CreateTenderInput, 'idempotencyKey'>;

const changed = (tender: Pick<TenderRow, 'id' | 'status' | 'closes_at' | 'version'>): Changed => ({
  id: tender.id,
  status: tender.status,
  closesAt: tender.closes_at.toISOString(),
  version: tender.version,
});

/** The `tenders` columns of the input; a left-out optional field clears (the whole draft is replaced). */
function tenderColumns(input: TenderFields) {
  return {
    title: input.title,
    currency: input.currency,
    closes_at: input.closesAt,
    delivery_place: input.deliveryPlace || null,
    delivery_date: input.deliveryDate ?? null,
    payment_terms: input.paymentTerms?.kind ?? null,
    payment_term_days: input.paymentTerms?.days ?? null,
    notes: input.notes || null,
    criteria: JSON.stringify(input.criteria ?? []),
  };
}

/**
 * Checks the items against master data: a product must be an active one of a linked supplier (its
 * name fills an empty description), units and HSN codes must exist.
 */
async function checkedItems(trx: Tx, buyerId: string, items: TenderItemInput[]) {
  const productIds = [...new Set(items.flatMap((item) => (item.productId ? [item.productId] : [])))];
  const products = new Map((await linkedProductsOf(trx, buyerId, productIds)).map((p) => [p.id, p]));
  items.forEach((item, index) => {
    // An unlinked supplier's product does not exist for this buyer.
    if (item.productId && !products.has(item.productId)) throw notFound(`Product (items.${index}.productId)`);
  });
  const filled = items.map((item) => {
    const product = item.productId ? products.get(item.productId) : undefined;
    return { ...item, description: item.description || product?.name || '', hsnCode: item.hsnCode ?? product?.hsn_code ?? undefined };
  });
  const units = await unitCodes(trx);
  const rates = await gstRatesOf(trx, [...new Set(filled.flatMap((item) => (item.hsnCode ? [item.hsnCode] : [])))]);
  const problems: Record<string, string> = {};
  filled.forEach((item, index) => {
    if (!units.has(item.unit)) problems[`items.${index}.unit`] = `unknown unit “${item.unit}”`;
    if (item.hsnCode && !rates.has(item.hsnCode)) problems[`items.${index}.hsnCode`] = `unknown HSN code “${item.hsnCode}”`;
  });
  if (Object.keys(problems).length) throw invalidFields(problems);
  return filled;
}

async function assertOwnFiles(trx: Tx, companyId: string, fileIds: string[]) {
  for (const fileId of fileIds) await assertOwnFile(trx, companyId, fileId);
}

/** Writes a draft's items and attachments; an edit replaces them (items keep no ids across an edit). */
async function writeContent(trx: Tx, tenderId: string, items: Awaited<ReturnType<typeof checkedItems>>, fileIds: string[]) {
  await trx.deleteFrom('tender_items').where('tender_id', '=', tenderId).execute();
  await trx.deleteFrom('tender_attachments').where('tender_id', '=', tenderId).execute();
  await trx
    .insertInto('tender_items')
    .values(
      items.map((item, index) => ({
        tender_id: tenderId,
        line_no: index + 1,
        product_id: item.productId ?? null,
        description: item.description,
        quantity: item.quantity,
        unit: item.unit,
        target_price: item.targetPrice ?? null,
        hsn_code: item.hsnCode ?? null,
        specification: JSON.stringify(item.specification ?? []),
      })),
    )
    .execute();
  const unique = [...new Set(fileIds)];
  if (unique.length)
    await trx
      .insertInto('tender_attachments')
      .values(unique.map((file_id) => ({ tender_id: tenderId, file_id })))
      .execute();
}

/** What the audit row keeps of a draft's content. */
const auditedContent = (input: TenderFields) => ({
  title: input.title,
  currency: input.currency,
  closesAt: input.closesAt.toISOString(),
  items: input.items.length,
  criteria: input.criteria ?? [],
});

export async function createTender(ctx: ServiceContext, actor: CompanyActor, input: CreateTenderInput): Promise<Created> {
  const { idempotencyKey, ...fields } = input;
  const request = { procedure: 'sourcing.tenders.create', key: idempotencyKey, input: fields };
  return idempotent(ctx.deps.db, actor, request, async (trx) => {
    const items = await checkedItems(trx, actor.companyId, fields.items);
    await assertOwnFiles(trx, actor.companyId, fields.attachmentFileIds ?? []);
    // Numbered in the financial year of the buyer's calendar day.
    const { today } = await companyCalendar(trx, actor.companyId, ctx.deps.clock.now());
    const number = await nextDocumentNumber(trx, { companyId: actor.companyId, docType: 'RFQ', date: today });
    const tender = await trx
      .insertInto('tenders')
      .values({ company_id: actor.companyId, number, ...tenderColumns(fields), created_by: actor.userId, updated_at: ctx.deps.clock.now() })
      .returning(['id', 'company_id', 'number', 'version'])
      .executeTakeFirstOrThrow();
    await writeContent(trx, tender.id, items, fields.attachmentFileIds ?? []);
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.created',
      after: { number, ...auditedContent(fields) },
      recipients: [],
    });
    return { id: tender.id, number, version: tender.version };
  });
}

export async function updateTender(ctx: ServiceContext, actor: CompanyActor, input: UpdateTenderInput): Promise<Changed> {
  const { tenderId, version, ...fields } = input;
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.update', key: undefined, input }, async (trx) => {
    const tender = await lockBuyerTender(trx, tenderId, actor.companyId);
    assertTransition(await tenderStateOf(trx, tender, ctx.deps.clock.now()), 'edit');
    if (tender.version !== version) throw staleVersion('tender');
    const items = await checkedItems(trx, actor.companyId, fields.items);
    await assertOwnFiles(trx, actor.companyId, fields.attachmentFileIds ?? []);
    const updated = await trx
      .updateTable('tenders')
      .set((eb) => ({ ...tenderColumns(fields), version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
      .where('id', '=', tender.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeContent(trx, tender.id, items, fields.attachmentFileIds ?? []);
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.updated',
      before: { title: tender.title, currency: tender.currency, closesAt: tender.closes_at.toISOString() },
      after: auditedContent(fields),
      recipients: [],
    });
    return changed(updated);
  });
}

export async function inviteSuppliers(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; supplierIds: string[] },
): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.invite', key: undefined, input }, async (trx) => {
    const tender = await lockBuyerTender(trx, input.tenderId, actor.companyId);
    assertTransition(await tenderStateOf(trx, tender, ctx.deps.clock.now()), 'invite');
    const ids = [...new Set(input.supplierIds)];
    const self = input.supplierIds.indexOf(actor.companyId);
    if (self >= 0) throw invalidFields({ [`supplierIds.${self}`]: 'is your own company: a buyer cannot quote to itself' });
    const candidates = new Map((await findSupplierCandidates(trx, actor.companyId, { ids })).map((c) => [c.companyId, c]));
    // A company the buyer could not find in its picker does not exist for it.
    if (ids.some((id) => !candidates.has(id))) throw notFound('Supplier');
    const added = await trx
      .insertInto('tender_invitations')
      .values(
        ids.map((id) => ({
          tender_id: tender.id,
          supplier_company_id: id,
          invited_email: candidates.get(id)?.email ?? null,
          invited_by: actor.userId,
        })),
      )
      // Inviting a supplier again changes nothing.
      .onConflict((oc) => oc.columns(['tender_id', 'supplier_company_id']).doNothing())
      .returning('supplier_company_id')
      .execute();
    const newcomers = added.map((row) => row.supplier_company_id);
    if (newcomers.length) {
      await recordTenderChange(trx, ctx, actor, tender, {
        action: 'tender.suppliers_invited',
        after: { supplierIds: newcomers },
        // A draft's invitees hear of it when it is published; an open tender's newcomers now.
        recipients: tender.status === 'open' ? newcomers : [],
      });
    }
    return changed(tender);
  });
}

export async function uninviteSupplier(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; supplierId: string },
): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.uninvite', key: undefined, input }, async (trx) => {
    const tender = await lockBuyerTender(trx, input.tenderId, actor.companyId);
    // Only a draft: once open, the supplier has been told and may have quoted.
    assertTransition(await tenderStateOf(trx, tender, ctx.deps.clock.now()), 'edit');
    const removed = await trx
      .deleteFrom('tender_invitations')
      .where('tender_id', '=', tender.id)
      .where('supplier_company_id', '=', input.supplierId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw notFound('Invited supplier');
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.supplier_uninvited',
      before: { supplierId: input.supplierId },
      recipients: [],
    });
    return changed(tender);
  });
}

/** Sets the tender's new status fields and bumps its version. */
function saveTender(
  trx: Tx,
  ctx: ServiceContext,
  tenderId: string,
  set: Partial<Pick<TenderRow, 'status' | 'closes_at' | 'published_at' | 'closed_at' | 'close_reason' | 'cancelled_at' | 'cancel_reason'>>,
) {
  return trx
    .updateTable('tenders')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: ctx.deps.clock.now() }))
    .where('id', '=', tenderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function publishTender(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; version?: number },
): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.publish', key: undefined, input }, async (trx) => {
    const now = ctx.deps.clock.now();
    const tender = await lockBuyerTender(trx, input.tenderId, actor.companyId);
    const next = assertTransition(await tenderStateOf(trx, tender, now), 'publish');
    if (input.version !== undefined && tender.version !== input.version) throw staleVersion('tender');
    const invitees = await inviteeIds(trx, tender.id);
    if (!invitees.length) throw appError('CONFLICT', 'NO_INVITEES', 'Invite at least one supplier before opening the tender.');
    if (tender.closes_at.getTime() <= now.getTime()) {
      throw appError('CONFLICT', 'DEADLINE_NOT_LATER', 'The closing time has passed; set a later one before opening the tender.');
    }
    const updated = await saveTender(trx, ctx, tender.id, { status: next, published_at: now });
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.published',
      before: { status: tender.status },
      after: { status: next, closesAt: tender.closes_at.toISOString() },
      recipients: invitees,
    });
    return changed(updated);
  });
}

export async function extendTender(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; closesAt: Date },
): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.extend', key: undefined, input }, async (trx) => {
    const tender = await lockBuyerTender(trx, input.tenderId, actor.companyId);
    assertTransition(await tenderStateOf(trx, tender, ctx.deps.clock.now()), 'extend');
    // Never shorter: suppliers plan their quotes around the deadline they were given.
    if (input.closesAt.getTime() <= tender.closes_at.getTime()) {
      throw appError('CONFLICT', 'DEADLINE_NOT_LATER', `The new closing time must be later than ${tender.closes_at.toISOString()}.`);
    }
    const updated = await saveTender(trx, ctx, tender.id, { closes_at: input.closesAt });
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.extended',
      before: { closesAt: tender.closes_at.toISOString() },
      after: { closesAt: input.closesAt.toISOString() },
      recipients: await inviteeIds(trx, tender.id),
    });
    return changed(updated);
  });
}

/** The buyer's early close (the clock closes at the deadline: tender-clock.ts). */
export async function closeTender(ctx: ServiceContext, actor: CompanyActor, tenderId: string): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.close', key: undefined, input: tenderId }, async (trx) => {
    const now = ctx.deps.clock.now();
    const tender = await lockBuyerTender(trx, tenderId, actor.companyId);
    const state = await tenderStateOf(trx, tender, now);
    const next = assertTransition(state, 'close');
    // Past the deadline the buyer only beats the clock to it.
    const reason = state.pastDeadline ? 'deadline' : 'early';
    const updated = await saveTender(trx, ctx, tender.id, { status: next, closed_at: now, close_reason: reason });
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.closed',
      before: { status: tender.status },
      after: { status: next, closeReason: reason },
      recipients: await inviteeIds(trx, tender.id),
    });
    return changed(updated);
  });
}

export async function cancelTender(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { tenderId: string; reason: string },
): Promise<Changed> {
  return idempotent(ctx.deps.db, actor, { procedure: 'sourcing.tenders.cancel', key: undefined, input }, async (trx) => {
    const now = ctx.deps.clock.now();
    const tender = await lockBuyerTender(trx, input.tenderId, actor.companyId);
    const next = assertTransition(await tenderStateOf(trx, tender, now), 'cancel');
    const updated = await saveTender(trx, ctx, tender.id, { status: next, cancelled_at: now, cancel_reason: input.reason });
    await recordTenderChange(trx, ctx, actor, tender, {
      action: 'tender.cancelled',
      before: { status: tender.status },
      after: { status: next, reason: input.reason },
      // A draft's invitees never heard of it.
      recipients: tender.status === 'draft' ? [] : await inviteeIds(trx, tender.id),
    });
    return changed(updated);
  });
}

export async function supplierCandidates(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: { search?: string },
): Promise<z.infer<typeof supplierCandidate>[]> {
  return findSupplierCandidates(ctx.deps.db, actor.companyId, { search: input.search });
}

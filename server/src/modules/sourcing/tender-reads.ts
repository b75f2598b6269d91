import type { Executor } from '@tradeloom/db';
import {
  allowedTenderActions,
  type BuyerTender,
  type InvitationListInput,
  type InvitationRow,
  type Page,
  type QuoteTerms,
  quotesSealed,
  quotingAllowed,
  type SupplierTender,
  type TenderListInput,
  type TenderListRow,
  type TenderView,
} from '@tradeloom/shared';
import { type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { afterCursorRow, escapeLike, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { companyClaimedOf, companyNameOf, findCompanyName } from '../companies/company-reads.ts';
import { describeFiles } from '../files/files.service.ts';
import { orderNumberOf } from '../orders/orders.repository.ts';
import { activeQuoteSubmittedAt, inviteeStateOf, type TenderRow, tenderStateOf } from './tender-records.ts';

// Reading tenders. The buyer sees who quoted and when; a quote's content is read from the
// database only once the tender is unsealed, so no bug further down can leak a sealed price.
// An invitee sees its own quotes and never another supplier's name or count.

const paymentTermsOf = (row: { payment_terms: 'advance' | 'against_delivery' | 'net' | null; payment_term_days: number | null }) =>
  row.payment_terms ? { kind: row.payment_terms, days: row.payment_term_days } : null;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

async function attachmentsOf(db: Executor, fileIds: string[]) {
  const files = await describeFiles(db, fileIds);
  return fileIds.flatMap((fileId) => {
    const file = files.get(fileId);
    return file ? [{ fileId, name: file.filename, contentType: file.mime, size: file.sizeBytes }] : [];
  });
}

/** A tender's items as both sides (and the comparison) see them, in line order. */
export async function tenderItemsOf(db: Executor, tenderId: string): Promise<BuyerTender['items']> {
  const items = await db.selectFrom('tender_items').selectAll().where('tender_id', '=', tenderId).orderBy('line_no').execute();
  return items.map((item) => ({
    id: item.id,
    lineNo: item.line_no,
    productId: item.product_id,
    description: item.description,
    quantity: item.quantity,
    unit: item.unit,
    targetPrice: item.target_price,
    hsnCode: item.hsn_code,
    specification: item.specification as BuyerTender['items'][number]['specification'],
  }));
}

/** Who holds an active (submitted) quote and since when: never a price or term. */
export function activeQuoteHeads(db: Executor, tenderId: string) {
  return db
    .selectFrom('quotes as q')
    .select((eb) => [
      'q.id',
      'q.supplier_company_id as supplierId',
      companyNameOf(eb.ref('q.supplier_company_id')).as('supplierName'),
      'q.revision',
      'q.submitted_at',
    ])
    .where('q.tender_id', '=', tenderId)
    .where('q.status', '=', 'submitted')
    .orderBy('q.submitted_at')
    .orderBy('q.id')
    .execute();
}

/** What both sides see of a tender: its terms, items and attachments. */
async function tenderHead(db: Executor, tender: TenderRow) {
  const files = await db
    .selectFrom('tender_attachments')
    .select('file_id')
    .where('tender_id', '=', tender.id)
    .orderBy('created_at')
    .orderBy('file_id')
    .execute();
  return {
    id: tender.id,
    number: tender.number,
    title: tender.title,
    status: tender.status,
    currency: tender.currency,
    deliveryPlace: tender.delivery_place,
    deliveryDate: tender.delivery_date,
    paymentTerms: paymentTermsOf(tender),
    closesAt: tender.closes_at.toISOString(),
    notes: tender.notes,
    criteria: tender.criteria as BuyerTender['criteria'],
    publishedAt: iso(tender.published_at),
    closedAt: iso(tender.closed_at),
    cancelledAt: iso(tender.cancelled_at),
    cancelReason: tender.cancel_reason,
    items: await tenderItemsOf(db, tender.id),
    attachments: await attachmentsOf(
      db,
      files.map((f) => f.file_id),
    ),
  };
}

/**
 * The content of quotes: terms, lines and attachments. Callers pass only quotes the reader may
 * see in full: the supplier's own, or the buyer's once the tender is unsealed.
 */
export async function quoteTermsOf(db: Executor, quoteIds: string[]): Promise<Map<string, QuoteTerms>> {
  if (!quoteIds.length) return new Map();
  const quotes = await db.selectFrom('quotes').selectAll().where('id', 'in', quoteIds).execute();
  const lines = await db
    .selectFrom('quote_lines as l')
    .innerJoin('tender_items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .where('l.quote_id', 'in', quoteIds)
    .orderBy('i.line_no')
    .orderBy('l.alternative_no')
    .execute();
  const files = await db
    .selectFrom('quote_attachments')
    .select(['quote_id', 'file_id'])
    .where('quote_id', 'in', quoteIds)
    .orderBy('created_at')
    .orderBy('file_id')
    .execute();
  const described = await attachmentsOf(
    db,
    files.map((f) => f.file_id),
  );
  return new Map(
    quotes.map((quote) => [
      quote.id,
      {
        currency: quote.currency,
        leadTimeDays: quote.lead_time_days,
        validUntil: quote.valid_until,
        paymentTerms: paymentTermsOf(quote),
        notes: quote.notes,
        lines: lines
          .filter((line) => line.quote_id === quote.id)
          .map((line) => ({
            id: line.id,
            itemId: line.item_id,
            alternativeNo: line.alternative_no,
            description: line.description,
            unitPrice: line.unit_price,
            quantity: line.quantity,
            unit: line.unit,
            freightPerUnit: line.freight_per_unit,
            hsnCode: line.hsn_code,
            taxRate: line.tax_rate,
            notes: line.notes,
          })),
        attachments: files
          .filter((file) => file.quote_id === quote.id)
          .flatMap((file) => described.filter((d) => d.fileId === file.file_id)),
      },
    ]),
  );
}

/**
 * Published answers for everyone invited; an unanswered question only for the buyer and the
 * asker. Who asked is never named, `askedByYou` tells the asker alone.
 */
async function clarificationsFor(db: Executor, tender: TenderRow, readerId: string) {
  let query = db
    .selectFrom('tender_clarifications')
    .select(['id', 'question', 'answer', 'created_at', 'answered_at', 'asked_by_company_id'])
    .where('tender_id', '=', tender.id)
    .orderBy('created_at')
    .orderBy('id');
  if (readerId !== tender.company_id) {
    query = query.where((eb) => eb.or([eb('answered_at', 'is not', null), eb('asked_by_company_id', '=', readerId)]));
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    question: row.question,
    answer: row.answered_at ? row.answer : null,
    askedAt: row.created_at.toISOString(),
    answeredAt: iso(row.answered_at),
    askedByYou: row.asked_by_company_id === readerId,
  }));
}

/** The award lines of a tender (of one supplier's quotes when given), with the reader's order number. */
async function awardsOf(db: Executor, tenderId: string, readerId: string, supplierId?: string) {
  let query = db
    .selectFrom('tender_awards as a')
    .innerJoin('quotes as q', 'q.id', 'a.quote_id')
    .select((eb) => [
      'a.item_id as itemId',
      'a.quote_id as quoteId',
      'q.supplier_company_id as supplierId',
      companyNameOf(eb.ref('q.supplier_company_id')).as('supplierName'),
      'a.quantity',
      'a.order_id as orderId',
      orderNumberOf(eb.ref('a.order_id'), readerId).as('orderNumber'),
      'a.reason',
    ])
    .where('a.tender_id', '=', tenderId)
    .orderBy('a.created_at')
    .orderBy('a.id');
  if (supplierId) query = query.where('q.supplier_company_id', '=', supplierId);
  return query.execute();
}

async function buyerTender(db: Executor, actor: CompanyActor, tender: TenderRow, now: Date): Promise<BuyerTender> {
  const invitees = await db
    .selectFrom('tender_invitations as i')
    .select((eb) => [
      'i.supplier_company_id as supplierId',
      companyNameOf(eb.ref('i.supplier_company_id')).as('supplierName'),
      companyClaimedOf(eb.ref('i.supplier_company_id')).as('claimed'),
      inviteeStateOf('i').as('state'),
      isoTimestamp(eb.ref('i.created_at')).as('invitedAt'),
      isoTimestamp(activeQuoteSubmittedAt(eb.ref('i.tender_id'), eb.ref('i.supplier_company_id'))).as('quotedAt'),
      'i.decline_reason as declineReason',
    ])
    .where('i.tender_id', '=', tender.id)
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
  // Who quoted and when: never a price or term here.
  const quotes = await activeQuoteHeads(db, tender.id);
  const sealed = quotesSealed({ status: tender.status, closedAt: tender.closed_at });
  const terms = sealed
    ? new Map<string, QuoteTerms>()
    : await quoteTermsOf(
        db,
        quotes.map((q) => q.id),
      );
  const state = await tenderStateOf(db, tender, now);
  return {
    side: 'buyer',
    ...(await tenderHead(db, tender)),
    version: tender.version,
    conversions: tender.conversions as BuyerTender['conversions'],
    closeReason: tender.close_reason,
    awardedAt: iso(tender.awarded_at),
    invitees: invitees.map(({ claimed, ...row }) => ({ ...row, unclaimed: !claimed })),
    quotes: quotes.map((q) => ({
      id: q.id,
      supplierId: q.supplierId,
      supplierName: q.supplierName,
      revision: q.revision,
      submittedAt: (q.submitted_at as Date).toISOString(),
      terms: terms.get(q.id) ?? null,
    })),
    sealed,
    clarifications: await clarificationsFor(db, tender, actor.companyId),
    awards: await awardsOf(db, tender.id, actor.companyId),
    // A reader is offered nothing it may not do.
    actions: actor.permissions.has('sourcing:write') ? allowedTenderActions(state) : [],
  };
}

async function supplierTender(
  db: Executor,
  actor: CompanyActor,
  tender: TenderRow,
  invitation: { state: SupplierTender['invitation']['state']; invitedAt: string; declineReason: string | null },
  now: Date,
): Promise<SupplierTender> {
  // Its own revisions only, the private draft included.
  const own = await db
    .selectFrom('quotes')
    .select(['id', 'revision', 'status', 'submitted_at', 'withdrawn_at', 'version'])
    .where('tender_id', '=', tender.id)
    .where('supplier_company_id', '=', actor.companyId)
    .orderBy('revision', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const terms = await quoteTermsOf(
    db,
    own.map((q) => q.id),
  );
  return {
    side: 'supplier',
    ...(await tenderHead(db, tender)),
    buyerId: tender.company_id,
    buyerName: await findCompanyName(db, tender.company_id),
    invitation,
    quotes: own.map((q) => {
      const content = terms.get(q.id);
      if (!content) throw new Error(`quote ${q.id} vanished while read`);
      return {
        id: q.id,
        revision: q.revision,
        status: q.status,
        submittedAt: iso(q.submitted_at),
        withdrawnAt: iso(q.withdrawn_at),
        version: q.version,
        terms: content,
      };
    }),
    clarifications: await clarificationsFor(db, tender, actor.companyId),
    canQuote: quotingAllowed({ status: tender.status, closesAt: tender.closes_at }, now).ok,
    awards: await awardsOf(db, tender.id, actor.companyId, actor.companyId),
  };
}

/** An invitee's invitation to a tender it may see (once published); undefined for anyone else. */
export function findVisibleInvitation(db: Executor, tenderId: string, supplierId: string) {
  return (
    db
      .selectFrom('tender_invitations as i')
      .innerJoin('tenders as t', 't.id', 'i.tender_id')
      .select((eb) => [
        inviteeStateOf('i').as('state'),
        isoTimestamp(eb.ref('i.created_at')).as('invitedAt'),
        'i.decline_reason as declineReason',
      ])
      .where('i.tender_id', '=', tenderId)
      .where('i.supplier_company_id', '=', supplierId)
      // Published: a draft (or a draft cancelled before it opened) was never shown to invitees.
      .where('t.published_at', 'is not', null)
      .executeTakeFirst()
  );
}

/** The buyer's view (sealed while open) or an invitee's view (its own quotes only); anyone else: NOT_FOUND. */
export async function getTender(ctx: ServiceContext, actor: CompanyActor, tenderId: string): Promise<TenderView> {
  const { db } = ctx.deps;
  const now = ctx.deps.clock.now();
  const tender = await db.selectFrom('tenders').selectAll().where('id', '=', tenderId).executeTakeFirst();
  if (!tender) throw notFound('Tender');
  if (tender.company_id === actor.companyId) return buyerTender(db, actor, tender, now);
  const invitation = await findVisibleInvitation(db, tender.id, actor.companyId);
  if (!invitation) throw notFound('Tender');
  return supplierTender(db, actor, tender, invitation, now);
}

const countOf = (table: 'tender_items' | 'tender_invitations') =>
  sql<number>`(select count(*)::int from ${sql.table(table)} x where x.tender_id = t.id)`;

/** The buyer's tenders, newest first, with how many items, invitees and active quotes each has. */
export async function listTenders(ctx: ServiceContext, actor: CompanyActor, input: TenderListInput): Promise<Page<TenderListRow>> {
  let query = ctx.deps.db
    .selectFrom('tenders as t')
    .select((eb) => [
      't.id',
      't.number',
      't.title',
      't.status',
      't.currency',
      isoTimestamp(eb.ref('t.closes_at')).as('closesAt'),
      countOf('tender_items').as('itemCount'),
      countOf('tender_invitations').as('invitedCount'),
      // How many quoted is no secret from the buyer while sealed; what they quoted is.
      sql<number>`(select count(*)::int from quotes q where q.tender_id = t.id and q.status = 'submitted')`.as('quoteCount'),
      isoTimestamp(eb.ref('t.created_at')).as('createdAt'),
    ])
    .where('t.company_id', '=', actor.companyId)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(input.limit + 1);
  if (input.status) query = query.where('t.status', '=', input.status);
  if (input.search) {
    const pattern = `%${escapeLike(input.search)}%`;
    query = query.where((eb) => eb.or([eb('t.number', 'ilike', pattern), eb('t.title', 'ilike', pattern)]));
  }
  if (input.cursor) {
    const ours = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.company_id`)} = ${actor.companyId}`;
    query = query.where(
      afterCursorRow(input.cursor, { name: 'tenders', alias: 't' }, (alias) => sql.ref(`${alias}.created_at`), 'desc', ours),
    );
  }
  const rows = await query.execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

/** The supplier's inbox: tenders it is invited to once published, newest invitation first. */
export async function listInvitations(ctx: ServiceContext, actor: CompanyActor, input: InvitationListInput): Promise<Page<InvitationRow>> {
  const now = ctx.deps.clock.now();
  let query = ctx.deps.db
    .selectFrom('tender_invitations as i')
    .innerJoin('tenders as t', 't.id', 'i.tender_id')
    .select((eb) => [
      'i.id as invitationId',
      't.id as tenderId',
      't.number',
      't.title',
      't.company_id as buyerId',
      companyNameOf(eb.ref('t.company_id')).as('buyerName'),
      't.status',
      isoTimestamp(eb.ref('t.closes_at')).as('closesAt'),
      sql<number>`(select count(*)::int from tender_items x where x.tender_id = t.id)`.as('itemCount'),
      inviteeStateOf('i').as('state'),
      sql<boolean>`exists (select 1 from quotes q where q.tender_id = i.tender_id and q.supplier_company_id = i.supplier_company_id and q.status = 'draft')`.as(
        'hasDraft',
      ),
      isoTimestamp(eb.ref('i.created_at')).as('invitedAt'),
    ])
    .where('i.supplier_company_id', '=', actor.companyId)
    // Published: a draft (or a draft cancelled before it opened) was never shown to invitees.
    .where('t.published_at', 'is not', null)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(input.limit + 1);
  if (input.status === 'open') query = query.where('t.status', '=', 'open').where('t.closes_at', '>', now);
  if (input.status === 'closed') query = query.where((eb) => eb.or([eb('t.status', '!=', 'open'), eb('t.closes_at', '<=', now)]));
  if (input.cursor) {
    const ours = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.supplier_company_id`)} = ${actor.companyId}`;
    query = query.where(
      afterCursorRow(input.cursor, { name: 'tender_invitations', alias: 'i' }, (alias) => sql.ref(`${alias}.created_at`), 'desc', ours),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ invitationId: _, ...row }) => row),
    nextCursor: rows.length > input.limit && last ? rowCursor(last.invitationId) : null,
  };
}

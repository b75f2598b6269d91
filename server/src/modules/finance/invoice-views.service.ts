import type { Database, Executor } from '@tradeloom/db';
import { dec, type InvoiceDetail, type InvoiceListInput, type InvoiceMatchFlag, money } from '@tradeloom/shared';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { branchCondition } from '../../lib/branch-scope.ts';
import { afterCursorRow, rowCursor } from '../../lib/cursor.ts';
import { isoTimestamp } from '../../lib/iso-timestamp.ts';
import { notFound } from '../../trpc/errors.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { contractNumbersOf } from '../contracts/contract-parties.ts';
import { orderNumbersOf } from '../orders/order-invoicing.ts';
import { threeWayMatch } from './invoice-match.ts';

/**
 * Who sees an invoice: the supplier (drafts included) and, once issued, the buyer; a member
 * limited to some branches only on its own side's branch. Anything else is not found.
 */
export function invoiceVisibleTo(actor: CompanyActor) {
  return (eb: ExpressionBuilder<Database, 'invoices'>) =>
    eb.or([
      eb.and([eb('invoices.supplier_company_id', '=', actor.companyId), branchCondition(actor, eb, eb.ref('invoices.supplier_branch_id'))]),
      eb.and([
        eb('invoices.buyer_company_id', '=', actor.companyId),
        eb('invoices.status', '<>', 'draft'),
        branchCondition(actor, eb, eb.ref('invoices.buyer_branch_id')),
      ]),
    ]);
}

/** The invoice row locked for a change, when the actor may see it; else NOT_FOUND. */
export async function lockVisibleInvoice(trx: Executor, actor: CompanyActor, invoiceId: string) {
  const invoice = await trx
    .selectFrom('invoices')
    .selectAll('invoices')
    .where('invoices.id', '=', invoiceId)
    .where(invoiceVisibleTo(actor))
    .forUpdate()
    .executeTakeFirst();
  if (!invoice) throw notFound('Invoice');
  return invoice;
}

/** Why a purchase invoice has no three-way match: only an order gives something to match against. */
const MATCH_NOTES = {
  order: null,
  contract: 'Raised against a contract, not an order: there is no order to match; check it against the contract and its receipts.',
  free: 'A free invoice, without an order or a delivery: there is nothing to match it against.',
} as const;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export async function getInvoice(ctx: ServiceContext, actor: CompanyActor, invoiceId: string): Promise<InvoiceDetail> {
  return readInvoice(ctx.deps.db, actor, invoiceId);
}

export async function readInvoice(db: Executor, actor: CompanyActor, invoiceId: string): Promise<InvoiceDetail> {
  const invoice = await db
    .selectFrom('invoices')
    .selectAll('invoices')
    .select((eb) => [
      companyNameOf(eb.ref('invoices.supplier_company_id')).as('supplierName'),
      companyNameOf(eb.ref('invoices.buyer_company_id')).as('buyerName'),
    ])
    .where('invoices.id', '=', invoiceId)
    .where(invoiceVisibleTo(actor))
    .executeTakeFirst();
  if (!invoice) throw notFound('Invoice');
  const lines = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoice.id).orderBy('line_no').execute();
  const buying = invoice.buyer_company_id === actor.companyId;
  const [order] = invoice.order_id ? await orderNumbersOf(db, [invoice.order_id]) : [];
  const [contract] = invoice.contract_id ? await contractNumbersOf(db, [invoice.contract_id]) : [];
  const kind = invoice.order_id ? 'order' : invoice.contract_id ? 'contract' : 'free';
  const settled = buying ? invoice.paid_amount : invoice.received_amount;
  const balance = money(
    dec(invoice.total).plus(invoice.debited_amount).minus(invoice.credited_amount).minus(invoice.tds_amount).minus(settled),
  );
  return {
    id: invoice.id,
    side: buying ? 'purchase' : 'sales',
    number: invoice.number,
    financialYear: invoice.financial_year,
    status: invoice.status,
    orderId: invoice.order_id,
    orderNumber: (buying ? order?.buyerNumber : order?.supplierNumber) ?? null,
    kind,
    contractId: invoice.contract_id,
    contractNumber: (buying ? contract?.buyerNumber : contract?.sellerNumber) ?? null,
    supplier: {
      id: invoice.supplier_company_id,
      name: invoice.supplierName,
      gstin: invoice.supplier_gstin,
      branchId: invoice.supplier_branch_id,
    },
    buyer: { id: invoice.buyer_company_id, name: invoice.buyerName, gstin: invoice.buyer_gstin, branchId: invoice.buyer_branch_id },
    invoiceDate: invoice.invoice_date,
    dueDate: invoice.due_date,
    currency: invoice.currency,
    taxRegime: invoice.tax_regime,
    placeOfSupply: invoice.place_of_supply,
    reverseCharge: invoice.reverse_charge,
    subtotal: invoice.subtotal,
    discount: money(dec(invoice.subtotal).minus(invoice.taxable)),
    taxable: invoice.taxable,
    cgst: invoice.cgst,
    sgst: invoice.sgst,
    igst: invoice.igst,
    tax: invoice.tax,
    total: invoice.total,
    roundOff: invoice.round_off,
    tdsPercent: invoice.tds_percent,
    tdsAmount: invoice.tds_amount,
    tcsPercent: invoice.tcs_percent,
    tcsAmount: invoice.tcs_amount,
    creditedAmount: invoice.credited_amount,
    debitedAmount: invoice.debited_amount,
    receivedAmount: invoice.received_amount,
    paidAmount: invoice.paid_amount,
    disputedAmount: invoice.disputed_amount,
    balance,
    // Each side's own note: the other never reads it.
    note: buying ? invoice.buyer_note : invoice.supplier_note,
    issuedAt: iso(invoice.issued_at),
    cancelledAt: iso(invoice.cancelled_at),
    cancelReason: invoice.cancel_reason,
    version: invoice.version,
    lines: lines.map((line) => ({
      id: line.id,
      lineNo: line.line_no,
      orderLineId: line.order_line_id,
      deliveryLineId: line.delivery_line_id,
      productId: line.product_id,
      description: line.description,
      hsnCode: line.hsn_code,
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unit_price,
      discountPercent: line.discount_percent,
      taxRate: line.tax_rate,
      gross: line.gross,
      discount: line.discount,
      taxable: line.taxable,
      cgst: line.cgst,
      sgst: line.sgst,
      igst: line.igst,
      tax: line.tax,
      total: line.total,
    })),
    // The three-way match and approval for payment are the buyer's own: the supplier never sees them.
    // Until approved the match is live (receipts may still come); the approval keeps what it saw.
    match: buying
      ? {
          ...(invoice.approved_for_payment_at || invoice.status === 'cancelled'
            ? { status: invoice.match_status, flags: (invoice.match_flags ?? []) as InvoiceMatchFlag[] }
            : await threeWayMatch(db, invoice)),
          note: MATCH_NOTES[kind],
          approvedForPaymentAt: iso(invoice.approved_for_payment_at),
          approvedForPaymentBy: invoice.approved_for_payment_by,
        }
      : null,
  };
}

/** Sales invoices (we supply) or purchase invoices (we buy), newest first, keyset-paged. */
export async function listInvoices(ctx: ServiceContext, actor: CompanyActor, input: InvoiceListInput) {
  const buying = input.side === 'purchase';
  const own = buying ? 'i.buyer_company_id' : 'i.supplier_company_id';
  const partner = buying ? 'i.supplier_company_id' : 'i.buyer_company_id';
  let query = ctx.deps.db
    .selectFrom('invoices as i')
    .select((eb) => [
      'i.id',
      'i.number',
      'i.status',
      'i.order_id as orderId',
      'i.contract_id as contractId',
      eb.ref(partner).as('partnerId'),
      companyNameOf(eb.ref(partner)).as('partnerName'),
      'i.invoice_date as invoiceDate',
      'i.due_date as dueDate',
      'i.currency',
      'i.total',
      isoTimestamp(eb.ref('i.created_at')).as('createdAt'),
    ])
    .where(own, '=', actor.companyId)
    .where((eb) => branchCondition(actor, eb, eb.ref(buying ? 'i.buyer_branch_id' : 'i.supplier_branch_id')));
  if (buying) query = query.where('i.status', '<>', 'draft');
  if (input.status) query = query.where('i.status', '=', input.status);
  if (input.partnerId) query = query.where(partner, '=', input.partnerId);
  if (input.orderId) query = query.where('i.order_id', '=', input.orderId);
  if (input.contractId) query = query.where('i.contract_id', '=', input.contractId);
  if (input.cursor) {
    const scope = (alias: string) =>
      sql<SqlBool>`${sql.ref(`${alias}.${buying ? 'buyer_company_id' : 'supplier_company_id'}`)} = ${actor.companyId}`;
    query = query.where(
      afterCursorRow(input.cursor, { name: 'invoices', alias: 'i' }, (alias) => sql.ref(`${alias}.created_at`), 'desc', scope),
    );
  }
  const rows = await query
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? rowCursor(last.id) : null };
}

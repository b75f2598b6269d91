import { type Executor, inTransaction } from '@tradeloom/db';
import { type CreateInvoiceInput, convertPrice, dec, type InvoiceableContract, money } from '@tradeloom/shared';
import { sql } from 'kysely';
import type { CompanyActor, ServiceContext } from '../../deps.ts';
import { appError, invalidFields, notFound } from '../../trpc/errors.ts';
import { gstRatesOf } from '../catalog/catalog-lookups.ts';
import { companyNameOf } from '../companies/company-reads.ts';
import { findContractForInvoicing } from '../contracts/contract-parties.ts';
import { contractDeliveryLineTotals } from '../deliveries/delivery-quantities.ts';
import { findGstRateOn } from '../masters/gst-rates.service.ts';
import { companyCalendar } from '../orders/order-due-dates.ts';
import { findAcceptedLink } from '../partners/accepted-links.ts';
import { createInvoice, dueDateFor, invoicingBranch, writeInvoice } from './invoices.service.ts';

// The two other ways to raise an invoice besides an order's deliveries: from a contract's
// deliveries (price, HSN and GST rate from the contract), and a free invoice to a linked buyer.
// Both end in the same draft as an order invoice (writeInvoice): GST from the parties' states.

/** Raises a draft invoice of the kind the input names: an order's, a contract's, or a free one. */
export function createAnyInvoice(ctx: ServiceContext, actor: CompanyActor, input: CreateInvoiceInput) {
  if (input.contractId) return createContractInvoice(ctx, actor, { ...input, contractId: input.contractId });
  if (input.partnerId) return createFreeInvoice(ctx, actor, { ...input, partnerId: input.partnerId });
  return createInvoice(ctx, actor, { ...input, orderId: input.orderId as string });
}

/** Per contract delivery line, what non-cancelled invoices (drafts included) already bill. */
async function invoicedDeliveryLines(db: Executor, contractId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['l.delivery_line_id as deliveryLineId', sql<string>`coalesce(sum(l.quantity), 0)::text`.as('quantity')])
    .where('i.contract_id', '=', contractId)
    .where('i.status', '<>', 'cancelled')
    .where('l.delivery_line_id', 'is not', null)
    .groupBy('l.delivery_line_id')
    .execute();
  return new Map(rows.map((row) => [row.deliveryLineId as string, row.quantity]));
}

/** The GST rate of the contract's HSN code on the invoice date (the rates master, else the HSN list); null when unknown. */
async function contractTaxRate(db: Executor, hsnCode: string | null, on: string): Promise<string | null> {
  if (!hsnCode) return null;
  const dated = await findGstRateOn(db, hsnCode, on);
  if (dated) return dated.rate;
  return (await gstRatesOf(db, [hsnCode])).get(hsnCode) ?? null;
}

/** The contract as its seller invoices it: locked (optionally), else NOT_FOUND / WRONG_SIDE. */
async function sellerContract(db: Executor, actor: CompanyActor, contractId: string, lock: boolean) {
  const contract = await findContractForInvoicing(db, contractId, actor.companyId, { lock });
  if (!contract) throw notFound('Contract');
  if (contract.sellerCompanyId !== actor.companyId) throw appError('FORBIDDEN', 'WRONG_SIDE', 'Only the seller invoices a contract.');
  return contract;
}

/** What remains to invoice per contract delivery line: dispatched less what invoices not cancelled bill. */
async function contractLines(db: Executor, contractId: string) {
  const [delivered, invoiced] = await Promise.all([contractDeliveryLineTotals(db, contractId), invoicedDeliveryLines(db, contractId)]);
  return delivered.map((line) => {
    const billed = dec(invoiced.get(line.deliveryLineId) ?? 0);
    const remaining = dec(line.dispatched).minus(billed);
    return { ...line, invoiced: billed, remaining: remaining.isNegative() ? dec(0) : remaining };
  });
}

/**
 * A draft invoice from a contract's deliveries: per delivery line at most what was dispatched and
 * not yet invoiced; the contract row is locked so concurrent invoices queue and never exceed it.
 */
export async function createContractInvoice(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: CreateInvoiceInput & { contractId: string },
): Promise<{ id: string; version: number }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const contract = await sellerContract(trx, actor, input.contractId, true);
    const branchId = await invoicingBranch(trx, actor, input.branchId);
    const available = await contractLines(trx, contract.id);
    const byId = new Map(available.map((line) => [line.deliveryLineId, line]));
    const requested =
      input.lines?.map((line) => ({ deliveryLineId: line.deliveryLineId as string, quantity: line.quantity })) ??
      available
        .filter((line) => line.remaining.greaterThan(0))
        .map((line) => ({ deliveryLineId: line.deliveryLineId, quantity: money(line.remaining, 3) }));
    if (requested.length === 0) {
      throw appError('CONFLICT', 'QUANTITY_EXCEEDS_REMAINING', 'Nothing dispatched on this contract remains to be invoiced.');
    }
    const problems: Record<string, string> = {};
    const seen = new Set<string>();
    let exceeds = false;
    requested.forEach((line, index) => {
      const delivered = byId.get(line.deliveryLineId);
      if (!delivered) problems[`lines.${index}.deliveryLineId`] = 'is not a line of this contract’s deliveries';
      else if (seen.has(line.deliveryLineId)) problems[`lines.${index}.deliveryLineId`] = 'appears twice';
      else if (dec(line.quantity).greaterThan(delivered.remaining)) {
        exceeds = true;
        problems[`lines.${index}.quantity`] =
          `is more than remains to invoice: ${money(delivered.remaining, 3)} ${delivered.unit} dispatched and not yet invoiced`;
      }
      seen.add(line.deliveryLineId);
    });
    if (Object.keys(problems).length) throw invalidFields(problems, exceeds ? 'QUANTITY_EXCEEDS_REMAINING' : undefined);

    const { today } = await companyCalendar(trx, actor.companyId, ctx.deps.clock.now());
    const invoiceDate = input.invoiceDate ?? today;
    const taxRate = await contractTaxRate(trx, contract.hsnCode, invoiceDate);
    if (taxRate === null) throw invalidFields({ contractId: 'has no GST rate for its commodity: raise a free invoice instead' });
    const unitPrice = money(convertPrice(contract.price, contract.priceUnit, contract.unit), 4);
    return writeInvoice(trx, ctx, actor, input, {
      supplierCompanyId: contract.sellerCompanyId,
      buyerCompanyId: contract.buyerCompanyId,
      orderId: null,
      contractId: contract.id,
      supplierBranchId: branchId,
      buyerBranchId: null,
      invoiceDate,
      dueDate: dueDateFor({ kind: 'net', days: contract.paymentDays }, invoiceDate),
      currency: contract.currency,
      lines: requested.map((line) => {
        const delivered = byId.get(line.deliveryLineId) as NonNullable<ReturnType<typeof byId.get>>;
        return {
          orderLineId: null,
          deliveryLineId: line.deliveryLineId,
          productId: null,
          description: `${delivered.description} (${delivered.deliveryNumber})`,
          hsnCode: contract.hsnCode,
          quantity: line.quantity,
          unit: contract.unit,
          unitPrice,
          discountPercent: '0',
          taxRate,
        };
      }),
      audit: { contractId: contract.id },
    });
  });
}

/** A free invoice: the supplier bills a buyer it has an accepted link with, without an order. Anyone else is NOT_FOUND. */
export async function createFreeInvoice(
  ctx: ServiceContext,
  actor: CompanyActor,
  input: CreateInvoiceInput & { partnerId: string },
): Promise<{ id: string; version: number }> {
  return inTransaction(ctx.deps.db, async (trx) => {
    if (input.partnerId === actor.companyId || !(await findAcceptedLink(trx, input.partnerId, actor.companyId))) {
      throw notFound('Partner');
    }
    const branchId = await invoicingBranch(trx, actor, input.branchId);
    const { today } = await companyCalendar(trx, actor.companyId, ctx.deps.clock.now());
    const invoiceDate = input.invoiceDate ?? today;
    return writeInvoice(trx, ctx, actor, input, {
      supplierCompanyId: actor.companyId,
      buyerCompanyId: input.partnerId,
      orderId: null,
      contractId: null,
      supplierBranchId: branchId,
      buyerBranchId: null,
      invoiceDate,
      dueDate: invoiceDate,
      // Free invoices are raised in rupees: GST is charged on them.
      currency: 'INR',
      lines: (input.freeLines ?? []).map((line) => ({
        orderLineId: null,
        deliveryLineId: null,
        productId: null,
        description: line.description,
        hsnCode: line.hsnCode ?? null,
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: line.unitPrice,
        discountPercent: '0',
        taxRate: line.taxRate,
      })),
      audit: { partnerId: input.partnerId, free: true },
    });
  });
}

/** What the seller may still invoice on a contract, per delivery line, with the price and rate the invoice will carry. */
export async function invoiceableContractLines(ctx: ServiceContext, actor: CompanyActor, contractId: string): Promise<InvoiceableContract> {
  const db = ctx.deps.db;
  const contract = await sellerContract(db, actor, contractId, false);
  const { today } = await companyCalendar(db, actor.companyId, ctx.deps.clock.now());
  const [lines, taxRate, buyer] = await Promise.all([
    contractLines(db, contract.id),
    contractTaxRate(db, contract.hsnCode, today),
    db.selectNoFrom(companyNameOf(contract.buyerCompanyId).as('name')).executeTakeFirstOrThrow(),
  ]);
  return {
    contractId: contract.id,
    contractNumber: contract.sellerNumber,
    buyerId: contract.buyerCompanyId,
    buyerName: buyer.name,
    currency: contract.currency,
    unit: contract.unit,
    unitPrice: money(convertPrice(contract.price, contract.priceUnit, contract.unit), 4),
    hsnCode: contract.hsnCode,
    taxRate: taxRate === null ? null : money(taxRate),
    lines: lines.map((line) => ({
      deliveryLineId: line.deliveryLineId,
      deliveryId: line.deliveryId,
      deliveryNumber: line.deliveryNumber,
      dispatchDate: line.dispatchDate,
      description: line.description,
      dispatched: money(line.dispatched, 3),
      invoiced: money(line.invoiced, 3),
      remaining: money(line.remaining, 3),
    })),
  };
}

import {
  approveInvoiceForPaymentInput,
  cancelInvoiceInput,
  createInvoiceInput,
  invoiceableContract,
  invoiceableContractInput,
  invoiceableInput,
  invoiceableOrder,
  invoiceCreated,
  invoiceDetail,
  invoiceIdInput,
  invoiceListInput,
  invoicePage,
  issueInvoiceInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { createAnyInvoice, invoiceableContractLines } from './invoice-sources.ts';
import { getInvoice, listInvoices } from './invoice-views.service.ts';
import { approveInvoiceForPayment, cancelInvoice, invoiceableLines, issueInvoice } from './invoices.service.ts';

/** Tax invoices: the supplier drafts, issues and cancels; the buyer sees the same record as a purchase invoice. */
export const invoicesRouter = router({
  create: companyProcedure('finance:write')
    .input(createInvoiceInput)
    .output(invoiceCreated)
    .mutation(({ ctx, input }) => createAnyInvoice(ctx, ctx.actor, input)),
  issue: companyProcedure('finance:write')
    .input(issueInvoiceInput)
    .output(invoiceDetail)
    .mutation(({ ctx, input }) => issueInvoice(ctx, ctx.actor, input)),
  cancel: companyProcedure('finance:write')
    .input(cancelInvoiceInput)
    .output(z.strictObject({ id: z.uuid(), status: z.enum(['cancelled', 'discarded']) }))
    .mutation(({ ctx, input }) => cancelInvoice(ctx, ctx.actor, input)),
  approveForPayment: companyProcedure('finance:approve')
    .input(approveInvoiceForPaymentInput)
    .output(invoiceDetail)
    .mutation(({ ctx, input }) => approveInvoiceForPayment(ctx, ctx.actor, input)),
  get: companyProcedure('finance:read')
    .input(invoiceIdInput)
    .output(invoiceDetail)
    .query(({ ctx, input }) => getInvoice(ctx, ctx.actor, input.invoiceId)),
  invoiceable: companyProcedure('finance:read')
    .input(invoiceableInput)
    .output(invoiceableOrder)
    .query(({ ctx, input }) => invoiceableLines(ctx, ctx.actor, input.orderId)),
  invoiceableContract: companyProcedure('finance:read')
    .input(invoiceableContractInput)
    .output(invoiceableContract)
    .query(({ ctx, input }) => invoiceableContractLines(ctx, ctx.actor, input.contractId)),
  list: companyProcedure('finance:read')
    .input(invoiceListInput)
    .output(invoicePage)
    .query(({ ctx, input }) => listInvoices(ctx, ctx.actor, input)),
});

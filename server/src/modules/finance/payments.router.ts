import {
  allocatePaymentInput,
  invoicePayments,
  invoicePaymentsInput,
  paymentDetail,
  paymentIdInput,
  paymentListInput,
  paymentPage,
  recordPaymentInput,
  reversePaymentInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import {
  allocatePayment,
  invoicePayments as allocationsOnInvoice,
  getPayment,
  listPayments,
  recordPayment,
  reversePayment,
} from './payments.service.ts';

const paymentRef = z.object({ id: z.string() });

export const paymentsRouter = router({
  record: companyProcedure('finance:write')
    .input(recordPaymentInput)
    .output(paymentRef.extend({ number: z.string() }))
    .mutation(({ ctx, input }) => recordPayment(ctx, ctx.actor, input)),
  allocate: companyProcedure('finance:write')
    .input(allocatePaymentInput)
    .output(paymentRef)
    .mutation(({ ctx, input }) => allocatePayment(ctx, ctx.actor, input)),
  reverse: companyProcedure('finance:write')
    .input(reversePaymentInput)
    .output(paymentRef)
    .mutation(({ ctx, input }) => reversePayment(ctx, ctx.actor, input)),
  get: companyProcedure('finance:read')
    .input(paymentIdInput)
    .output(paymentDetail)
    .query(({ ctx, input }) => getPayment(ctx, ctx.actor, input.paymentId)),
  list: companyProcedure('finance:read')
    .input(paymentListInput)
    .output(paymentPage)
    .query(({ ctx, input }) => listPayments(ctx, ctx.actor, input)),
  forInvoice: companyProcedure('finance:read')
    .input(invoicePaymentsInput)
    .output(invoicePayments)
    .query(({ ctx, input }) => allocationsOnInvoice(ctx, ctx.actor, input.invoiceId)),
});

import {
  outstandingInput,
  outstandingInvoice,
  outstandingInvoicesInput,
  outstandingRow,
  statement,
  statementInput,
} from '@tradeloom/shared';
import { z } from 'zod';
import { companyProcedure } from '../../trpc/procedures.ts';
import { outstanding, outstandingInvoices, partnerStatement } from './ledger.service.ts';

// `finance.outstanding`, `finance.outstandingInvoices` and `finance.statement`: procedures at the top of the finance router.
export const ledgerProcedures = {
  outstanding: companyProcedure('finance:read')
    .input(outstandingInput)
    .output(z.array(outstandingRow))
    .query(({ ctx, input }) => outstanding(ctx, ctx.actor, input.side)),
  outstandingInvoices: companyProcedure('finance:read')
    .input(outstandingInvoicesInput)
    .output(z.array(outstandingInvoice))
    .query(({ ctx, input }) => outstandingInvoices(ctx, ctx.actor, input)),
  statement: companyProcedure('finance:read')
    .input(statementInput)
    .output(statement)
    .query(({ ctx, input }) => partnerStatement(ctx, ctx.actor, input)),
};

import { contractIdInput, contractListInput, contractPage, contractView } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { getContract, listContracts } from './contract-reads.ts';

const read = () => companyProcedure('contracts:read');

/** Contracts trade-desk deals became; each party sees its own number. */
export const contractsRouter = router({
  get: read()
    .input(contractIdInput)
    .output(contractView)
    .query(({ ctx, input }) => getContract(ctx, ctx.actor, input.contractId)),
  list: read()
    .input(contractListInput)
    .output(contractPage)
    .query(({ ctx, input }) => listContracts(ctx, ctx.actor, input)),
});

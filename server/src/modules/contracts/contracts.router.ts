import { contractIdInput, contractListInput, contractPage, contractView } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { type RestRoute, restRoutes } from '../../trpc/rest-route.ts';
import { getContract, listContracts } from './contract-reads.ts';

const read = (route?: RestRoute) => companyProcedure('contracts:read', route);
const rest = restRoutes('Contracts');

/** Contracts trade-desk deals became; each party sees its own number. */
export const contractsRouter = router({
  get: read(rest.get('/contracts/{contractId}', 'Get a contract'))
    .input(contractIdInput)
    .output(contractView)
    .query(({ ctx, input }) => getContract(ctx, ctx.actor, input.contractId)),
  list: read(rest.get('/contracts', 'List contracts'))
    .input(contractListInput)
    .output(contractPage)
    .query(({ ctx, input }) => listContracts(ctx, ctx.actor, input)),
});

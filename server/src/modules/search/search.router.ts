import { searchInput, searchResults } from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { globalSearch } from './search.service.ts';

export const searchRouter = router({
  // Each provider checks its own permission: company:read is what every member holds.
  global: companyProcedure('company:read')
    .input(searchInput)
    .output(searchResults)
    .query(({ ctx, input }) => globalSearch(ctx, ctx.actor, input)),
});

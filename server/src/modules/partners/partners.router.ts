import {
  addUnclaimedInput,
  buyerBranches,
  buyerBranchesInput,
  claimInvited,
  decideLinkInput,
  directoryInput,
  directoryListing,
  directoryListingInput,
  directoryPage,
  inviteToClaimInput,
  linkActionInput,
  linkChanged,
  linkRequested,
  partnerLinkPage,
  partnerListInput,
  requestLinkInput,
  unclaimedAdded,
  waitingLinkRequests,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import { restRoutes } from '../../trpc/rest-route.ts';
import { listBuyerBranches } from './buyer-branches.service.ts';
import {
  addUnclaimed,
  changeLink,
  countWaitingRequests,
  inviteToClaim,
  listLinks,
  requestLink,
  searchDirectory,
  setDirectoryListing,
} from './partners.service.ts';

export const partnersRouter = router({
  directory: companyProcedure('partners:read')
    .input(directoryInput)
    .output(directoryPage)
    .query(({ ctx, input }) => searchDirectory(ctx, ctx.actor, input)),
  list: companyProcedure('partners:read', restRoutes('Partners').get('/partners', 'List partner links'))
    .input(partnerListInput)
    .output(partnerLinkPage)
    .query(({ ctx, input }) => listLinks(ctx, ctx.actor, input)),
  buyerBranches: companyProcedure('partners:read')
    .input(buyerBranchesInput)
    .output(buyerBranches)
    .query(({ ctx, input }) => listBuyerBranches(ctx, ctx.actor, input.buyerId)),
  // Only who may decide is waited on: the count is theirs to act on.
  waiting: companyProcedure('partners:manage')
    .output(waitingLinkRequests)
    .query(({ ctx }) => countWaitingRequests(ctx, ctx.actor)),
  requestLink: companyProcedure('partners:request')
    .input(requestLinkInput)
    .output(linkRequested)
    .mutation(({ ctx, input }) => requestLink(ctx, ctx.actor, input)),
  cancel: companyProcedure('partners:request')
    .input(linkActionInput)
    .output(linkChanged)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'cancel')),
  decide: companyProcedure('partners:manage')
    .input(decideLinkInput)
    .output(linkChanged)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, input.decision)),
  unlink: companyProcedure('partners:manage')
    .input(linkActionInput)
    .output(linkChanged)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'unlink')),
  block: companyProcedure('partners:manage')
    .input(linkActionInput)
    .output(linkChanged)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'block')),
  unblock: companyProcedure('partners:manage')
    .input(linkActionInput)
    .output(linkChanged)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'unblock')),
  addUnclaimed: companyProcedure('partners:request')
    .input(addUnclaimedInput)
    .output(unclaimedAdded)
    .mutation(({ ctx, input }) => addUnclaimed(ctx, ctx.actor, input)),
  inviteToClaim: companyProcedure('partners:manage')
    .input(inviteToClaimInput)
    .output(claimInvited)
    .mutation(({ ctx, input }) => inviteToClaim(ctx, ctx.actor, input)),
  setDirectoryListing: companyProcedure('company:update')
    .input(directoryListingInput)
    .output(directoryListing)
    .mutation(({ ctx, input }) => setDirectoryListing(ctx, ctx.actor, input.listed)),
});

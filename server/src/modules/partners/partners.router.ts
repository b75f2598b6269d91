import {
  addUnclaimedInput,
  decideLinkInput,
  directoryInput,
  directoryListingInput,
  inviteToClaimInput,
  linkActionInput,
  partnerListInput,
  requestLinkInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure } from '../../trpc/procedures.ts';
import {
  addUnclaimed,
  changeLink,
  inviteToClaim,
  listLinks,
  requestLink,
  searchDirectory,
  setDirectoryListing,
} from './partners.service.ts';

export const partnersRouter = router({
  directory: companyProcedure('partners:read')
    .input(directoryInput)
    .query(({ ctx, input }) => searchDirectory(ctx, ctx.actor, input)),
  list: companyProcedure('partners:read')
    .input(partnerListInput)
    .query(({ ctx, input }) => listLinks(ctx, ctx.actor, input)),
  requestLink: companyProcedure('partners:request')
    .input(requestLinkInput)
    .mutation(({ ctx, input }) => requestLink(ctx, ctx.actor, input)),
  cancel: companyProcedure('partners:request')
    .input(linkActionInput)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'cancel')),
  decide: companyProcedure('partners:manage')
    .input(decideLinkInput)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, input.decision)),
  unlink: companyProcedure('partners:manage')
    .input(linkActionInput)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'unlink')),
  block: companyProcedure('partners:manage')
    .input(linkActionInput)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'block')),
  unblock: companyProcedure('partners:manage')
    .input(linkActionInput)
    .mutation(({ ctx, input }) => changeLink(ctx, ctx.actor, input.linkId, 'unblock')),
  addUnclaimed: companyProcedure('partners:request')
    .input(addUnclaimedInput)
    .mutation(({ ctx, input }) => addUnclaimed(ctx, ctx.actor, input)),
  inviteToClaim: companyProcedure('partners:manage')
    .input(inviteToClaimInput)
    .mutation(({ ctx, input }) => inviteToClaim(ctx, ctx.actor, input)),
  setDirectoryListing: companyProcedure('company:update')
    .input(directoryListingInput)
    .mutation(({ ctx, input }) => setDirectoryListing(ctx, ctx.actor, input.listed)),
});

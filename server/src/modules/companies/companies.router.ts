import {
  acceptInviteInput,
  branchInput,
  createCompanyInput,
  invitationIdInput,
  inviteInput,
  memberIdInput,
  setRoleInput,
  switchCompanyInput,
  updateCompanyInput,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { authedProcedure, companyProcedure, publicProcedure } from '../../trpc/procedures.ts';
import {
  createBranch,
  createCompany,
  getCompany,
  listBranches,
  listMyCompanies,
  switchCompany,
  updateCompany,
} from './companies.service.ts';
import { acceptInvitation, previewInvitation } from './invitation-acceptance.service.ts';
import { invite, listInvitations, revokeInvitation } from './member-invitations.service.ts';
import { leaveCompany, listMembers, removeMember, setRole, transferOwnership } from './members.service.ts';

export const companiesRouter = router({
  create: authedProcedure
    .input(createCompanyInput)
    .mutation(({ ctx, input }) => createCompany(ctx, ctx.session.userId, ctx.session.sessionId, input)),
  list: authedProcedure.query(({ ctx }) => listMyCompanies(ctx.deps.db, ctx.session.userId)),
  switch: authedProcedure.input(switchCompanyInput).mutation(({ ctx, input }) => switchCompany(ctx, ctx.session, input.companyId)),
  current: companyProcedure('company:read').query(({ ctx }) => getCompany(ctx.deps.db, ctx.actor)),
  update: companyProcedure('company:update')
    .input(updateCompanyInput)
    .mutation(({ ctx, input }) => updateCompany(ctx, ctx.actor, input)),
  branches: router({
    list: companyProcedure('company:read').query(({ ctx }) => listBranches(ctx.deps.db, ctx.actor.companyId)),
    create: companyProcedure('company:update')
      .input(branchInput)
      .mutation(({ ctx, input }) => createBranch(ctx, ctx.actor, input)),
  }),
  members: companyProcedure('members:read').query(({ ctx }) => listMembers(ctx, ctx.actor)),
  invitations: companyProcedure('members:manage').query(({ ctx }) => listInvitations(ctx, ctx.actor)),
  invite: companyProcedure('members:manage')
    .input(inviteInput)
    .mutation(({ ctx, input }) => invite(ctx, ctx.actor, input)),
  revokeInvite: companyProcedure('members:manage')
    .input(invitationIdInput)
    .mutation(({ ctx, input }) => revokeInvitation(ctx, ctx.actor, input.invitationId)),
  previewInvite: publicProcedure.input(acceptInviteInput).query(({ ctx, input }) => previewInvitation(ctx, input.token)),
  acceptInvite: authedProcedure.input(acceptInviteInput).mutation(({ ctx, input }) => acceptInvitation(ctx, ctx.session, input.token)),
  setRole: companyProcedure('members:manage')
    .input(setRoleInput)
    .mutation(({ ctx, input }) => setRole(ctx, ctx.actor, input)),
  removeMember: companyProcedure('members:manage')
    .input(memberIdInput)
    .mutation(({ ctx, input }) => removeMember(ctx, ctx.actor, input.userId)),
  leave: companyProcedure('company:read').mutation(({ ctx }) => leaveCompany(ctx, ctx.actor)),
  transferOwnership: companyProcedure('ownership:transfer')
    .input(memberIdInput)
    .mutation(({ ctx, input }) => transferOwnership(ctx, ctx.actor, input.userId)),
});

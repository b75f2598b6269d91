import {
  acceptInviteInput,
  branch,
  branchInput,
  companySummary,
  companySwitched,
  createCompanyInput,
  createdId,
  currentCompany,
  invitation,
  invitationAccepted,
  invitationIdInput,
  invitationPreview,
  inviteInput,
  inviteResult,
  member,
  memberIdInput,
  memberSignIn,
  myCompany,
  noContent,
  setRoleInput,
  switchCompanyInput,
  updateCompanyInput,
} from '@tradeloom/shared';
import { z } from 'zod';
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
import { memberSignIns, setMemberDisabled } from './member-access.service.ts';
import { invite, listInvitations, revokeInvitation } from './member-invitations.service.ts';
import { leaveCompany, listMembers, removeMember, setRole, transferOwnership } from './members.service.ts';

export const companiesRouter = router({
  create: authedProcedure
    .input(createCompanyInput)
    .output(companySummary)
    .mutation(({ ctx, input }) => createCompany(ctx, ctx.session.userId, ctx.session.sessionId, input)),
  list: authedProcedure.output(z.array(myCompany)).query(({ ctx }) => listMyCompanies(ctx.deps.db, ctx.session.userId)),
  switch: authedProcedure
    .input(switchCompanyInput)
    .output(companySwitched)
    .mutation(({ ctx, input }) => switchCompany(ctx, ctx.session, input.companyId)),
  current: companyProcedure('company:read')
    .output(currentCompany)
    .query(({ ctx }) => getCompany(ctx.deps.db, ctx.actor)),
  update: companyProcedure('company:update')
    .input(updateCompanyInput)
    .output(companySummary)
    .mutation(({ ctx, input }) => updateCompany(ctx, ctx.actor, input)),
  branches: router({
    list: companyProcedure('company:read')
      .output(z.array(branch))
      .query(({ ctx }) => listBranches(ctx.deps.db, ctx.actor.companyId)),
    create: companyProcedure('company:update')
      .input(branchInput)
      .output(createdId)
      .mutation(({ ctx, input }) => createBranch(ctx, ctx.actor, input)),
  }),
  members: companyProcedure('members:read')
    .output(z.array(member))
    .query(({ ctx }) => listMembers(ctx, ctx.actor)),
  invitations: companyProcedure('members:manage')
    .output(z.array(invitation))
    .query(({ ctx }) => listInvitations(ctx, ctx.actor)),
  invite: companyProcedure('members:manage')
    .input(inviteInput)
    .output(inviteResult)
    .mutation(({ ctx, input }) => invite(ctx, ctx.actor, input)),
  revokeInvite: companyProcedure('members:manage')
    .input(invitationIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => revokeInvitation(ctx, ctx.actor, input.invitationId)),
  previewInvite: publicProcedure
    .input(acceptInviteInput)
    .output(invitationPreview)
    .query(({ ctx, input }) => previewInvitation(ctx, input.token)),
  acceptInvite: authedProcedure
    .input(acceptInviteInput)
    .output(invitationAccepted)
    .mutation(({ ctx, input }) => acceptInvitation(ctx, ctx.session, input.token)),
  setRole: companyProcedure('members:manage')
    .input(setRoleInput)
    .output(noContent)
    .mutation(({ ctx, input }) => setRole(ctx, ctx.actor, input)),
  removeMember: companyProcedure('members:manage')
    .input(memberIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => removeMember(ctx, ctx.actor, input.userId)),
  disableMember: companyProcedure('members:manage')
    .input(memberIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => setMemberDisabled(ctx, ctx.actor, input.userId, true)),
  enableMember: companyProcedure('members:manage')
    .input(memberIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => setMemberDisabled(ctx, ctx.actor, input.userId, false)),
  memberSignIns: companyProcedure('members:manage')
    .input(memberIdInput)
    .output(z.array(memberSignIn))
    .query(({ ctx, input }) => memberSignIns(ctx, ctx.actor, input.userId)),
  leave: companyProcedure('company:read')
    .output(noContent)
    .mutation(({ ctx }) => leaveCompany(ctx, ctx.actor)),
  transferOwnership: companyProcedure('ownership:transfer')
    .input(memberIdInput)
    .output(noContent)
    .mutation(({ ctx, input }) => transferOwnership(ctx, ctx.actor, input.userId)),
});

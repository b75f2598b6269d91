import {
  companyStatusChanged,
  companyStatusChangeInput,
  consoleCompanyDetail,
  consoleCompanyIdInput,
  consoleCompanyListInput,
  consoleCompanyPage,
  consoleUserIdInput,
  consoleUserPage,
  consoleUserSearchInput,
  disableUserInput,
  noContent,
  platformHealth as platformHealthOutput,
  securityEventListInput,
  securityEventPage,
  userDisabled,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { platformAdminProcedure } from '../../trpc/procedures.ts';
import { disableUser, enableUser, searchUsers, sendPasswordReset, unlockUser } from '../auth/account-admin.service.ts';
import { changeCompanyStatus, companyForOperators, listCompaniesForOperators } from '../companies/company-admin.service.ts';
import { platformHealth } from './platform-health.service.ts';
import { reviewSecurityEvents } from './security-review.service.ts';

// The platform operators' console. It owns no table: companies and accounts change through the
// modules that own them (companies, auth); health and security read through their exports.
export const consoleRouter = router({
  companies: router({
    list: platformAdminProcedure
      .input(consoleCompanyListInput)
      .output(consoleCompanyPage)
      .query(({ ctx, input }) => listCompaniesForOperators(ctx, input)),
    get: platformAdminProcedure
      .input(consoleCompanyIdInput)
      .output(consoleCompanyDetail)
      .query(({ ctx, input }) => companyForOperators(ctx, input.companyId)),
    suspend: platformAdminProcedure
      .input(companyStatusChangeInput)
      .output(companyStatusChanged)
      .mutation(({ ctx, input }) => changeCompanyStatus(ctx, ctx.session.userId, 'suspend', input)),
    reactivate: platformAdminProcedure
      .input(companyStatusChangeInput)
      .output(companyStatusChanged)
      .mutation(({ ctx, input }) => changeCompanyStatus(ctx, ctx.session.userId, 'reactivate', input)),
  }),
  users: router({
    search: platformAdminProcedure
      .input(consoleUserSearchInput)
      .output(consoleUserPage)
      .query(({ ctx, input }) => searchUsers(ctx, input)),
    disable: platformAdminProcedure
      .input(disableUserInput)
      .output(userDisabled)
      .mutation(({ ctx, input }) => disableUser(ctx, ctx.session.userId, input)),
    enable: platformAdminProcedure
      .input(consoleUserIdInput)
      .output(noContent)
      .mutation(({ ctx, input }) => enableUser(ctx, ctx.session.userId, input.userId)),
    unlock: platformAdminProcedure
      .input(consoleUserIdInput)
      .output(noContent)
      .mutation(({ ctx, input }) => unlockUser(ctx, ctx.session.userId, input.userId)),
    sendPasswordReset: platformAdminProcedure
      .input(consoleUserIdInput)
      .output(noContent)
      .mutation(({ ctx, input }) => sendPasswordReset(ctx, ctx.session.userId, input.userId)),
  }),
  health: platformAdminProcedure.output(platformHealthOutput).query(({ ctx }) => platformHealth(ctx)),
  securityEvents: platformAdminProcedure
    .input(securityEventListInput)
    .output(securityEventPage)
    .query(({ ctx, input }) => reviewSecurityEvents(ctx, input)),
});

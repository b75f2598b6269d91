import {
  companyDefaults,
  deliveryIdInput,
  deliveryListInput,
  deliveryPage,
  deliveryView,
  markReadInput,
  notificationListInput,
  notificationPreferences,
  previewTemplateInput,
  saveTemplateInput,
  setCompanyDefaultsInput,
  setPreferencesInput,
  templateKeyInput,
  templateList,
  templatePreview,
  templateRow,
} from '@tradeloom/shared';
import { router } from '../../trpc/init.ts';
import { companyProcedure, platformAdminProcedure } from '../../trpc/procedures.ts';
import { getCompanyDefaults, setCompanyDefaults } from './company-defaults.service.ts';
import { listDeliveries, retryDelivery } from './deliveries.service.ts';
import { listNotifications, markNotificationsRead } from './notifications.service.ts';
import { getPreferences, setPreferences } from './preferences.service.ts';
import { listTemplates, previewTemplate, resetTemplate, saveTemplate } from './templates.service.ts';

/** The signed-in person's own choices: what they hear about, where, and when not. */
const preferencesRouter = router({
  get: companyProcedure('notifications:read')
    .output(notificationPreferences)
    .query(({ ctx }) => getPreferences(ctx, ctx.actor)),
  set: companyProcedure('notifications:read')
    .input(setPreferencesInput)
    .output(notificationPreferences)
    .mutation(({ ctx, input }) => setPreferences(ctx, ctx.actor, input)),
});

/** What the company's members hear by default, set by an admin. */
const defaultsRouter = router({
  get: companyProcedure('notifications:manage')
    .output(companyDefaults)
    .query(({ ctx }) => getCompanyDefaults(ctx, ctx.actor)),
  set: companyProcedure('notifications:manage')
    .input(setCompanyDefaultsInput)
    .output(companyDefaults)
    .mutation(({ ctx, input }) => setCompanyDefaults(ctx, ctx.actor, input)),
});

/** Every email and digest sent to the company's members, with failures and retries. */
const deliveriesRouter = router({
  list: companyProcedure('notifications:manage')
    .input(deliveryListInput)
    .output(deliveryPage)
    .query(({ ctx, input }) => listDeliveries(ctx, ctx.actor, input)),
  retry: companyProcedure('notifications:manage')
    .input(deliveryIdInput)
    .output(deliveryView)
    .mutation(({ ctx, input }) => retryDelivery(ctx, ctx.actor, input.deliveryId)),
});

/** The wording of every notification per channel: the operators' to change. */
const templatesRouter = router({
  list: platformAdminProcedure.output(templateList).query(({ ctx }) => listTemplates(ctx)),
  preview: platformAdminProcedure
    .input(previewTemplateInput)
    .output(templatePreview)
    .query(({ ctx, input }) => previewTemplate(ctx, input)),
  save: platformAdminProcedure
    .input(saveTemplateInput)
    .output(templateRow)
    .mutation(({ ctx, input }) => saveTemplate(ctx, ctx.session.userId, input)),
  reset: platformAdminProcedure
    .input(templateKeyInput)
    .output(templateRow)
    .mutation(({ ctx, input }) => resetTemplate(ctx, ctx.session.userId, input)),
});

export const notificationsRouter = router({
  /** The signed-in person's notifications in the active company, newest first, with their unread count. */
  list: companyProcedure('notifications:read')
    .input(notificationListInput)
    .query(({ ctx, input }) => listNotifications(ctx, ctx.actor, input)),
  markRead: companyProcedure('notifications:read')
    .input(markReadInput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx, ctx.actor, input.ids)),
  preferences: preferencesRouter,
  defaults: defaultsRouter,
  deliveries: deliveriesRouter,
  templates: templatesRouter,
});

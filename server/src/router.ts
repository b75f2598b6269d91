import { apiKeysRouter } from './modules/api-keys/api-keys.router.ts';
import { auditRouter } from './modules/audit/audit.router.ts';
import { authRouter } from './modules/auth/auth.router.ts';
import { twoFactorRouter } from './modules/auth/two-factor.router.ts';
import { catalogRouter } from './modules/catalog/catalog.router.ts';
import { companiesRouter } from './modules/companies/companies.router.ts';
import { consoleRouter } from './modules/console/console.router.ts';
import { contractsRouter } from './modules/contracts/contracts.router.ts';
import { deliveriesRouter } from './modules/deliveries/deliveries.router.ts';
import { financeRouter } from './modules/finance/finance.router.ts';
import { kycRouter } from './modules/kyc/kyc.router.ts';
import { liveRouter } from './modules/live/live.router.ts';
import { devMailboxRouter } from './modules/mail/dev-mailbox.router.ts';
import { mastersRouter } from './modules/masters/masters.router.ts';
import { messagingRouter } from './modules/messaging/messaging.router.ts';
import { notificationsRouter } from './modules/notifications/notifications.router.ts';
import { operationsRouter } from './modules/operations/operations.router.ts';
import { ordersRouter } from './modules/orders/orders.router.ts';
import { partnersRouter } from './modules/partners/partners.router.ts';
import { productionRouter } from './modules/production/production.router.ts';
import { reportsRouter } from './modules/reports/reports.router.ts';
import { searchRouter } from './modules/search/search.router.ts';
import { settingsRouter } from './modules/settings/settings.router.ts';
import { sourcingRouter } from './modules/sourcing/sourcing.router.ts';
import { supportRouter } from './modules/support/support.router.ts';
import { tradedeskRouter } from './modules/tradedesk/tradedesk.router.ts';
import { webhooksRouter } from './modules/webhooks/webhooks.router.ts';
import { router } from './trpc/init.ts';

export const appRouter = router({
  auth: authRouter,
  companies: companiesRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  settings: settingsRouter,
  devMailbox: devMailboxRouter,
  partners: partnersRouter,
  notifications: notificationsRouter,
  catalog: catalogRouter,
  kyc: kycRouter,
  orders: ordersRouter,
  production: productionRouter,
  live: liveRouter,
  operations: operationsRouter,
  console: consoleRouter,
  search: searchRouter,
  reports: reportsRouter,
  twoFactor: twoFactorRouter,
  sourcing: sourcingRouter,
  masters: mastersRouter,
  tradedesk: tradedeskRouter,
  contracts: contractsRouter,
  messaging: messagingRouter,
  support: supportRouter,
  webhooks: webhooksRouter,
  deliveries: deliveriesRouter,
  finance: financeRouter,
});

export type AppRouter = typeof appRouter;

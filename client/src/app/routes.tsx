import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { lazyPage, PageSuspense } from './lazy-page.tsx';
import { RequireSession } from './require-session.tsx';

// The first download holds only what every screen needs (React, the router, the API client);
// every page, sign-in included, is its own chunk fetched on first visit (reports carries the
// chart library). The signed-in layout (navigation, bell, search, notifications) and the overview
// are chunks too, fetched while `auth.me` is in flight so the overview waits on no extra round
// trip. A new page follows the same pattern.
const loadLayout = () => import('./app-layout.tsx');
const loadHome = () => import('../features/home/home-page.tsx');
// The layout takes the signed-in user, so it is lazy() itself rather than a lazyPage.
const AppLayout = lazy(async () => ({ default: (await loadLayout()).AppLayout }));
const NotFoundPage = lazyPage(loadLayout, 'NotFoundPage');
const HomePage = lazyPage(loadHome, 'HomePage');

/** Starts the signed-in chunks' downloads alongside the session check. */
function preloadSignedIn() {
  void loadLayout();
  if (window.location.pathname === '/') void loadHome();
}

const AccountPage = lazyPage(() => import('../features/account/account-page.tsx'), 'AccountPage');
const JobsPage = lazyPage(() => import('../features/admin/jobs-page.tsx'), 'JobsPage');
const ReviewPage = lazyPage(() => import('../features/admin/review-page.tsx'), 'ReviewPage');
const ApiKeysPage = lazyPage(() => import('../features/api-keys/api-keys-page.tsx'), 'ApiKeysPage');
const ApiDocsPage = lazyPage(() => import('../features/developers/api-docs-page.tsx'), 'ApiDocsPage');
const AuditPage = lazyPage(() => import('../features/audit/audit-page.tsx'), 'AuditPage');
const LoginPage = lazyPage(() => import('../features/auth/login-page.tsx'), 'LoginPage');
const TwoFactorSignInPage = lazyPage(() => import('../features/auth/two-factor-sign-in-page.tsx'), 'TwoFactorSignInPage');
const ChangePasswordPage = lazyPage(() => import('../features/auth/change-password-page.tsx'), 'ChangePasswordPage');
const ForgotPasswordPage = lazyPage(() => import('../features/auth/forgot-password-page.tsx'), 'ForgotPasswordPage');
const RegisterPage = lazyPage(() => import('../features/auth/register-page.tsx'), 'RegisterPage');
const ResetPasswordPage = lazyPage(() => import('../features/auth/reset-password-page.tsx'), 'ResetPasswordPage');
const VerifyEmailPage = lazyPage(() => import('../features/auth/verify-email-page.tsx'), 'VerifyEmailPage');
const CatalogPage = lazyPage(() => import('../features/catalog/catalog-page.tsx'), 'CatalogPage');
const SupplierCatalogPage = lazyPage(() => import('../features/catalog/supplier-catalog-page.tsx'), 'SupplierCatalogPage');
const AcceptInvitePage = lazyPage(() => import('../features/companies/accept-invite-page.tsx'), 'AcceptInvitePage');
const CompanyProfilePage = lazyPage(() => import('../features/companies/company-profile-page.tsx'), 'CompanyProfilePage');
const CreateCompanyPage = lazyPage(() => import('../features/companies/create-company-page.tsx'), 'CreateCompanyPage');
const ConsoleCompaniesPage = lazyPage(() => import('../features/console/companies-page.tsx'), 'ConsoleCompaniesPage');
const ConsoleCompanyPage = lazyPage(() => import('../features/console/company-detail-page.tsx'), 'ConsoleCompanyPage');
const ConsoleHealthPage = lazyPage(() => import('../features/console/health-page.tsx'), 'ConsoleHealthPage');
const ConsoleSecurityPage = lazyPage(() => import('../features/console/security-page.tsx'), 'ConsoleSecurityPage');
const loadMasters = () => import('../features/masters/trade-masters-page.tsx');
const ConsoleMastersPage = lazyPage(loadMasters, 'ConsoleMastersPage');
const TradeMastersPage = lazyPage(loadMasters, 'TradeMastersPage');
const ConsoleUsersPage = lazyPage(() => import('../features/console/users-page.tsx'), 'ConsoleUsersPage');
const DevMailboxPage = lazyPage(() => import('../features/dev-mailbox/dev-mailbox-page.tsx'), 'DevMailboxPage');
const ConversationsPage = lazyPage(() => import('../features/messaging/conversations-page.tsx'), 'ConversationsPage');
const ConversationPage = lazyPage(() => import('../features/messaging/conversation-page.tsx'), 'ConversationPage');
const NotificationsPage = lazyPage(() => import('../features/notifications/notifications-page.tsx'), 'NotificationsPage');
const NotificationPreferencesPage = lazyPage(() => import('../features/notifications/preferences-page.tsx'), 'NotificationPreferencesPage');
const NotificationDefaultsPage = lazyPage(() => import('../features/notifications/defaults-page.tsx'), 'NotificationDefaultsPage');
const NotificationLogPage = lazyPage(() => import('../features/notifications/delivery-log-page.tsx'), 'NotificationLogPage');
const NotificationTemplatesPage = lazyPage(() => import('../features/notifications/templates-page.tsx'), 'NotificationTemplatesPage');
const EditOrderPage = lazyPage(() => import('../features/orders/edit-order-page.tsx'), 'EditOrderPage');
const NewOrderPage = lazyPage(() => import('../features/orders/new-order-page.tsx'), 'NewOrderPage');
const OrderDetailPage = lazyPage(() => import('../features/orders/order-detail-page.tsx'), 'OrderDetailPage');
const OrdersPage = lazyPage(() => import('../features/orders/orders-page.tsx'), 'OrdersPage');
const PartnersPage = lazyPage(() => import('../features/partners/partners-page.tsx'), 'PartnersPage');
const ProductionPage = lazyPage(() => import('../features/production/production-page.tsx'), 'ProductionPage');
const WorkOrderDetailPage = lazyPage(() => import('../features/production/work-order-detail-page.tsx'), 'WorkOrderDetailPage');
const QuoteRequestPage = lazyPage(() => import('../features/sourcing/quote-request-page.tsx'), 'QuoteRequestPage');
const QuoteRequestsPage = lazyPage(() => import('../features/sourcing/quote-requests-page.tsx'), 'QuoteRequestsPage');
const ReportsPage = lazyPage(() => import('../features/reports/reports-page.tsx'), 'ReportsPage');
const SettingsPage = lazyPage(() => import('../features/settings/settings-page.tsx'), 'SettingsPage');
const loadTenderForms = () => import('../features/tenders/tender-form-pages.tsx');
const EditTenderPage = lazyPage(loadTenderForms, 'EditTenderPage');
const NewTenderPage = lazyPage(loadTenderForms, 'NewTenderPage');
const TenderDetailPage = lazyPage(() => import('../features/tenders/tender-detail-page.tsx'), 'TenderDetailPage');
const TendersPage = lazyPage(() => import('../features/tenders/tenders-page.tsx'), 'TendersPage');
const TenderComparePage = lazyPage(() => import('../features/tenders/tender-compare-page.tsx'), 'TenderComparePage');
const OfferDetailPage = lazyPage(() => import('../features/tradedesk/offer-detail-page.tsx'), 'OfferDetailPage');
const NegotiationPage = lazyPage(() => import('../features/tradedesk/negotiation-page.tsx'), 'NegotiationPage');
const ContractsPage = lazyPage(() => import('../features/contracts/contracts-page.tsx'), 'ContractsPage');
const ContractDetailPage = lazyPage(() => import('../features/contracts/contract-detail-page.tsx'), 'ContractDetailPage');
const DeskPage = lazyPage(() => import('../features/tradedesk/desk-page.tsx'), 'DeskPage');
const NewOfferPage = lazyPage(() => import('../features/tradedesk/offer-form-page.tsx'), 'NewOfferPage');
const LotsPage = lazyPage(() => import('../features/tradedesk/lots-page.tsx'), 'LotsPage');
const LotDetailPage = lazyPage(() => import('../features/tradedesk/lot-detail-page.tsx'), 'LotDetailPage');
const loadLotForms = () => import('../features/tradedesk/lot-form-page.tsx');
const NewLotPage = lazyPage(loadLotForms, 'NewLotPage');
const EditLotPage = lazyPage(loadLotForms, 'EditLotPage');
const ComplaintsPage = lazyPage(() => import('../features/support/complaints-page.tsx'), 'ComplaintsPage');
const ComplaintDetailPage = lazyPage(() => import('../features/support/complaint-detail-page.tsx'), 'ComplaintDetailPage');
const SlaSettingsPage = lazyPage(() => import('../features/support/sla-settings-page.tsx'), 'SlaSettingsPage');
const WebhooksPage = lazyPage(() => import('../features/webhooks/webhooks-page.tsx'), 'WebhooksPage');
const NewWebhookEndpointPage = lazyPage(() => import('../features/webhooks/new-endpoint-page.tsx'), 'NewEndpointPage');
const WebhookEndpointPage = lazyPage(() => import('../features/webhooks/endpoint-page.tsx'), 'EndpointPage');
const DeliveriesPage = lazyPage(() => import('../features/deliveries/deliveries-page.tsx'), 'DeliveriesPage');
const DeliveryDetailPage = lazyPage(() => import('../features/deliveries/delivery-detail-page.tsx'), 'DeliveryDetailPage');
const DispatchPage = lazyPage(() => import('../features/deliveries/dispatch-page.tsx'), 'DispatchPage');
const InvoicesPage = lazyPage(() => import('../features/finance/invoices-page.tsx'), 'InvoicesPage');
const NewInvoicePage = lazyPage(() => import('../features/finance/invoice-form-page.tsx'), 'NewInvoicePage');
const InvoiceDetailPage = lazyPage(() => import('../features/finance/invoice-detail-page.tsx'), 'InvoiceDetailPage');
const PaymentsPage = lazyPage(() => import('../features/finance/payments-page.tsx'), 'PaymentsPage');
const RecordPaymentPage = lazyPage(() => import('../features/finance/record-payment-page.tsx'), 'RecordPaymentPage');
const PaymentDetailPage = lazyPage(() => import('../features/finance/payment-detail-page.tsx'), 'PaymentDetailPage');
const OutstandingPage = lazyPage(() => import('../features/finance/outstanding-page.tsx'), 'OutstandingPage');
const StatementPage = lazyPage(() => import('../features/finance/statement-page.tsx'), 'StatementPage');
const CreditLimitsPage = lazyPage(() => import('../features/finance/credit-limits-page.tsx'), 'CreditLimitsPage');
const DisputesPage = lazyPage(() => import('../features/finance/disputes-page.tsx'), 'DisputesPage');
const DisputeDetailPage = lazyPage(() => import('../features/finance/dispute-detail-page.tsx'), 'DisputeDetailPage');
const NoteDetailPage = lazyPage(() => import('../features/finance/note-detail-page.tsx'), 'NoteDetailPage');
const FinancialYearsPage = lazyPage(() => import('../features/finance/financial-years-page.tsx'), 'FinancialYearsPage');
const TeamPage = lazyPage(() => import('../features/team/team-page.tsx'), 'TeamPage');

export function AppRoutes() {
  return (
    // Public pages load their chunk under this boundary; pages inside the layout under its own.
    <PageSuspense>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/login/two-factor" element={<TwoFactorSignInPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route path="/accept-invite" element={<AcceptInvitePage />} />
        <Route path="/change-password" element={<RequireSession>{() => <ChangePasswordPage />}</RequireSession>} />
        <Route element={<RequireSession preload={preloadSignedIn}>{(me) => <AppLayout me={me} />}</RequireSession>}>
          <Route index element={<HomePage />} />
          <Route path="/companies/new" element={<CreateCompanyPage />} />
          <Route path="/partners" element={<PartnersPage />} />
          <Route path="/partners/:supplierId/catalog" element={<SupplierCatalogPage />} />
          <Route path="/catalog" element={<CatalogPage />} />
          <Route path="/messages" element={<ConversationsPage />} />
          <Route path="/messages/:conversationId" element={<ConversationPage />} />
          <Route path="/orders" element={<OrdersPage />} />
          <Route path="/tenders" element={<TendersPage />} />
          <Route path="/tenders/new" element={<NewTenderPage />} />
          <Route path="/tenders/:tenderId" element={<TenderDetailPage />} />
          <Route path="/tenders/:tenderId/edit" element={<EditTenderPage />} />
          <Route path="/desk" element={<DeskPage />} />
          <Route path="/desk/new" element={<NewOfferPage />} />
          <Route path="/lots" element={<LotsPage />} />
          <Route path="/lots/new" element={<NewLotPage />} />
          <Route path="/lots/:lotId" element={<LotDetailPage />} />
          <Route path="/lots/:lotId/edit" element={<EditLotPage />} />
          <Route path="/production" element={<ProductionPage />} />
          <Route path="/production/:workOrderId" element={<WorkOrderDetailPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/quote-requests" element={<QuoteRequestsPage />} />
          <Route path="/quote-requests/:tenderId" element={<QuoteRequestPage />} />
          <Route path="/orders/new" element={<NewOrderPage />} />
          <Route path="/orders/:orderId" element={<OrderDetailPage />} />
          <Route path="/orders/:orderId/edit" element={<EditOrderPage />} />
          <Route path="/tenders/:tenderId/compare" element={<TenderComparePage />} />
          <Route path="/desk/offers/:offerId" element={<OfferDetailPage />} />
          <Route path="/negotiations/:negotiationId" element={<NegotiationPage />} />
          <Route path="/contracts" element={<ContractsPage />} />
          <Route path="/contracts/:contractId" element={<ContractDetailPage />} />
          <Route path="/complaints" element={<ComplaintsPage />} />
          <Route path="/complaints/:complaintId" element={<ComplaintDetailPage />} />
          <Route path="/deliveries" element={<DeliveriesPage />} />
          <Route path="/deliveries/:deliveryId" element={<DeliveryDetailPage />} />
          <Route path="/orders/:orderId/dispatch" element={<DispatchPage />} />
          <Route path="/invoices" element={<InvoicesPage />} />
          <Route path="/invoices/new" element={<NewInvoicePage />} />
          <Route path="/invoices/:invoiceId" element={<InvoiceDetailPage />} />
          <Route path="/payments" element={<PaymentsPage />} />
          <Route path="/payments/new" element={<RecordPaymentPage />} />
          <Route path="/payments/:paymentId" element={<PaymentDetailPage />} />
          <Route path="/outstanding" element={<OutstandingPage />} />
          <Route path="/statements/:partnerId" element={<StatementPage />} />
          <Route path="/settings/credit-limits" element={<CreditLimitsPage />} />
          <Route path="/disputes" element={<DisputesPage />} />
          <Route path="/disputes/:disputeId" element={<DisputeDetailPage />} />
          <Route path="/notes/:noteId" element={<NoteDetailPage />} />
          <Route path="/settings/financial-years" element={<FinancialYearsPage />} />
          <Route path="/company" element={<CompanyProfilePage />} />
          <Route path="/team" element={<TeamPage />} />
          <Route path="/api-keys" element={<ApiKeysPage />} />
          <Route path="/developers/api" element={<ApiDocsPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/settings/trade-masters" element={<TradeMastersPage />} />
          <Route path="/settings/complaints" element={<SlaSettingsPage />} />
          <Route path="/settings/notifications" element={<NotificationPreferencesPage />} />
          <Route path="/settings/notification-defaults" element={<NotificationDefaultsPage />} />
          <Route path="/settings/notification-log" element={<NotificationLogPage />} />
          <Route path="/settings/webhooks" element={<WebhooksPage />} />
          <Route path="/settings/webhooks/new" element={<NewWebhookEndpointPage />} />
          <Route path="/settings/webhooks/:endpointId" element={<WebhookEndpointPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/dev-mailbox" element={<DevMailboxPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/admin/review" element={<ReviewPage />} />
          <Route path="/admin/jobs" element={<JobsPage />} />
          <Route path="/admin/companies" element={<ConsoleCompaniesPage />} />
          <Route path="/admin/companies/:companyId" element={<ConsoleCompanyPage />} />
          <Route path="/admin/users" element={<ConsoleUsersPage />} />
          <Route path="/admin/health" element={<ConsoleHealthPage />} />
          <Route path="/admin/security" element={<ConsoleSecurityPage />} />
          <Route path="/admin/masters" element={<ConsoleMastersPage />} />
          <Route path="/admin/notification-templates" element={<NotificationTemplatesPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </PageSuspense>
  );
}

import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AccountPage } from '../features/account/account-page.tsx';
import { JobsPage } from '../features/admin/jobs-page.tsx';
import { ReviewPage } from '../features/admin/review-page.tsx';
import { ApiKeysPage } from '../features/api-keys/api-keys-page.tsx';
import { AuditPage } from '../features/audit/audit-page.tsx';
import { ChangePasswordPage } from '../features/auth/change-password-page.tsx';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { RegisterPage } from '../features/auth/register-page.tsx';
import { ResetPasswordPage } from '../features/auth/reset-password-page.tsx';
import { TwoFactorSignInPage } from '../features/auth/two-factor-sign-in-page.tsx';
import { VerifyEmailPage } from '../features/auth/verify-email-page.tsx';
import { CatalogPage } from '../features/catalog/catalog-page.tsx';
import { SupplierCatalogPage } from '../features/catalog/supplier-catalog-page.tsx';
import { AcceptInvitePage } from '../features/companies/accept-invite-page.tsx';
import { CompanyProfilePage } from '../features/companies/company-profile-page.tsx';
import { CreateCompanyPage } from '../features/companies/create-company-page.tsx';
import { ConsoleCompaniesPage } from '../features/console/companies-page.tsx';
import { ConsoleCompanyPage } from '../features/console/company-detail-page.tsx';
import { ConsoleHealthPage } from '../features/console/health-page.tsx';
import { ConsoleSecurityPage } from '../features/console/security-page.tsx';
import { ConsoleUsersPage } from '../features/console/users-page.tsx';
import { DevMailboxPage } from '../features/dev-mailbox/dev-mailbox-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';
import { NotificationsPage } from '../features/notifications/notifications-page.tsx';
import { EditOrderPage } from '../features/orders/edit-order-page.tsx';
import { NewOrderPage } from '../features/orders/new-order-page.tsx';
import { OrderDetailPage } from '../features/orders/order-detail-page.tsx';
import { OrdersPage } from '../features/orders/orders-page.tsx';
import { PartnersPage } from '../features/partners/partners-page.tsx';
import { ProductionPage } from '../features/production/production-page.tsx';
import { WorkOrderDetailPage } from '../features/production/work-order-detail-page.tsx';
import { SettingsPage } from '../features/settings/settings-page.tsx';
import { TeamPage } from '../features/team/team-page.tsx';
import { AppLayout, NotFoundPage } from './app-layout.tsx';
import { RequireSession } from './require-session.tsx';

// The reports screen carries the chart library: loaded only when someone opens it.
const ReportsPage = lazy(() => import('../features/reports/reports-page.tsx').then((m) => ({ default: m.ReportsPage })));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/login/two-factor" element={<TwoFactorSignInPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/verify-email" element={<VerifyEmailPage />} />
      <Route path="/accept-invite" element={<AcceptInvitePage />} />
      <Route path="/change-password" element={<RequireSession>{() => <ChangePasswordPage />}</RequireSession>} />
      <Route element={<RequireSession>{(me) => <AppLayout me={me} />}</RequireSession>}>
        <Route index element={<HomePage />} />
        <Route path="/companies/new" element={<CreateCompanyPage />} />
        <Route path="/partners" element={<PartnersPage />} />
        <Route path="/partners/:supplierId/catalog" element={<SupplierCatalogPage />} />
        <Route path="/catalog" element={<CatalogPage />} />
        <Route path="/orders" element={<OrdersPage />} />
        <Route path="/production" element={<ProductionPage />} />
        <Route path="/production/:workOrderId" element={<WorkOrderDetailPage />} />
        <Route
          path="/reports"
          element={
            <Suspense fallback={null}>
              <ReportsPage />
            </Suspense>
          }
        />
        <Route path="/orders/new" element={<NewOrderPage />} />
        <Route path="/orders/:orderId" element={<OrderDetailPage />} />
        <Route path="/orders/:orderId/edit" element={<EditOrderPage />} />
        <Route path="/company" element={<CompanyProfilePage />} />
        <Route path="/team" element={<TeamPage />} />
        <Route path="/api-keys" element={<ApiKeysPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/settings" element={<SettingsPage />} />
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

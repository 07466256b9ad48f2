import { ProfileEditPage } from './features/profiles/profile-edit-page';
import { ProfilePage } from './features/profiles/profile-page';
import { Role } from '@akiwa/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { AccountPage } from './features/account/account-page';
import { OrganisationsPage } from './features/admin/organisations-page';
import { UsersPage } from './features/admin/users-page';
import { ApiKeysPage } from './features/admin/api-keys-page';
import { WebhooksPage } from './features/admin/webhooks-page';
import { AuditPage, MunicipalAuditPage } from './features/audit/audit-page';
import { LoginPage } from './features/auth/login-page';
import { LedgerPage } from './features/ledger/ledger-page';
import { RegistrationEditPage, RegistrationNewPage } from './features/ledger/registration-form-page';
import { RegistrationPage } from './features/ledger/registration-page';
import { RequireAuth, RequireRole, RoleHomeRedirect } from './features/auth/route-guards';
import { HomePage } from './features/home/home-page';
import { AppLayout } from './features/layout/app-layout';
import { NotificationSettingsPage } from './features/alerts/notification-settings-page';
import { UrgentContactPage } from './features/alerts/urgent-contact-page';
import { NotFoundPage } from './features/layout/status-pages';
import { RotaPage } from './features/oncall/rota-page';
import { EmergencyRequestsPage } from './features/requests/emergency-requests-page';
import { RequestInboxPage } from './features/requests/request-inbox-page';
import { RequestFormPage } from './features/requests/request-form-page';
import { RequestPage } from './features/requests/request-page';
import { ProviderTrialStaysPage } from './features/trial-stays/provider-trial-stays-page';
import { TrialStayBookingsPage } from './features/trial-stays/trial-stay-bookings-page';
import { ProviderVacanciesPage } from './features/vacancies/provider-vacancies-page';
import { UnitDetailPage } from './features/vacancies/unit-detail-page';
import { UnitNewPage } from './features/vacancies/unit-new-page';
import { VacancyBoardPage } from './features/vacancies/vacancy-board-page';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change by asking again; network failures and 5xx get two more tries.
      retry: (failureCount, error) =>
        error instanceof ApiError && !error.isNetworkError && error.status < 500 ? false : failureCount < 2,
    },
  },
});

// The report page carries the chart library: loaded when it is opened, not with every screen.
const reportsRoute = async () => ({ Component: (await import('./features/reports/reports-page')).ReportsPage });
const settingsRoute = async () => ({ Component: (await import('./features/reports/settings-page')).SettingsPage });

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <RoleHomeRedirect /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'settings/notifications', element: <NotificationSettingsPage /> },
          { path: 'profiles/:organisationId', element: <ProfilePage /> },
          {
            path: 'provider',
            element: <RequireRole roles={[Role.ProviderStaff]} />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'vacancies', element: <ProviderVacanciesPage /> },
              { path: 'vacancies/units/new', element: <UnitNewPage /> },
              { path: 'vacancies/units/:unitId', element: <UnitDetailPage /> },
              { path: 'requests', element: <RequestInboxPage /> },
              { path: 'trial-stays', element: <ProviderTrialStaysPage /> },
              { path: 'urgent', element: <UrgentContactPage /> },
              { path: 'profile', element: <ProfileEditPage /> },
            ],
          },
          {
            path: 'coordinator',
            element: <RequireRole roles={[Role.Coordinator]} />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'vacancies', element: <VacancyBoardPage /> },
              { path: 'requests', element: <EmergencyRequestsPage /> },
              { path: 'requests/new', element: <RequestFormPage /> },
              { path: 'requests/:id', element: <RequestPage /> },
              { path: 'trial-stays', element: <TrialStayBookingsPage /> },
              { path: 'oncall', element: <RotaPage /> },
              { path: 'ledger', element: <LedgerPage /> },
              { path: 'ledger/new', element: <RegistrationNewPage /> },
              { path: 'ledger/:id', element: <RegistrationPage /> },
              { path: 'ledger/:id/edit', element: <RegistrationEditPage /> },
              { path: 'reports', lazy: reportsRoute },
            ],
          },
          {
            path: 'municipality',
            element: <RequireRole roles={[Role.MunicipalOfficer]} />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'reports', lazy: reportsRoute },
              { path: 'audit', element: <MunicipalAuditPage /> },
              { path: 'settings', lazy: settingsRoute },
            ],
          },
          {
            path: 'admin',
            element: <RequireRole roles={[Role.Admin]} />,
            children: [
              { index: true, element: <HomePage /> },
              { path: 'organisations', element: <OrganisationsPage /> },
              { path: 'users', element: <UsersPage /> },
              { path: 'api-keys', element: <ApiKeysPage /> },
              { path: 'webhooks', element: <WebhooksPage /> },
              { path: 'audit', element: <AuditPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}

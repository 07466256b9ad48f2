import { Role } from '@akiwa/contracts';
import type { ParseKeys } from 'i18next';

/** Every screen's path, grouped under its role's home, so a role guard can wrap each group. */
export const Paths = Object.freeze({
  login: '/login',
  account: '/account',
  settings: {
    notifications: '/settings/notifications',
  },
  provider: {
    home: '/provider',
    vacancies: '/provider/vacancies',
    newUnit: '/provider/vacancies/units/new',
    unit: (unitId: string) => `/provider/vacancies/units/${encodeURIComponent(unitId)}`,
    inbox: '/provider/requests',
    trialStays: '/provider/trial-stays',
    urgent: '/provider/urgent',
    profile: '/provider/profile',
  },
  /** A provider's profile (事業所の情報), for every role that may read it. */
  profile: (organisationId: string) => `/profiles/${encodeURIComponent(organisationId)}`,
  coordinator: {
    home: '/coordinator',
    board: '/coordinator/vacancies',
    requests: '/coordinator/requests',
    trialStays: '/coordinator/trial-stays',
    oncall: '/coordinator/oncall',
    ledger: '/coordinator/ledger',
    newRegistration: '/coordinator/ledger/new',
    registration: (id: string) => `/coordinator/ledger/${encodeURIComponent(id)}`,
    editRegistration: (id: string) => `/coordinator/ledger/${encodeURIComponent(id)}/edit`,
    requestFromRegistration: (id: string) => `/coordinator/requests/new?registration=${encodeURIComponent(id)}`,
    reports: '/coordinator/reports',
  },
  municipality: {
    home: '/municipality',
    reports: '/municipality/reports',
    audit: '/municipality/audit',
    settings: '/municipality/settings',
  },
  admin: {
    home: '/admin',
    organisations: '/admin/organisations',
    users: '/admin/users',
    apiKeys: '/admin/api-keys',
    webhooks: '/admin/webhooks',
    audit: '/admin/audit',
  },
});

export const ROLE_HOME: Readonly<Record<Role, string>> = Object.freeze({
  [Role.ProviderStaff]: Paths.provider.home,
  [Role.Coordinator]: Paths.coordinator.home,
  [Role.MunicipalOfficer]: Paths.municipality.home,
  [Role.Admin]: Paths.admin.home,
});

export interface NavItem {
  to: string;
  label: ParseKeys;
}

export const NAV_ITEMS: Readonly<Record<Role, readonly NavItem[]>> = Object.freeze({
  [Role.ProviderStaff]: [
    { to: Paths.provider.vacancies, label: 'nav.providerVacancies' },
    { to: Paths.provider.inbox, label: 'nav.providerInbox' },
    { to: Paths.provider.trialStays, label: 'nav.providerTrialStays' },
    { to: Paths.provider.urgent, label: 'nav.providerUrgent' },
    { to: Paths.provider.profile, label: 'nav.providerProfile' },
  ],
  [Role.Coordinator]: [
    { to: Paths.coordinator.board, label: 'nav.coordinatorBoard' },
    { to: Paths.coordinator.requests, label: 'nav.coordinatorRequests' },
    { to: Paths.coordinator.ledger, label: 'nav.coordinatorLedger' },
    { to: Paths.coordinator.trialStays, label: 'nav.coordinatorTrialStays' },
    { to: Paths.coordinator.oncall, label: 'nav.coordinatorOncall' },
    { to: Paths.coordinator.reports, label: 'nav.reports' },
  ],
  [Role.MunicipalOfficer]: [
    { to: Paths.municipality.reports, label: 'nav.reports' },
    { to: Paths.municipality.audit, label: 'nav.audit' },
    { to: Paths.municipality.settings, label: 'nav.municipalitySettings' },
  ],
  [Role.Admin]: [
    { to: Paths.admin.organisations, label: 'nav.organisations' },
    { to: Paths.admin.users, label: 'nav.users' },
    { to: Paths.admin.apiKeys, label: 'nav.apiKeys' },
    { to: Paths.admin.webhooks, label: 'nav.webhooks' },
    { to: Paths.admin.audit, label: 'nav.audit' },
  ],
});

/** Where to land after login: the page the user asked for if their role may see it, else home. */
export function landingPath(role: Role, requested: string | undefined): string {
  const home = ROLE_HOME[role];
  if (requested && (requested === home || requested.startsWith(`${home}/`))) return requested;
  return home;
}

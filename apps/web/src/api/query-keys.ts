import type { DisabilityCategory, Gender, ReportQuery, ServiceType, SpecialNeed } from '@akiwa/contracts';

/**
 * Every React Query key of the web, in one frozen object. Keys carry their scope ids so that a
 * cache entry can never be served to another scope (another organisation, another page or filter);
 * the `all` prefixes let a mutation invalidate a whole family at once.
 */
export interface PageScope {
  limit: number;
  offset: number;
}

export interface UsersScope extends PageScope {
  organisationId?: string;
}

/** A window of nights, inclusive: `GET /api/units/:id/vacancies?from&to`. */
export interface NightWindowScope {
  from: string;
  to: string;
}

/** A board's search, every filter named (null when unset) so that equal searches share one entry. */
export interface VacancySearchScope {
  prefectureCode: string | null;
  regionId: string | null;
  municipalityCode: string | null;
  from: string;
  nights: number;
  category: DisabilityCategory | null;
  child: boolean;
  supportLevel: number | null;
  needs: SpecialNeed[];
  gender: Gender | null;
  serviceType: ServiceType | null;
  emergencyOk: boolean;
  trialOk: boolean;
  limit: number;
  offset: number;
}

/** The day-by-day calendar: the board's filters without a stay length, `days` nights across. */
export type VacancyCalendarScope = Omit<VacancySearchScope, 'nights'> & { days: number };

/** A trial-stay search, every filter named (null when unset). */
export interface TrialSearchScope {
  municipalityCode: string | null;
  regionId: string | null;
  prefectureCode: string | null;
  from: string;
  to: string;
  gender: Gender | null;
  category: DisabilityCategory | null;
}

/** The audit page's filters, every one named (null when unset). */
export interface AuditScope extends PageScope {
  action: string | null;
  subjectType: string | null;
  subjectId: string | null;
  userId: string | null;
  organisationId: string | null;
  from: string | null;
  to: string | null;
}
const reportScope = (q: ReportQuery) => ({ scope: q.scope ?? null, code: q.code ?? null, fiscalYear: q.fiscalYear ?? null, from: q.from ?? null, to: q.to ?? null });

export const QueryKeys = Object.freeze({
  audit: Object.freeze({
    all: () => ['audit'] as const,
    list: (scope: AuditScope) => ['audit', 'list', scope] as const,
    municipal: (scope: AuditScope) => ['audit', 'municipal', scope] as const,
    integrity: () => ['audit', 'integrity'] as const,
  }),
  session: Object.freeze({
    me: (userId: string) => ['session', 'me', userId] as const,
    mfa: (userId: string) => ['session', 'mfa', userId] as const,
  }),
  geography: Object.freeze({
    all: () => ['geography'] as const,
  }),
  organisations: Object.freeze({
    all: () => ['organisations'] as const,
    list: (scope: PageScope) => ['organisations', 'list', scope] as const,
  }),
  webhooks: Object.freeze({
    all: () => ['webhooks'] as const,
  }),
  apiKeys: Object.freeze({
    all: () => ['api-keys'] as const,
    list: (organisationId: string | null) => ['api-keys', 'list', organisationId] as const,
  }),
  users: Object.freeze({
    all: () => ['users'] as const,
    list: (scope: UsersScope) =>
      ['users', 'list', { organisationId: scope.organisationId ?? null, limit: scope.limit, offset: scope.offset }] as const,
  }),
  units: Object.freeze({
    all: () => ['units'] as const,
    /** The caller's own organisation's units (`mine=true`), keyed by that organisation. */
    mine: (organisationId: string) => ['units', 'mine', organisationId] as const,
    detail: (unitId: string) => ['units', 'detail', unitId] as const,
    history: (unitId: string) => ['units', 'history', unitId] as const,
  }),
  vacancies: Object.freeze({
    all: () => ['vacancies'] as const,
    /** Every cached window of one unit: live events and writes patch them all. */
    unitAll: (unitId: string) => ['vacancies', 'unit', unitId] as const,
    unit: (unitId: string, window: NightWindowScope) =>
      ['vacancies', 'unit', unitId, { from: window.from, to: window.to }] as const,
    searchAll: () => ['vacancies', 'search'] as const,
    search: (scope: VacancySearchScope) => ['vacancies', 'search', scope] as const,
    calendarAll: () => ['vacancies', 'calendar'] as const,
    calendar: (scope: VacancyCalendarScope) => ['vacancies', 'calendar', scope] as const,
    /** The API's freshness policy (stale/unknown thresholds). */
    policy: () => ['vacancies', 'policy'] as const,
  }),
  /** Provider profiles (事業所の情報) and their photos, by organisation. */
  profiles: Object.freeze({
    detail: (organisationId: string) => ['profiles', organisationId] as const,
    photo: (organisationId: string, photoId: string) => ['profiles', organisationId, 'photo', photoId] as const,
  }),
  /** 体験利用 and 待機者: live `trial-stay:changed` invalidates the whole family. */
  trialStays: Object.freeze({
    all: () => ['trial-stays'] as const,
    list: (organisationId: string, scope: { status: string | null; personId: string | null }) => ['trial-stays', 'list', organisationId, scope] as const,
    search: (scope: TrialSearchScope) => ['trial-stays', 'search', scope] as const,
    calendar: (scope: { month: string; unitId: string | null; organisationId: string | null }) => ['trial-stays', 'calendar', scope] as const,
    offer: (unitId: string) => ['trial-stays', 'offer', unitId] as const,
    persons: (organisationId: string) => ['trial-stays', 'persons', organisationId] as const,
    personSummary: (personId: string) => ['trial-stays', 'person-summary', personId] as const,
    waitingList: (organisationId: string) => ['trial-stays', 'waiting-list', organisationId] as const,
    waitingPrompts: (organisationId: string) => ['trial-stays', 'waiting-prompts', organisationId] as const,
  }),
  emergencyRequests: Object.freeze({
    all: () => ['emergency-requests'] as const,
    listAll: () => ['emergency-requests', 'list'] as const,
    list: (scope: { status: string | null; limit: number; offset: number }) =>
      ['emergency-requests', 'list', { status: scope.status, limit: scope.limit, offset: scope.offset }] as const,
    detail: (requestId: string) => ['emergency-requests', 'detail', requestId] as const,
    /** Providers to pick the person's contracted short stay from (the request form). */
    contractProviders: () => ['emergency-requests', 'contract-providers'] as const,
  }),
  /** 年次検証: keyed by the whole scope and period, so one area's figures are never shown for another. */
  reports: Object.freeze({
    all: () => ['reports'] as const,
    annualAll: () => ['reports', 'annual'] as const,
    annual: (q: ReportQuery) => ['reports', 'annual', reportScope(q)] as const,
    texts: (q: ReportQuery) => ['reports', 'texts', reportScope(q)] as const,
    trialPolicy: (municipalityCode: string) => ['reports', 'trial-policy', municipalityCode] as const,
    facts: (municipalityCode: string, fiscalYear: number) => ['reports', 'facts', municipalityCode, fiscalYear] as const,
    regionSharing: () => ['reports', 'region-sharing'] as const,
    regionWindows: () => ['reports', 'region-windows'] as const,
  }),
  inbox: Object.freeze({
    /** A provider's inbox, keyed by its organisation. */
    list: (organisationId: string) => ['inbox', organisationId] as const,
    /** One item read on its own: the confirmed provider's copy with the person (an audited read). */
    item: (organisationId: string, requestId: string) => ['inbox', organisationId, 'item', requestId] as const,
  }),
  alerts: Object.freeze({
    /** Per notified provider: notified → delivered → seen → answered (the posting coordinators). */
    receipts: (requestId: string) => ['alerts', 'receipts', requestId] as const,
    escalations: (requestId: string) => ['alerts', 'escalations', requestId] as const,
    /** The caller's devices that receive Web Push. */
    pushDevices: (userId: string) => ['alerts', 'push-devices', userId] as const,
    /** A provider's own urgent contacts (緊急の相談). */
    urgentContacts: (organisationId: string) => ['alerts', 'urgent-contacts', organisationId] as const,
  }),
  /** 登録者台帳: keyed by the reading organisation (consent is per organisation). */
  ledger: Object.freeze({
    all: () => ['ledger'] as const,
    search: (organisationId: string, q: Record<string, string | boolean | undefined>) => ['ledger', organisationId, 'search', q] as const,
    detail: (organisationId: string, id: string) => ['ledger', organisationId, 'registration', id] as const,
    history: (organisationId: string, id: string) => ['ledger', organisationId, 'history', id] as const,
    draft: (organisationId: string, id: string) => ['ledger', organisationId, 'draft', id] as const,
  }),
  oncall: Object.freeze({
    all: () => ['oncall'] as const,
    rota: (kind: string, window: NightWindowScope) => ['oncall', 'rota', kind, { from: window.from, to: window.to }] as const,
    /** The posting centre's on-call person, on a provider's request card. */
    forRequest: (requestId: string) => ['oncall', 'request', requestId] as const,
    /** The coordinator's region's escalation delays. */
    escalationDelays: () => ['oncall', 'escalation-delays'] as const,
  }),
  offline: Object.freeze({
    /** Changes made offline that the server refused after their page had closed (IndexedDB, not the API). */
    refused: (userId?: string) => (userId ? (['offline', 'refused', userId] as const) : (['offline', 'refused'] as const)),
  }),
});

/** Mutation keys: in-flight vacancy writes of a unit (live events wait for them, see use-vacancy-live). */
export const MutationKeys = Object.freeze({
  vacancyWrite: (unitId: string) => ['vacancies', 'write', unitId] as const,
});

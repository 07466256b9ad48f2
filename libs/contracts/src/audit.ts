/** One audit-log entry as an administrator sees it (`GET /api/admin/audit`). */
export interface AuditEntryView {
  id: string;
  /** UTC, ISO 8601. */
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganisationId: string | null;
  actorOrganisationName: string | null;
  /** e.g. `person.read`, `user.update`, `export.units_csv`, `auth.login`. */
  action: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
}

/**
 * A municipal officer's view of their municipality's entries (`GET /api/audit`): what was done, when and
 * by which organisation — no person, no user, no detail.
 */
export interface MunicipalAuditEntryView {
  id: string;
  at: string;
  actorOrganisationName: string | null;
  action: string;
  subjectType: string;
}

/** Filters of the audit page; all optional. `from` inclusive, `to` exclusive (ISO date or time). */
export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  userId?: string;
  organisationId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** The last verification of the audit chain and its HMAC seals (`GET /api/admin/audit/integrity`). */
export interface AuditIntegrityView {
  status: 'ok' | 'broken' | 'unchecked' | 'error';
  checkedAt: string | null;
  brokenSince: string | null;
  rows: number;
  brokenAt: string | null;
  reason: 'hash' | 'seal' | 'missing_seal' | 'truncated' | null;
}

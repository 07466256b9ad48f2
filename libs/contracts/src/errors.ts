/** The one error body every failure answers with, HTTP or socket. */
export interface ApiFieldError {
  /** Dotted path of the offending field, e.g. `nights` or `needs.0`. */
  field: string;
  /** Machine code of the constraint, e.g. `isInt`, `whitelist`, `max`. */
  code: string;
  message: { ja: string; en: string };
}

export interface ApiErrorBody {
  status: number;
  /** Machine code, stable across versions: see ErrorCode. */
  code: ErrorCode;
  message: { ja: string; en: string };
  details: ApiFieldError[];
  requestId?: string;
}

export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  MalformedJson: 'malformed_json',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  Unauthenticated: 'unauthenticated',
  InvalidCredentials: 'invalid_credentials',
  TooManyAttempts: 'too_many_attempts',
  /** The session is restricted to MFA enrolment (see SessionRestriction). */
  MfaEnrolmentRequired: 'mfa_enrolment',
  /** The session is restricted to choosing a new password. */
  PasswordChangeRequired: 'password_change',
  InvalidMfaCode: 'invalid_mfa_code',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  RouteNotFound: 'route_not_found',
  MethodNotAllowed: 'method_not_allowed',
  Conflict: 'conflict',
  VersionConflict: 'version_conflict',
  CapacityExceeded: 'capacity_exceeded',
  PolicyLimit: 'policy_limit',
  Internal: 'internal_error',
  /** Stored personal data failed authentication (tampered, moved to another row, or an unknown key): never shown, logged. */
  PersonalDataUnreadable: 'personal_data_unreadable',
  /** The database (or another required service) is unreachable: retry after `Retry-After` seconds. */
  ServiceUnavailable: 'service_unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

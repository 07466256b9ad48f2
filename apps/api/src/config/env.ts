import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Every setting the API reads, validated once at boot. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString() HOST = '0.0.0.0';

  /** Unset: an embedded PostgreSQL is started (development and demo only). */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The owner of the schema, for migrations only. Set: the app serves as DATABASE_URL's (least-privilege)
   * role. Unset: DATABASE_URL is the owner and the app serves as `akiwa_app` with APP_DATABASE_PASSWORD.
   */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /** Password of the `akiwa_app` serving role when MIGRATION_DATABASE_URL is unset. Generated outside production. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  APP_DATABASE_PASSWORD?: string;

  /** Key (base64, 32 bytes) of the HMAC sealing the audit chain. Generated and kept in DATA_DIR outside production. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'AUDIT_HMAC_KEY must be 32 bytes in base64' })
  AUDIT_HMAC_KEY?: string;

  /** How often each instance re-verifies the whole audit chain and its seals. */
  @Transform(toInt) @IsInt() @Min(50) @Max(86_400_000)
  AUDIT_VERIFY_INTERVAL_MS = 600_000;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Where the embedded PostgreSQL keeps its data and where dev secrets are kept. */
  @IsString() DATA_DIR = '.data';

  @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** Web Push VAPID key pair (base64url, as `web-push generate-vapid-keys` prints). Generated and kept in DATA_DIR outside production. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9_-]{86,88}$/, { message: 'VAPID_PUBLIC_KEY must be a P-256 public key in base64url' })
  VAPID_PUBLIC_KEY?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9_-]{42,44}$/, { message: 'VAPID_PRIVATE_KEY must be a P-256 private key in base64url' })
  VAPID_PRIVATE_KEY?: string;

  /** Contact the push services may use (RFC 8292 `sub`). */
  @Matches(/^(mailto:|https:\/\/)\S+$/) VAPID_SUBJECT = 'mailto:admin@akiwa.example';

  /** HS256 secret for access tokens. Generated and kept in DATA_DIR outside production. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32)
  JWT_SECRET?: string;

  /** 32-byte key (base64) for personal data at rest. Generated and kept in DATA_DIR outside production. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PERSONAL_DATA_KEY must be 32 bytes in base64' })
  PERSONAL_DATA_KEY?: string;

  /** The key id (first byte of every blob) PERSONAL_DATA_KEY writes with; raise it by one at each rotation. */
  @Transform(toInt) @IsInt() @Min(1) @Max(255)
  PERSONAL_DATA_KEY_ID = 1;

  /** Older keys still read during a rotation: `1:base64key,2:base64key`. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{1,3}:[A-Za-z0-9+/]{43}=(,\d{1,3}:[A-Za-z0-9+/]{43}=)*$/, { message: 'PERSONAL_DATA_PREVIOUS_KEYS must be id:base64key pairs, comma-separated' })
  PERSONAL_DATA_PREVIOUS_KEYS?: string;

  /** At least 30 outside NODE_ENV=test (where the socket-expiry tests use a few seconds). */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Sliding: each refresh issues a new refresh token valid this long, but never beyond SESSION_MAX_HOURS. */
  @Transform(toInt) @IsInt() @Min(1) @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** Absolute session lifetime from login: no refresh extends a session beyond it (a working day by default). */
  @Transform(toInt) @IsInt() @Min(1) @Max(720)
  SESSION_MAX_HOURS = 12;

  /**
   * Failed logins of one account from one IP (×10: of any account from one IP) within
   * LOGIN_FAILURE_WINDOW_SECONDS before progressive delays (1 s, 2 s, 4 s… up to the window) apply to
   * that pair (that IP). Other IPs are never slowed: nobody can lock another user out.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt) @IsInt() @Min(10) @Max(86400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /**
   * Which proxies' X-Forwarded-For to believe for the client IP (login throttling, audit): Express's
   * `trust proxy` — `loopback` (default), `false`, a hop count, or comma-separated addresses/CIDRs
   * (e.g. the nginx container's network).
   */
  @IsString() @Matches(/^(true|false|\d{1,2}|[\w.:/, -]+)$/, { message: 'TRUST_PROXY must be false, a hop count, or addresses/CIDRs/loopback' })
  TRUST_PROXY = 'loopback';

  /** `required`: every user must use two factors (enrolment is forced at the next login); `optional`: only organisations that require it. Default: required in production. */
  @IsOptional() @IsIn(['required', 'optional'])
  MFA_ENFORCEMENT?: 'required' | 'optional';

  /** Comma-separated extra origins allowed for CORS and socket.io (same origin is always allowed). */
  @IsString() CORS_ORIGINS = '';

  /** Built web UI to serve; empty disables static serving. */
  @IsString() WEB_DIST_DIR = 'apps/web/dist';

  /** Load the demo data set on first start. */
  @Transform(({ value }) => (value === undefined ? undefined : value === 'true' || value === '1' || value === true))
  @IsOptional()
  DEMO_DATA?: boolean;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Vacancies confirmed longer ago than this are shown as stale (要確認). */
  @Transform(toInt) @IsInt() @Min(1) @Max(720)
  VACANCY_STALE_HOURS = 24;

  /** Vacancies confirmed longer ago than this are unknown: not counted as free in search. */
  @Transform(toInt) @IsInt() @Min(1) @Max(90)
  VACANCY_UNKNOWN_DAYS = 7;

  /**
   * Open feeds: requests per minute one API key may make (shared by every instance through Redis when
   * REDIS_URL is set; per instance otherwise, and while Redis is down).
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  FEED_RATE_LIMIT_PER_MINUTE = 60;

  /** An emergency request nobody has accepted widens (municipality → region → prefecture → unplaced) after this long. Fractions allowed (tests). */
  @Transform(toInt) @IsNumber() @Min(0.001) @Max(1440)
  EMERGENCY_WIDEN_MINUTES = 10;

  /** A provider's acceptance holds the bed-nights this long for the coordinator to confirm. Fractions allowed (tests). */
  @Transform(toInt) @IsNumber() @Min(0.001) @Max(1440)
  OFFER_HOLD_MINUTES = 30;

  /** How often each API instance looks for due widenings and lapsed holds (claimed with SKIP LOCKED). */
  @Transform(toInt) @IsInt() @Min(50) @Max(600000)
  EMERGENCY_POLL_INTERVAL_MS = 3000;

  /** A matched provider that has not acknowledged (確認) a request within this long: its staff are told again (regions may set their own). Fractions allowed (tests). */
  @Transform(toInt) @IsNumber() @Min(0.001) @Max(1440)
  ESCALATION_UNSEEN_MINUTES = 5;

  /** No offer this long after posting: the centre's on-call coordinator; twice this long: the region's (regions may set their own). */
  @Transform(toInt) @IsNumber() @Min(0.001) @Max(1440)
  ESCALATION_NO_OFFER_MINUTES = 15;

  /** The poster is alerted this long before an offer's hold lapses unconfirmed. Fractions allowed (tests). */
  @Transform(toInt) @IsNumber() @Min(0.001) @Max(1440)
  HOLD_EXPIRY_WARNING_MINUTES = 5;

  /** How often each instance looks for outbox events to send by Web Push, besides the outbox's NOTIFY. */
  @Transform(toInt) @IsInt() @Min(50) @Max(600000)
  PUSH_POLL_INTERVAL_MS = 1000;

  /** Connecting to PostgreSQL, and waiting for a free pooled connection, fails after this long (→ 503). */
  @Transform(toInt) @IsInt() @Min(100) @Max(600000)
  DB_CONNECT_TIMEOUT_MS = 10000;

  /** A statement runs at most this long, enforced by PostgreSQL and by the client when the server stalls (→ 503). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3600000)
  DB_STATEMENT_TIMEOUT_MS = 15000;

  /** PostgreSQL ends a session left idle inside a transaction this long (it would hold locks and the outbox). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3600000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30000;

  @Transform(toInt) @IsInt() @Min(1) @Max(500)
  DB_POOL_MAX = 20;

  /** API requests worked on at once; more wait in a bounded queue (overload → 503 + Retry-After, never a backlog). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  HTTP_MAX_IN_FLIGHT = 32;

  /** API requests that may wait for a place; beyond this one is refused at once. */
  @Transform(toInt) @IsInt() @Min(0) @Max(100000)
  HTTP_MAX_QUEUE = 64;

  /** A waiting API request is refused after this long instead of being answered late. */
  @Transform(toInt) @IsInt() @Min(1) @Max(600000)
  HTTP_MAX_QUEUE_WAIT_MS = 500;

  /** On SIGTERM: how long in-flight requests and open connections may take to finish before the process exits. */
  @Transform(toInt) @IsInt() @Min(0) @Max(600000)
  SHUTDOWN_GRACE_MS = 20000;

  /** Delivered events are kept this long for replay; a client further behind refetches everything. */
  @Transform(toInt) @IsNumber() @Min(0.0001) @Max(365)
  EVENT_RETENTION_DAYS = 7;

  /** How often each instance's relay looks for committed events besides LISTEN/NOTIFY (the safety net). */
  @Transform(toInt) @IsInt() @Min(10) @Max(60000)
  RELAY_POLL_INTERVAL_MS = 1000;

  /**
   * A socket that resumes from a `lastEventId` gets no live events until its `events:replay`; if that
   * has not arrived after this long the server replays for it (see RealtimeService.hold).
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(600000)
  REPLAY_WAIT_MS = 10000;

  /**
   * Wake the relay with LISTEN/NOTIFY at each commit (default). `false`: polling only, every
   * RELAY_POLL_INTERVAL_MS — for a connection pooler in transaction mode (PgBouncer), where LISTEN
   * does not work; cross-instance delivery then waits for the next poll (the `relay` benchmark).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : !(value === 'false' || value === '0' || value === false)))
  @IsOptional()
  RELAY_LISTEN: boolean = true;

  /** Bearer token for GET /api/metrics (Prometheus); unset: metrics are served on METRICS_PORT only. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  METRICS_TOKEN?: string;

  /** pretty: readable one-line logs (development default); json: one JSON object per line (elsewhere). */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json';

  /** Internal port serving /metrics without a token (not published by compose); 0: off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  METRICS_PORT = 0;

  /** Webhooks: the first retry of a failed delivery waits this long, each next one twice as long (up to WEBHOOK_RETRY_MAX_MS). */
  @Transform(toInt) @IsInt() @Min(10) @Max(86_400_000)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  @Transform(toInt) @IsInt() @Min(10) @Max(86_400_000)
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** Attempts of one delivery before it is given up. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  WEBHOOK_MAX_ATTEMPTS = 10;

  /** Failed attempts in a row (any deliveries) after which an endpoint is disabled until its administrator enables it again. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  WEBHOOK_DISABLE_AFTER_FAILURES = 20;

  /** A delivery that has not been answered (2xx) within this long has failed. */
  @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** How often each instance looks for events to fan out and deliveries due, besides the outbox's NOTIFY. */
  @Transform(toInt) @IsInt() @Min(50) @Max(600_000)
  WEBHOOK_POLL_INTERVAL_MS = 1000;

  /**
   * Tests only: endpoints on the loopback interface (http://127.0.0.1:…, and https) are accepted.
   * Refused in production, where an endpoint must be https and outside private networks.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1' || value === true))
  @IsOptional()
  WEBHOOK_ALLOW_LOOPBACK: boolean = false;

  /** Reports withhold counts above zero and below this (「3未満」), so nobody is recognisable in a small town. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  REPORT_SUPPRESS_BELOW = 3;
}

const ENV_KEYS = [
  'NODE_ENV', 'PORT', 'HOST', 'DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'EMBEDDED_PG_PORT', 'JWT_SECRET', 'PERSONAL_DATA_KEY',
  'ACCESS_TOKEN_TTL_SECONDS', 'REFRESH_TOKEN_TTL_DAYS', 'SESSION_MAX_HOURS', 'LOGIN_MAX_FAILURES', 'LOGIN_FAILURE_WINDOW_SECONDS', 'CORS_ORIGINS', 'TRUST_PROXY', 'MFA_ENFORCEMENT',
  'WEB_DIST_DIR', 'DEMO_DATA', 'LOG_LEVEL', 'VACANCY_STALE_HOURS', 'VACANCY_UNKNOWN_DAYS',
  'EMERGENCY_WIDEN_MINUTES', 'OFFER_HOLD_MINUTES', 'EMERGENCY_POLL_INTERVAL_MS', 'ESCALATION_UNSEEN_MINUTES', 'ESCALATION_NO_OFFER_MINUTES', 'HOLD_EXPIRY_WARNING_MINUTES', 'PUSH_POLL_INTERVAL_MS',
  'DB_CONNECT_TIMEOUT_MS', 'DB_STATEMENT_TIMEOUT_MS', 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'DB_POOL_MAX', 'HTTP_MAX_IN_FLIGHT', 'HTTP_MAX_QUEUE', 'HTTP_MAX_QUEUE_WAIT_MS', 'SHUTDOWN_GRACE_MS',
  'EVENT_RETENTION_DAYS', 'RELAY_POLL_INTERVAL_MS', 'REPLAY_WAIT_MS', 'RELAY_LISTEN', 'METRICS_TOKEN', 'METRICS_PORT',
  'MIGRATION_DATABASE_URL', 'APP_DATABASE_PASSWORD', 'AUDIT_HMAC_KEY', 'AUDIT_VERIFY_INTERVAL_MS', 'PERSONAL_DATA_KEY_ID', 'PERSONAL_DATA_PREVIOUS_KEYS',
  'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT', 'REPORT_SUPPRESS_BELOW',
  'LOG_FORMAT', 'FEED_RATE_LIMIT_PER_MINUTE',
  'WEBHOOK_RETRY_BASE_MS', 'WEBHOOK_RETRY_MAX_MS', 'WEBHOOK_MAX_ATTEMPTS', 'WEBHOOK_DISABLE_AFTER_FAILURES', 'WEBHOOK_TIMEOUT_MS', 'WEBHOOK_POLL_INTERVAL_MS', 'WEBHOOK_ALLOW_LOOPBACK',
] as const;

export class EnvValidationError extends Error {}

/** Validates raw environment variables, failing with the name of every bad value. */
export function loadEnv(raw: Record<string, string | undefined> = process.env): Env {
  const picked = Object.fromEntries(ENV_KEYS.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
  const env = plainToInstance(Env, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new EnvValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.VACANCY_STALE_HOURS > env.VACANCY_UNKNOWN_DAYS * 24) {
    throw new EnvValidationError('Invalid configuration: VACANCY_STALE_HOURS must not exceed VACANCY_UNKNOWN_DAYS × 24');
  }
  if (env.NODE_ENV !== 'test' && env.ACCESS_TOKEN_TTL_SECONDS < 30) {
    throw new EnvValidationError('Invalid configuration: ACCESS_TOKEN_TTL_SECONDS must be at least 30 (shorter only with NODE_ENV=test)');
  }
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    throw new EnvValidationError('Invalid configuration: MIGRATION_DATABASE_URL needs DATABASE_URL (the role the app serves with)');
  }
  if (env.NODE_ENV === 'production' && env.WEBHOOK_ALLOW_LOOPBACK) {
    throw new EnvValidationError('Invalid configuration: WEBHOOK_ALLOW_LOOPBACK is for tests; it must not be set in production');
  }
  env.MFA_ENFORCEMENT ??= env.NODE_ENV === 'production' ? 'required' : 'optional';
  if (env.NODE_ENV === 'production') {
    const missing: string[] = (['DATABASE_URL', 'JWT_SECRET', 'PERSONAL_DATA_KEY', 'AUDIT_HMAC_KEY'] as const).filter((k) => !env[k]);
    if (!env.MIGRATION_DATABASE_URL && !env.APP_DATABASE_PASSWORD) missing.push('MIGRATION_DATABASE_URL (or APP_DATABASE_PASSWORD)');
    if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) missing.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY');
    if (missing.length) throw new EnvValidationError(`Invalid configuration: ${missing.join(', ')} must be set in production`);
  }
  return env;
}

/** The settings once secrets and the database are resolved. */
export interface ResolvedEnv extends Env {
  /** The serving (least-privilege) role's URL. */
  DATABASE_URL: string;
  JWT_SECRET: string;
  PERSONAL_DATA_KEY: string;
  AUDIT_HMAC_KEY: string;
}

export const ENV = Symbol('ENV');

/** TRUST_PROXY as Express's `trust proxy` setting. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true; // believes any X-Forwarded-For: only behind a proxy that overwrites it
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

import { CSRF_HEADER, ErrorCode, type ApiErrorBody } from '@akiwa/contracts';

/**
 * The one HTTP client of the web. It knows nothing of React or of where tokens live: the session
 * store plugs itself in with configureApiClient(), so the layers stay lib ← api ← hooks ← features.
 */
export interface ApiClientHooks {
  getAccessToken(): string | null;
  /** Single-flight token refresh: resolves true when a new access token is in place. */
  refresh(): Promise<boolean>;
  /** Called when the session cannot be recovered (refresh failed after a 401). */
  onUnauthenticated(): void;
}

let hooks: ApiClientHooks = {
  getAccessToken: () => null,
  refresh: async () => false,
  onUnauthenticated: () => undefined,
};

export function configureApiClient(next: ApiClientHooks): void {
  hooks = next;
}

/** Status 0 marks a failure before any HTTP answer (offline, DNS, server down). */
export const NETWORK_ERROR_STATUS = 0;

export class ApiError extends Error {
  readonly body: ApiErrorBody;

  constructor(body: ApiErrorBody) {
    super(body.message.en);
    this.name = 'ApiError';
    this.body = body;
  }

  get status(): number {
    return this.body.status;
  }

  get code(): ErrorCode {
    return this.body.code;
  }

  get isNetworkError(): boolean {
    return this.body.status === NETWORK_ERROR_STATUS;
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A body sent as is (a CSV file), instead of `body` as JSON. */
  raw?: { data: Blob | string; contentType: string };
  /** A multipart body (an upload): the browser sets its Content-Type with the boundary. */
  form?: FormData;
  query?: QueryParams;
  /** false for the auth endpoints themselves: no bearer token, no refresh-and-retry. */
  auth?: boolean;
  /**
   * A creating POST: sent with an `Idempotency-Key` (one per call) and retried once with the same
   * key when the connection failed, so a reset never creates the thing twice (the server answers
   * the retry with the first answer).
   */
  idempotent?: boolean;
  /**
   * The key to send instead of a new one: a change kept across page loads (the phone's offline
   * queue) is sent with the same key each time, so the server carries it out at most once.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ApiErrorBody>;
  return typeof v.status === 'number' && typeof v.code === 'string' && typeof v.message === 'object';
}

async function toApiError(response: Response): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => null);
  if (isApiErrorBody(payload)) {
    return new ApiError({ ...payload, details: payload.details ?? [] });
  }
  // A proxy or a crashed server answered without the contract's body.
  return new ApiError({
    status: response.status,
    code: response.status === 401 ? ErrorCode.Unauthenticated : ErrorCode.Internal,
    message: {
      ja: `サーバーエラーが発生しました（${response.status}）。`,
      en: `The server returned an error (${response.status}).`,
    },
    details: [],
  });
}

function networkError(): ApiError {
  return new ApiError({
    status: NETWORK_ERROR_STATUS,
    code: ErrorCode.Internal,
    message: {
      ja: 'サーバーに接続できません。通信状態を確認してください。',
      en: 'Cannot reach the server. Check your connection.',
    },
    details: [],
  });
}

/** 128 random bits; getRandomValues also works outside secure contexts (plain http on a LAN), unlike randomUUID. */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(request: ApiRequest, url: string, accept = 'application/json', idempotencyKey?: string): Promise<Response> {
  // The custom header is the refresh cookie's CSRF guard: a cross-site form or image cannot send it.
  const headers: Record<string, string> = { Accept: accept, [CSRF_HEADER]: '1' };
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (request.raw) headers['Content-Type'] = request.raw.contentType;
  else if (request.form) {
    // no Content-Type: fetch writes multipart/form-data with its boundary
  } else if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = request.auth === false ? null : hooks.getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.raw ? request.raw.data : request.form ? request.form : request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

async function sendOnce(request: ApiRequest, url: string, accept: string | undefined, key: string | undefined): Promise<Response> {
  try {
    return await send(request, url, accept, key);
  } catch (error) {
    // the connection failed: with a key, the same request again cannot create a duplicate
    if (!key || !(error instanceof ApiError) || !error.isNetworkError) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return send(request, url, accept, key);
  }
}

/** 503 answers retried (after their Retry-After, jittered so a crowd does not return at once) before the user sees an error. */
const BUSY_RETRIES = 2;
const BUSY_RETRY_MAX_SECONDS = 5;

async function sendWithRefresh(request: ApiRequest, url: string, accept?: string): Promise<Response> {
  const key = request.idempotencyKey ?? (request.idempotent ? newIdempotencyKey() : undefined);
  let response = await sendOnce(request, url, accept, key);
  // a busy or briefly unreachable server says when to come back; the request was not carried out
  for (let attempt = 0; attempt < BUSY_RETRIES && response.status === 503; attempt++) {
    const header = response.headers.get('Retry-After');
    const seconds = header === null ? NaN : Number(header);
    if (!(seconds >= 0 && seconds <= BUSY_RETRY_MAX_SECONDS)) break;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000 * (1 + Math.random() / 2)));
    response = await sendOnce(request, url, accept, key);
  }
  if (response.status === 401 && request.auth !== false) {
    if (await hooks.refresh()) {
      response = await sendOnce(request, url, accept, key);
    }
    if (response.status === 401) {
      const error = await toApiError(response);
      hooks.onUnauthenticated();
      throw error;
    }
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Typed fetch against the API: bearer token, one refresh-and-retry on 401, ApiError on failure. */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const response = await sendWithRefresh(request, buildUrl(path, request.query));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file from the API (a CSV export), with the name the server gave it. */
export async function apiDownload(path: string, request: ApiRequest = {}): Promise<{ blob: Blob; filename: string | null }> {
  const response = await sendWithRefresh(request, buildUrl(path, request.query), 'text/csv, application/octet-stream, */*');
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await response.blob(), filename: encoded ? decodeURIComponent(encoded) : (plain ?? null) };
}

/** A 409 `version_conflict` carries the current state as `current`: adopt it instead of refetching. */
export function conflictCurrent<T>(error: unknown): T | undefined {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.VersionConflict) return undefined;
  return (error.body as ApiErrorBody & { current?: T }).current ?? undefined;
}

/**
 * Open feeds (issue 15): read-only exports for other systems (a prefecture's own systems, an
 * open-data portal, a provider's staff calendar), authenticated by per-organisation API keys that an
 * administrator issues and revokes — never by a user's token.
 */

/** The header a feed request may carry its key in; `Authorization: ApiKey <key>` works as well. */
export const API_KEY_HEADER = 'x-api-key';

/** An issued key as listed (the secret itself is shown once, at issue, and never stored). */
export interface ApiKeyView {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  /** The public half of the key (`ak_<prefix>_…`), to tell keys apart. */
  prefix: string;
  /** The prefecture the key reads (its organisation's, when issued). */
  prefectureCode: string;
  createdAt: string;
  revokedAt: string | null;
}

/** `POST /api/admin/api-keys` */
export interface IssueApiKeyRequest {
  organisationId: string;
  /** What the key is for, e.g. 「熊本県 医療情報システム」. */
  name: string;
}

/** The answer to an issue: the only time the key is shown. */
export interface IssuedApiKey extends ApiKeyView {
  key: string;
}

/** `GET /api/feeds/key`: what the calling key may read. */
export interface ApiKeyScope {
  keyId: string;
  organisationId: string;
  prefectureCode: string;
}

import { Injectable } from '@nestjs/common';
import { ErrorCode, type ApiKeyView, type IssuedApiKey } from '@akiwa/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException, type Bilingual } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { apiKeyMatches, apiKeyPrefix, newApiKey } from './api-key.format';
import { ApiKeysRepository, type ApiKeyRecord } from './api-keys.repository';
import { FeedTexts, Things } from '../common/errors/texts';

/** The key a feed request was authenticated with: what it may read. */
export interface FeedCaller {
  keyId: string;
  organisationId: string;
  prefectureCode: string;
}

const unauthenticated = (text: Bilingual) => new AppException(ErrorCode.Unauthenticated, text);

const view = (r: ApiKeyRecord): ApiKeyView => ({
  ...r,
  createdAt: new Date(r.createdAt).toISOString(),
  revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
});

/**
 * API keys of the open feeds: an administrator issues one to an organisation (the key is shown once;
 * only its hash is kept) and revokes it; every issue, revocation and use is in the audit log.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly repo: ApiKeysRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async issue(auth: AuthUser, organisationId: string, name: string): Promise<IssuedApiKey> {
    const org = await this.repo.organisation(organisationId);
    if (!org) throw AppException.invalidField('organisationId', 'unknown', FeedTexts.unknownOrganisation);
    if (!org.prefectureCode) {
      throw AppException.invalidField('organisationId', 'no_area', FeedTexts.noArea);
    }
    const { key, prefix, secretHash } = newApiKey();
    const record = await this.repo.transaction(async (tx) => {
      const row = await this.repo.insert(tx, { organisationId, name: name.trim(), prefix, secretHash, prefectureCode: org.prefectureCode!, createdAt: this.clock.now(), createdBy: auth.userId });
      await this.audit.record({ actor: auth, action: 'api_key.issue', subjectType: 'api_key', subjectId: row.id, detail: { organisationId, prefix, prefectureCode: row.prefectureCode } }, tx);
      return row;
    });
    return { ...view(record), key };
  }

  async list(organisationId?: string): Promise<ApiKeyView[]> {
    return (await this.repo.list(organisationId)).map(view);
  }

  /** Revokes a key at once (the next request with it is refused); revoking a revoked key changes nothing. */
  async revoke(auth: AuthUser, id: string): Promise<ApiKeyView> {
    await this.repo.transaction(async (tx) => {
      if (await this.repo.revoke(tx, id, this.clock.now(), auth.userId)) {
        await this.audit.record({ actor: auth, action: 'api_key.revoke', subjectType: 'api_key', subjectId: id }, tx);
      }
    });
    const key = await this.repo.get(id);
    if (!key) throw AppException.notFound(Things.apiKey);
    return view(key);
  }

  /** The caller of a feed request, from the key it sent; 401 for a missing, malformed, unknown or revoked key. */
  async authenticate(key: string | null): Promise<FeedCaller> {
    if (!key) throw unauthenticated(FeedTexts.keyRequired);
    const prefix = apiKeyPrefix(key);
    const found = prefix ? await this.repo.credential(prefix) : null;
    if (!found || !apiKeyMatches(key, found.secretHash)) throw unauthenticated(FeedTexts.invalidKey);
    if (found.revoked) throw unauthenticated(FeedTexts.revokedKey);
    return { keyId: found.id, organisationId: found.organisationId, prefectureCode: found.prefectureCode };
  }

  /** One row per feed request, written before the feed is sent. */
  recordUse(caller: FeedCaller, feed: string, query: Record<string, unknown>): Promise<void> {
    return this.audit.record({
      actor: { userId: null, organisationId: caller.organisationId },
      action: 'api_key.use',
      subjectType: 'api_key',
      subjectId: caller.keyId,
      detail: { feed, query },
    });
  }
}

import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, of, throwError, catchError, type Observable } from 'rxjs';
import { ErrorCode } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { AuditLog } from '../audit/audit-log.service';
import { IdempotencyRepository } from './idempotency.repository';
import { HttpTexts } from '../common/errors/texts';

/** A claim whose request never answered (its instance died) may be taken over after this long. */
const STALE_CLAIM_MS = 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

interface HttpRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: AuthUser;
}

/**
 * `Idempotency-Key` on any authenticated POST: the first request with a key runs; a retry with the
 * same key (after a connection reset, a double tap) gets the first answer back (`Idempotent-Replayed:
 * true`) instead of creating a second request, offer, stay or waiting-list entry. The same key with a
 * different request is refused (400); while the first is still running, 409. Failed requests release
 * their key, so a retry runs again. Keys are per user and kept a day.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly audit: AuditLog,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined || !req.user) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw AppException.invalidField('Idempotency-Key', 'invalid', HttpTexts.idempotencyKeyInvalid);
    }
    const userId = req.user.userId;
    const path = req.originalUrl.split('?')[0];
    const hash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('base64url');

    if (!(await this.repo.claim(userId, key, req.method, path, hash))) {
      const stored = await this.repo.find(userId, key);
      if (stored && (stored.path !== path || stored.method !== req.method || stored.requestHash !== hash)) {
        throw AppException.invalidField('Idempotency-Key', 'reused', HttpTexts.idempotencyKeyReused);
      }
      if (stored && stored.status !== null) {
        // the stored answer was decrypted to be replayed (it can be a request's view, person included): a read, recorded first
        await this.audit.record({ actor: req.user, action: 'idempotent_answer.read', subjectType: 'idempotency_key', subjectId: key, detail: { path } });
        http.getResponse<{ setHeader(k: string, v: string): void }>().setHeader('Idempotent-Replayed', 'true');
        return of(stored.response);
      }
      if (!stored || !(await this.repo.reclaim(userId, key, STALE_CLAIM_MS))) {
        throw new AppException(ErrorCode.Conflict, HttpTexts.idempotentInProgress);
      }
    }
    return next.handle().pipe(
      mergeMap((body) => from(this.repo.complete(userId, key, 201, body).then(() => body))),
      catchError((err) => from(this.repo.release(userId, key).catch(() => undefined)).pipe(mergeMap(() => throwError(() => err)))),
    );
  }
}

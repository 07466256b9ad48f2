import { applyDecorators, createParamDecorator, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { API_KEY_HEADER } from '@akiwa/contracts';
import { Public } from '../common/auth/auth.decorators';
import { ApiKeysService, type FeedCaller } from './api-keys.service';
import { FeedRateLimiter } from './feed-rate-limiter';

interface FeedRequest {
  headers: Record<string, string | string[] | undefined>;
  route?: { path?: string };
  query?: Record<string, unknown>;
  feedCaller?: FeedCaller;
}

/** The key from `X-Api-Key`, or `Authorization: ApiKey …`; a Bearer token is not a key (and is not read). */
function keyOf(req: FeedRequest): string | null {
  const header = req.headers[API_KEY_HEADER];
  if (typeof header === 'string' && header) return header.trim();
  const auth = req.headers['authorization'];
  return typeof auth === 'string' && /^ApiKey /i.test(auth) ? auth.slice(7).trim() : null;
}

/**
 * Authenticates a feed request by its API key (never by a user's token, so a feed never carries a
 * user's rights to personal data), counts it against the key's rate limit, and writes its use to the
 * audit log before the feed is produced.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly limiter: FeedRateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FeedRequest>();
    const caller = await this.keys.authenticate(keyOf(req));
    await this.limiter.consume(caller.keyId);
    await this.keys.recordUse(caller, req.route?.path ?? '', req.query ?? {});
    req.feedCaller = caller;
    return true;
  }
}

/** A feed route: open to API keys only (the access-token guard stands aside). */
export const FeedAuth = () =>
  applyDecorators(
    Public(),
    UseGuards(ApiKeyGuard),
    ApiHeader({ name: 'X-Api-Key', description: 'API key issued by an administrator (or Authorization: ApiKey …)', required: false }),
    ApiUnauthorizedResponse({ description: 'missing, invalid or revoked API key' }),
    ApiTooManyRequestsResponse({ description: 'rate limit of the key reached (Retry-After)' }),
  );

export const CurrentFeedCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): FeedCaller => {
  const caller = ctx.switchToHttp().getRequest<FeedRequest>().feedCaller;
  if (!caller) throw new Error('CurrentFeedCaller used outside @FeedAuth');
  return caller;
});

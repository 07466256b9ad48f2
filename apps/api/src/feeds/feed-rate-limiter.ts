import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ErrorCode } from '@akiwa/contracts';
import { ENV, type ResolvedEnv } from '../config/env';
import { AppException } from '../common/errors/app.exception';
import { RedisLink } from '../realtime/redis-link';
import { FeedTexts } from '../common/errors/texts';

/**
 * Requests per minute per API key (`rate-limiter-flexible`). With Redis the count is shared by every
 * instance; while Redis is down, and without it, each instance counts on its own (the insurance
 * limiter) rather than refusing or waving everything through.
 */
@Injectable()
export class FeedRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(@Inject(ENV) env: ResolvedEnv, redis: RedisLink) {
    const opts = { points: env.FEED_RATE_LIMIT_PER_MINUTE, duration: 60, keyPrefix: 'akiwa:feed-rate' };
    const memory = new RateLimiterMemory(opts);
    this.limiter = redis.pub ? new RateLimiterRedis({ ...opts, storeClient: redis.pub, rejectIfRedisNotReady: true, insuranceLimiter: memory }) : memory;
  }

  /** Counts one request of the key; 429 with Retry-After beyond the limit. */
  async consume(keyId: string): Promise<void> {
    try {
      await this.limiter.consume(keyId);
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new AppException(
        ErrorCode.TooManyAttempts,
        FeedTexts.rateLimited(retryAfterSeconds),
        [],
        { retryAfterSeconds },
      );
    }
  }
}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { FeedRateLimiter } from './feed-rate-limiter';
import { FeedsController } from './feeds.controller';

/** Open feeds (issue 15) and the API keys that open them. */
@Module({
  imports: [AuditModule, RealtimeModule],
  controllers: [ApiKeysController, FeedsController],
  providers: [ApiKeysRepository, ApiKeysService, FeedRateLimiter, ApiKeyGuard],
})
export class FeedsModule {}

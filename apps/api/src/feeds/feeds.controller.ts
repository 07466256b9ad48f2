import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ApiKeyScope } from '@akiwa/contracts';
import { CurrentFeedCaller, FeedAuth } from './api-key.guard';
import type { FeedCaller } from './api-keys.service';

/** The open feeds (read-only, API keys only). */
@ApiTags('feeds')
@FeedAuth()
@Controller('feeds')
export class FeedsController {
  /** What the calling key may read: a consumer's check of its configuration. */
  @Get('key')
  key(@CurrentFeedCaller() caller: FeedCaller): ApiKeyScope {
    return caller;
  }
}

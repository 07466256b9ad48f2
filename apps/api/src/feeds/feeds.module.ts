import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { ProfilesModule } from '../profiles/profiles.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { UnitsModule } from '../units/units.module';
import { VacanciesModule } from '../vacancies/vacancies.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { FeedRateLimiter } from './feed-rate-limiter';
import { FeedScope } from './feed-scope.service';
import { FeedsController } from './feeds.controller';
import { FhirFeedService } from './fhir/fhir-feed.service';
import { EdxlFeedService } from './edxl/edxl-feed.service';

/** Open feeds (issue 15) and the API keys that open them. */
@Module({
  imports: [AuditModule, RealtimeModule, AreasModule, UnitsModule, VacanciesModule, ProfilesModule],
  controllers: [ApiKeysController, FeedsController],
  providers: [ApiKeysRepository, ApiKeysService, FeedRateLimiter, ApiKeyGuard, FeedScope, FhirFeedService, EdxlFeedService],
})
export class FeedsModule {}

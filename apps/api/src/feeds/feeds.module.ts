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
import { SnapshotFeedsService } from './snapshots/snapshot-feeds.service';
import { TrialStaysModule } from '../trial-stays/trial-stays.module';

/** Open feeds (issue 15) and the API keys that open them. */
@Module({
  imports: [AuditModule, RealtimeModule, AreasModule, UnitsModule, VacanciesModule, ProfilesModule, TrialStaysModule],
  controllers: [ApiKeysController, FeedsController],
  providers: [ApiKeysRepository, ApiKeysService, FeedRateLimiter, ApiKeyGuard, FeedScope, FhirFeedService, EdxlFeedService, SnapshotFeedsService],
})
export class FeedsModule {}

import { RegionWindowsModule } from '../region-windows/region-windows.module';
import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { PersonAlertsModule } from '../person-alerts/person-alerts.module';
import { VacanciesModule } from '../vacancies/vacancies.module';
import { LedgerModule } from '../ledger/ledger.module';
import { EmergencyPoller } from './emergency-poller.service';
import { EmergencyRequestsController, InboxController, OffersController } from './emergency-requests.controller';
import { RequestMatcher } from './request-matcher.service';
import { RequestNotifier } from './request-notifier.service';
import { RequestQueries } from './request-queries.service';
import { RequestTimeline } from './request-timeline';
import { MatchingRepository } from './matching.repository';
import { OffersRepository } from './offers.repository';
import { RequestsRepository } from './requests.repository';
import { ConfirmOfferUseCase } from './use-cases/confirm-offer.usecase';
import { ExpireHoldsUseCase } from './use-cases/expire-holds.usecase';
import { ManageRequestUseCase } from './use-cases/manage-request.usecase';
import { PostRequestUseCase } from './use-cases/post-request.usecase';
import { RespondToRequestUseCase } from './use-cases/respond-to-request.usecase';
import { WidenRequestUseCase } from './use-cases/widen-request.usecase';

@Module({
  imports: [AreasModule, AuditModule, CryptoModule, PersonAlertsModule, VacanciesModule, LedgerModule, RegionWindowsModule],
  controllers: [EmergencyRequestsController, InboxController, OffersController],
  providers: [
    RequestsRepository,
    OffersRepository,
    MatchingRepository,
    RequestTimeline,
    RequestMatcher,
    RequestQueries,
    RequestNotifier,
    PostRequestUseCase,
    RespondToRequestUseCase,
    ConfirmOfferUseCase,
    WidenRequestUseCase,
    ExpireHoldsUseCase,
    ManageRequestUseCase,
    EmergencyPoller,
  ],
  exports: [RequestQueries, RequestNotifier, RequestsRepository, RequestTimeline],
})
export class EmergencyRequestsModule {}

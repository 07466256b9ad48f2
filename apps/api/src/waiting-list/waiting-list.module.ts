import { Module } from '@nestjs/common';
import { TrialStaysModule } from '../trial-stays/trial-stays.module';
import { WaitingListController } from './waiting-list.controller';
import { WaitingListRepository } from './waiting-list.repository';
import { WaitingListService } from './waiting-list.service';

@Module({ imports: [TrialStaysModule], controllers: [WaitingListController], providers: [WaitingListRepository, WaitingListService] })
export class WaitingListModule {}

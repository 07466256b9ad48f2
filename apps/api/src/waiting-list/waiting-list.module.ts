import { Module } from '@nestjs/common';
import { TrialStaysModule } from '../trial-stays/trial-stays.module';
import { WaitingListController } from './waiting-list.controller';
import { WaitingListService } from './waiting-list.service';

@Module({ imports: [TrialStaysModule], controllers: [WaitingListController], providers: [WaitingListService] })
export class WaitingListModule {}

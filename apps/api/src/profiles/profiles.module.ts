import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AddressNormaliser } from './address-normaliser';
import { ProfilesController } from './profiles.controller';
import { ProfilesRepository } from './profiles.repository';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [AuditModule],
  controllers: [ProfilesController],
  providers: [ProfilesRepository, ProfilesService, AddressNormaliser],
  exports: [ProfilesService],
})
export class ProfilesModule {}

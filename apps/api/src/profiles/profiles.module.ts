import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AddressNormaliser } from './address-normaliser';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [AuditModule],
  controllers: [ProfilesController],
  providers: [ProfilesService, AddressNormaliser],
  exports: [ProfilesService],
})
export class ProfilesModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RegionWindowsController } from './region-windows.controller';
import { RegionWindowsRepository } from './region-windows.repository';
import { RegionWindowsService } from './region-windows.service';

@Module({
  imports: [AuditModule],
  controllers: [RegionWindowsController],
  providers: [RegionWindowsService, RegionWindowsRepository],
  exports: [RegionWindowsService],
})
export class RegionWindowsModule {}

import { Module } from '@nestjs/common';
import { AreaDirectoryRepository } from './area-directory.repository';
import { AreaDirectory } from './area-directory.service';
import { ServiceNights } from './service-nights.service';

@Module({ providers: [AreaDirectoryRepository, AreaDirectory, ServiceNights], exports: [AreaDirectory, ServiceNights] })
export class AreasModule {}

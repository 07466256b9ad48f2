import { Module } from '@nestjs/common';
import { AreaDirectory } from './area-directory.service';
import { ServiceNights } from './service-nights.service';

@Module({ providers: [AreaDirectory, ServiceNights], exports: [AreaDirectory, ServiceNights] })
export class AreasModule {}

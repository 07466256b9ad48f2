import { AuditModule } from '../audit/audit.module';
import { Global, Module } from '@nestjs/common';
import { MyOrganisationController } from './my-organisation.controller';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsRepository } from './organisations.repository';
import { OrganisationsService } from './organisations.service';

@Global()
@Module({ imports: [AuditModule], controllers: [OrganisationsController, MyOrganisationController], providers: [OrganisationsRepository, OrganisationsService], exports: [OrganisationsService, OrganisationsRepository] })
export class OrganisationsModule {}

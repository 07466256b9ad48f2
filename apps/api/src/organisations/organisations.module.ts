import { AuditModule } from '../audit/audit.module';
import { Global, Module } from '@nestjs/common';
import { MyOrganisationController } from './my-organisation.controller';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Global()
@Module({ imports: [AuditModule], controllers: [OrganisationsController, MyOrganisationController], providers: [OrganisationsService], exports: [OrganisationsService] })
export class OrganisationsModule {}

import { Global, Module } from '@nestjs/common';
import { GeographyController } from './geography.controller';
import { GeographyService } from './geography.service';

@Global()
@Module({ controllers: [GeographyController], providers: [GeographyService], exports: [GeographyService] })
export class GeographyModule {}

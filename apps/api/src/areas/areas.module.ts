import { Module } from '@nestjs/common';
import { AreaDirectory } from './area-directory.service';

@Module({ providers: [AreaDirectory], exports: [AreaDirectory] })
export class AreasModule {}

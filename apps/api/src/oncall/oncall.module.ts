import { Module } from '@nestjs/common';
import { InboxOnCallController, RotaController } from './rota.controller';
import { RotaRepository } from './rota.repository';
import { RotaService } from './rota.service';

@Module({
  controllers: [RotaController, InboxOnCallController],
  providers: [RotaRepository, RotaService],
  exports: [RotaService],
})
export class OncallModule {}

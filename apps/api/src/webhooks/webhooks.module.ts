import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { AuditModule } from '../audit/audit.module';
import { CryptoModule } from '../common/crypto/crypto.module';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookSender } from './webhook-sender.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhooks (issue 15): endpoints of an organisation, fed from the outbox. */
@Module({
  imports: [AreasModule, AuditModule, CryptoModule],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookSender, WebhookDispatcher, WebhookMetrics],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}

import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { WebhooksRepository } from './webhooks.repository';

/** What an operator watches of webhooks: passes, attempts by outcome, endpoints stopped, the backlog (read on scrape). */
@Injectable()
export class WebhookMetrics {
  readonly attempts: Counter<'outcome'>;
  readonly disabled: Counter;
  readonly passes: Counter;

  constructor(metrics: MetricsRegistry, repo: WebhooksRepository) {
    const registers = [metrics.registry];
    this.attempts = new Counter({ name: 'akiwa_webhook_attempts_total', help: 'Webhook delivery attempts by this instance, by outcome (delivered, failed)', labelNames: ['outcome'], registers });
    this.passes = new Counter({ name: 'akiwa_webhook_passes_total', help: 'Fan-out and delivery passes run by this instance (each a transaction and a claim)', registers });
    this.disabled = new Counter({ name: 'akiwa_webhook_endpoints_disabled_total', help: 'Endpoints this instance disabled after repeated failures', registers });
    new Gauge({
      name: 'akiwa_webhook_deliveries_pending',
      help: 'Deliveries waiting to be sent or retried (all instances)',
      registers,
      async collect() {
        this.set(await repo.pendingCount());
      },
    });
  }
}

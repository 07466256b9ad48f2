import { Global, Module } from '@nestjs/common';
import { MetricsCollector } from './metrics.collector';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';

@Global()
@Module({ providers: [MetricsRegistry, MetricsCollector], controllers: [MetricsController], exports: [MetricsRegistry, MetricsCollector] })
export class MetricsModule {}

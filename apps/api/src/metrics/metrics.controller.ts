import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ENV, type ResolvedEnv } from '../config/env';
import { Public } from '../common/auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { MetricsCollector } from './metrics.collector';
import { HttpTexts } from '../common/errors/texts';

/** Prometheus scrape endpoint: only with METRICS_TOKEN set and presented (else use the internal METRICS_PORT). */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly collector: MetricsCollector,
    @Inject(ENV) private readonly env: ResolvedEnv,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: { type(t: string): { send(b: string): void } }) {
    const expected = this.env.METRICS_TOKEN ? Buffer.from(`Bearer ${this.env.METRICS_TOKEN}`) : null;
    const given = Buffer.from(authorization ?? '');
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw AppException.forbidden(HttpTexts.metricsToken);
    }
    const { contentType, body } = await this.collector.render();
    res.type(contentType).send(body);
  }
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { ResolvedEnv } from './config/env';
import { AppModule, type AppOptions } from './app.module';
import { createValidationPipe } from './common/errors/validation.pipe';
import { RedisIoAdapter } from './realtime/redis-io.adapter';
import { RedisLink } from './realtime/redis-link';
import { Lifecycle } from './lifecycle/lifecycle.service';

export const BODY_LIMIT = '256kb';

/** Builds the configured app (used by main and by the tests, so both run the same thing). */
export async function createApp(env: ResolvedEnv, options: AppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.use(helmet({ contentSecurityPolicy: false }));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // CSV arrives as bytes: the importer detects UTF-8 or Shift_JIS (Excel), which a text parser would garble
  app.useBodyParser('raw', { limit: '5mb', type: ['text/csv', 'application/octet-stream'] });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({ origin: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((s) => s.trim()) : false });
  // while draining, every response closes its connection, so no keep-alive request races the shutdown
  const lifecycle = app.get(Lifecycle);
  app.use((_req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    if (lifecycle.draining) res.setHeader('Connection', 'close');
    next();
  });

  if (env.REDIS_URL) {
    const link = app.get(RedisLink);
    await link.connect(); // carries on degraded when Redis is down
    app.useWebSocketAdapter(new RedisIoAdapter(app, link));
  }

  const config = new DocumentBuilder()
    .setTitle('Akiwa API (空き輪)')
    .setDescription('Live vacancy exchange and emergency placement for disability welfare')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

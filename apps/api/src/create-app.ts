import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { trustProxySetting, type ResolvedEnv } from './config/env';
import { AppModule, type AppOptions } from './app.module';
import { createValidationPipe } from './common/errors/validation.pipe';
import { admissionControl, AdmissionGate } from './common/http/admission';
import { jsonDepthLimit } from './common/http/json-depth';
import { OpenApiDocument } from './docs/docs.controller';
import { LeanIoAdapter } from './realtime/lean-io.adapter';
import { RedisIoAdapter } from './realtime/redis-io.adapter';
import { RedisLink } from './realtime/redis-link';
import { Lifecycle } from './lifecycle/lifecycle.service';
import { MetricsCollector } from './metrics/metrics.collector';

export const BODY_LIMIT = '256kb';

/** Builds the configured app (used by main and by the tests, so both run the same thing). */
export async function createApp(env: ResolvedEnv, options: AppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  // the client IP (login throttling, audit) from X-Forwarded-For only through the configured proxies
  app.set('trust proxy', trustProxySetting(env.TRUST_PROXY));
  // first of all: beyond capacity a request is refused before any work is spent on it
  app.use(admissionControl(app.get(AdmissionGate)));
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } });
  // the development Swagger UI styles itself inline; production does not serve it
  const docs = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY, 'style-src': ["'self'", "'unsafe-inline'"] } } });
  app.use((req: { path: string }, res: unknown, next: () => void) =>
    (env.NODE_ENV !== 'production' && req.path.startsWith('/api/docs') ? docs : strict)(req as never, res as never, next),
  );
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(jsonDepthLimit());
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // CSV arrives as bytes: the importer detects UTF-8 or Shift_JIS (Excel), which a text parser would garble
  app.useBodyParser('raw', { limit: '5mb', type: ['text/csv', 'application/octet-stream'] });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({ origin: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((s) => s.trim()) : false });
  // while draining, every response closes its connection, so no keep-alive request races the shutdown
  const lifecycle = app.get(Lifecycle);
  const httpLatency = app.get(MetricsCollector).http;
  type Req = { method: string; baseUrl: string; route?: { path: string } };
  type Res = { setHeader(k: string, v: string): void; once(e: 'finish', f: () => void): void; statusCode: number };
  app.use((req: Req, res: Res, next: () => void) => {
    if (lifecycle.draining) res.setHeader('Connection', 'close');
    const stop = httpLatency.startTimer({ method: req.method });
    // the route pattern, not the URL (ids would explode the label set)
    res.once('finish', () => stop({ route: req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched', status: String(res.statusCode) }));
    next();
  });

  if (env.REDIS_URL) {
    const link = app.get(RedisLink);
    await link.connect(); // carries on degraded when Redis is down
    app.useWebSocketAdapter(new RedisIoAdapter(app, link));
  } else {
    app.useWebSocketAdapter(new LeanIoAdapter(app));
  }

  const config = new DocumentBuilder()
    .setTitle('Akiwa API (空き輪)')
    .setDescription('Live vacancy exchange and emergency placement for disability welfare')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  if (env.NODE_ENV === 'production') {
    // admins only (DocsController): no public explorer in production
    app.get(OpenApiDocument).build = () => SwaggerModule.createDocument(app, config);
  } else {
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'api/docs/openapi.json' });
  }
  return app;
}

/**
 * Scripts and styles only from our own origin, never inline (the Vite build emits files only), so an
 * injected `<script>` or `onclick=` does not run. Fonts are the bundled Noto Sans JP (Vite may inline
 * a small subset as a data: URL). Sockets and fetches go to our own origin only. Images may be blob:
 * URLs: provider photos are fetched with the bearer token and shown from a Blob (an <img src> to the
 * API could not authenticate).
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'manifest-src': ["'self'"],
};

import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ENV, type ResolvedEnv } from './config/env';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { Clock, SystemClock } from './common/time/clock';
import { appDataSourceOptions } from './database/data-source-options';
import { AlertsModule } from './alerts/alerts.module';
import { OncallModule } from './oncall/oncall.module';
import { PushModule } from './push/push.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BulkModule } from './bulk/bulk.module';
import { EmergencyRequestsModule } from './emergency-requests/emergency-requests.module';
import { GeographyModule } from './geography/geography.module';
import { HealthController } from './health/health.controller';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { AdminDocsModule } from './docs/docs.controller';
import { EventsModule } from './events/events.module';
import { MetricsModule } from './metrics/metrics.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { loggerStream, quietFrameworkLogs } from './common/logging/log-format';
import { OrganisationsModule } from './organisations/organisations.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SessionsModule } from './sessions/sessions.module';
import { UnitsModule } from './units/units.module';
import { UsersModule } from './users/users.module';
import { VacanciesModule } from './vacancies/vacancies.module';
import { ProfilesModule } from './profiles/profiles.module';
import { TrialStaysModule } from './trial-stays/trial-stays.module';
import { WaitingListModule } from './waiting-list/waiting-list.module';
import { RegionWindowsModule } from './region-windows/region-windows.module';
import { ReportsModule } from './reports/reports.module';
import { LedgerModule } from './ledger/ledger.module';
import { FeedsModule } from './feeds/feeds.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** What a caller may replace besides the environment (tests: a clock at 01:30). */
export interface AppOptions {
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(env: ResolvedEnv, options: AppOptions = {}): DynamicModule {
    const webDist = env.WEB_DIST_DIR ? resolve(env.WEB_DIST_DIR) : '';
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [{
            level: env.LOG_LEVEL,
            ...((env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json')) === 'pretty' ? { hooks: { logMethod: quietFrameworkLogs } } : {}),
            // one id per request, taken from a trusted proxy's header when present, echoed back
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
          }, loggerStream(env)],
        }),
        TypeOrmModule.forRoot(appDataSourceOptions(env.DATABASE_URL, env)),
        ...(webDist && existsSync(webDist) ? [ServeStaticModule.forRoot({ rootPath: webDist, exclude: ['/api/{*path}', '/socket.io/{*path}'] })] : []),
        LifecycleModule,
        SessionsModule,
        AuditModule,
        MetricsModule,
        IdempotencyModule,
        AuthModule,
        GeographyModule,
        OrganisationsModule,
        UsersModule,
        RealtimeModule,
        EventsModule,
        // before UnitsModule: routes register in module order, and `units/export.csv` must not reach `units/:id`
        BulkModule,
        UnitsModule,
        VacanciesModule,
        ProfilesModule,
        EmergencyRequestsModule,
        AlertsModule,
        OncallModule,
        PushModule,
        TrialStaysModule,
        WaitingListModule,
        LedgerModule,
        FeedsModule,
        WebhooksModule,
        ...(env.NODE_ENV === 'production' ? [AdminDocsModule] : []),
        ReportsModule,
        RegionWindowsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: ENV, useValue: env },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [ENV, Clock],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { AdmissionGate } from '../common/http/admission';
import { ENV, type ResolvedEnv } from '../config/env';
import { Lifecycle } from './lifecycle.service';

@Global()
@Module({
  providers: [
    Lifecycle,
    {
      provide: AdmissionGate,
      inject: [ENV],
      useFactory: (env: ResolvedEnv) =>
        new AdmissionGate({ maxInFlight: env.HTTP_MAX_IN_FLIGHT, maxQueue: env.HTTP_MAX_QUEUE, maxQueueWaitMs: env.HTTP_MAX_QUEUE_WAIT_MS }),
    },
  ],
  exports: [Lifecycle, AdmissionGate],
})
export class LifecycleModule {}

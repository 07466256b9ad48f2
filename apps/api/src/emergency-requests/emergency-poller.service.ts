import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ENV, type ResolvedEnv } from '../config/env';
import { SerialPasses } from '../database/serial-passes';
import { Lifecycle } from '../lifecycle/lifecycle.service';
import { ExpireHoldsUseCase } from './use-cases/expire-holds.usecase';
import { WidenRequestUseCase } from './use-cases/widen-request.usecase';

/**
 * The timers of the feature live in the database (`offers.expires_at`, `emergency_requests.widens_at`),
 * so they survive restarts: every instance polls for what is due, claiming rows with SKIP LOCKED.
 * Holds are expired before widening, so a request whose last hold just lapsed widens in the same tick.
 */
@Injectable()
export class EmergencyPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EmergencyPoller');
  private timer?: NodeJS.Timeout;
  private readonly passes = new SerialPasses(
    async () => {
      await this.expire.expireDue();
      await this.widen.widenDue();
    },
    (err) => {
      if (err) this.logger.error({ err }, 'emergency poll failed');
    },
  );

  constructor(
    private readonly expire: ExpireHoldsUseCase,
    private readonly widen: WidenRequestUseCase,
    @Inject(ENV) private readonly env: ResolvedEnv,
    private readonly lifecycle: Lifecycle,
  ) {}

  onApplicationBootstrap() {
    this.lifecycle.onDrain(() => this.onModuleDestroy()); // a draining instance claims no more work
    this.timer = setInterval(() => void this.tick(), this.env.EMERGENCY_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.passes.stop();
  }

  /** Runs a pass now, or once more after the one in progress. Public so tests can drive it. */
  tick(): Promise<void> {
    return this.passes.wake();
  }
}

import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@akiwa/contracts';
import { Public } from '../common/auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { Lifecycle } from '../lifecycle/lifecycle.service';
import { RedisLink } from '../realtime/redis-link';
import { OutboxRelay } from '../events/outbox-relay.service';
import { HttpTexts } from '../common/errors/texts';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lifecycle: Lifecycle,
    private readonly redis: RedisLink,
    private readonly relay: OutboxRelay,
  ) {}

  /** The process is up. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * The process can serve. Not ready only when the database is unreachable or the instance is
   * draining; Redis and the event relay are reported but degrade, never stop, the service.
   */
  @Get('ready')
  @HttpCode(200)
  async ready() {
    const database = await this.db.query('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const parts = { database, redis: this.redis.state, relay: this.relay.state };
    if (this.lifecycle.draining) {
      throw new AppException(ErrorCode.ServiceUnavailable, HttpTexts.draining, [], { ...parts, state: 'draining' });
    }
    if (database === 'down') {
      throw new AppException(ErrorCode.ServiceUnavailable, HttpTexts.healthDatabaseUnavailable, [], { ...parts, state: 'unavailable' });
    }
    return { status: 'ok', ...parts };
  }
}

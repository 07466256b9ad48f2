import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@akiwa/contracts';
import { Public } from '../common/auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The process is up. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** The process can serve: the database answers. */
  @Get('ready')
  @HttpCode(200)
  async ready() {
    try {
      await this.db.query('SELECT 1');
      return { status: 'ok', database: 'up' };
    } catch {
      throw Object.assign(new AppException(ErrorCode.Internal, { ja: 'データベースに接続できません', en: 'Database unavailable' }), { status: 503 });
    }
  }
}

import { Global, Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';
import { RedisLink } from './redis-link';

@Global()
@Module({ providers: [RealtimeGateway, RealtimeService, RedisLink], exports: [RealtimeService, RedisLink] })
export class RealtimeModule {}

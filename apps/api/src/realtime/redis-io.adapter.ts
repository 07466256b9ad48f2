import type { INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import type { ServerOptions } from 'socket.io';
import { LeanIoAdapter } from './lean-io.adapter';
import type { RedisLink } from './redis-link';

/**
 * With several API instances, rooms span all of them through Redis pub/sub. The connections belong
 * to RedisLink, which keeps every failure of Redis away from the process (see there).
 */
export class RedisIoAdapter extends LeanIoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly link: RedisLink,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, options);
    if (this.link.pub && this.link.sub) server.adapter(createAdapter(this.link.pub, this.link.sub, { requestsTimeout: 2000 }));
    return server;
  }
}

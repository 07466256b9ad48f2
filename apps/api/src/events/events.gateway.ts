import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { ApiErrorBody, ReplayResult } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';
import { toErrorBody } from '../common/errors/all-exceptions.filter';
import type { AkiwaSocket } from '../realtime/realtime.types';
import { SocketReplay } from './socket-replay.service';
import { HttpTexts } from '../common/errors/texts';

type AckResult<T> = { ok: true; data?: T } | { ok: false; error: ApiErrorBody };

/** `events:replay`: what a reconnecting client missed, from the outbox, for the rooms it is in now. */
@WebSocketGateway({ transports: ['websocket'], cors: { origin: true } })
export class EventsGateway {
  constructor(private readonly replays: SocketReplay) {}

  @SubscribeMessage('events:replay')
  async replay(@ConnectedSocket() socket: AkiwaSocket, @MessageBody() body: unknown): Promise<AckResult<ReplayResult>> {
    const after = (body as { after?: unknown } | null)?.after;
    if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0) {
      return { ok: false, error: toErrorBody(AppException.invalidField('after', 'invalid', HttpTexts.eventsAfterInvalid)) };
    }
    try {
      return { ok: true, data: await this.replays.request(socket, after) };
    } catch (e) {
      return { ok: false, error: toErrorBody(e) };
    }
  }
}

import type { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { coalesceWrites } from './coalesced-writes';

/**
 * Nest's IoAdapter binds every @SubscribeMessage handler of every gateway to every socket as a
 * long-lived RxJS pipeline (fromEvent → mergeMap → takeUntil(disconnect)): about 20 subscribers
 * and 130 closures per socket, most of what an idle socket costs beyond socket.io itself (heap
 * snapshots: bench/lib/heap-diff.js). Here each handler is one plain listener, and RxJS is used only
 * while a message is being answered. Answers are the same: `{ event, data }` is emitted, anything
 * else non-null goes to the acknowledgement, errors are logged and the socket keeps listening.
 */
export class LeanIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    coalesceWrites(server);
    return server;
  }

  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        // as rxjs fromEvent delivers them: one argument as is, several as an array
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        let answer: Observable<unknown>;
        try {
          answer = transform(callback(data, ack));
        } catch (error) {
          this.logger.error(error);
          return;
        }
        answer.subscribe({
          next: (response) => {
            if (response === null || response === undefined) return;
            const emitted = response as { event?: string; data?: unknown };
            if (emitted.event) socket.emit(emitted.event, emitted.data);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error: unknown) => this.logger.error(error),
        });
      });
    }
  }
}

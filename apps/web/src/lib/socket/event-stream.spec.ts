import { QueryClient } from '@tanstack/react-query';
import type { ReplayResult } from '@akiwa/contracts';
import { EventStream, type ReplaySocket } from './event-stream';

function fakeSocket(answer: () => Promise<{ ok: boolean; data?: ReplayResult }>) {
  const calls: string[] = [];
  const socket: ReplaySocket = {
    timeout: () => ({
      emitWithAck: (event, request) => {
        calls.push(`${event} after ${request.after}`);
        return answer();
      },
    }),
  };
  return { socket, calls };
}

function setup() {
  const queryClient = new QueryClient();
  const invalidate = jest.spyOn(queryClient, 'invalidateQueries');
  return { stream: new EventStream(queryClient), invalidate };
}

describe('event stream catch-up after a reconnection', () => {
  it('resubscribes, then replays from the last event id seen, and refetches nothing', async () => {
    const { stream, invalidate } = setup();
    const { socket, calls } = fakeSocket(async () => ({ ok: true, data: { lastEventId: 57, replayed: 3, reset: false } }));
    await stream.ready(socket, 40, false);
    expect(stream.auth()).toEqual({ lastEventId: 40 });
    stream.seen({ eventId: 41 });
    stream.seen({ eventId: 39 }); // never backwards
    stream.seen({ unrelated: true });
    expect(stream.auth()).toEqual({ lastEventId: 41 });
    stream.onResubscribe(async () => void calls.push('vacancies:subscribe'));
    await stream.ready(socket, 999, true);
    expect(calls).toEqual(['vacancies:subscribe', 'events:replay after 41']);
    expect(invalidate).not.toHaveBeenCalled();
    expect(stream.lastEventId).toBe(57);
  });

  it('refetches everything when the gap is beyond retention or the replay fails', async () => {
    for (const answer of [
      async () => ({ ok: true, data: { lastEventId: 90, replayed: 0, reset: true } }),
      async () => ({ ok: false }),
      async () => Promise.reject(new Error('operation has timed out')),
    ]) {
      const { stream, invalidate } = setup();
      stream.seen({ eventId: 5 });
      await stream.ready(fakeSocket(answer).socket, 0, true);
      expect(invalidate).toHaveBeenCalledTimes(1);
    }
  });

  it('refetches everything on a reconnection when no event id is known yet', async () => {
    const { stream, invalidate } = setup();
    const { socket, calls } = fakeSocket(async () => ({ ok: true }));
    await stream.ready(socket, 0, true);
    expect(calls).toEqual([]);
    expect(invalidate).toHaveBeenCalledTimes(1);
  });

  it('marks an event at or below the last id seen as stale, so its handlers skip it', () => {
    const { stream } = setup();
    const [e41, again41, e40, e42, transient] = [{ eventId: 41 }, { eventId: 41 }, { eventId: 40 }, { eventId: 42 }, { at: 'now' }];
    for (const payload of [e41, again41, e40, e42, transient]) stream.seen(payload); // socket.onAny, before the handlers
    expect([e41, again41, e40, e42, transient].map(stream.isStale)).toEqual([false, true, true, false, false]);
    expect(stream.isStale(undefined)).toBe(false);
    expect(stream.lastEventId).toBe(42);
  });
});

import type { ClientToServerEvents, ServerToClientEvents, SessionEndReason } from '@akiwa/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { EventStream } from './event-stream';

export type AkiwaSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** connecting: first handshake under way; connected: server sent session:ready; offline: no live link. */
export type ConnectionState = 'connecting' | 'connected' | 'offline';

export interface SocketAuth {
  /** One socket per session: a new key (another user) means a new socket. */
  sessionKey: string;
  getToken(): string | null;
  /** Refreshes the access token; resolves false when that failed. */
  refresh(): Promise<boolean>;
  /** Called when the server refused us and the token could not be refreshed (maybe just offline). */
  onAuthFailure(): void;
  /** The server ended the session (logout elsewhere, deactivation, theft detection). */
  onSessionEnded(reason: SessionEndReason): void;
  /** Calls back with every new access token, so the open socket can re-authenticate before its token expires. */
  subscribeToken(listener: (token: string) => void): () => void;
}

export interface SocketContextValue {
  socket: AkiwaSocket | null;
  state: ConnectionState;
  /**
   * Registers what must be joined again after a reconnection before the missed events are replayed
   * (e.g. a board's area): resolves once the server acknowledged it. Returns the unregister function.
   */
  onResubscribe?: (resubscribe: () => Promise<void>) => () => void;
  /** Whether a received event's id was at or below the last one seen (its handlers skip it; see EventStream). */
  isStale?: (payload: unknown) => boolean;
}

export const SocketContext = createContext<SocketContextValue>({ socket: null, state: 'offline' });

const MAX_BACKOFF_MS = 30_000;

/**
 * Owns the session's one authenticated socket. socket.io retries transport failures by itself;
 * a refusal by the server (bad or expired token: connect_error with socket.active === false, or a
 * server-side disconnect) is ours to handle: refresh the token, then reconnect with backoff.
 *
 * Missed events: the socket keeps the id of the last durable event it saw and reconnects with it
 * (`auth.lastEventId`, which holds live events back server-side); once the registered subscriptions
 * are back it asks `events:replay`, whose events arrive through the ordinary handlers and patch the
 * caches. Only when the gap is beyond the server's retention (`reset`) or the replay fails is every
 * query refetched. `server:draining` (a deploy) reconnects at once, to another instance.
 */
export function useAuthenticatedSocket(auth: SocketAuth): SocketContextValue {
  const queryClient = useQueryClient();
  const authRef = useRef(auth);
  authRef.current = auth;
  const [value, setValue] = useState<SocketContextValue>({ socket: null, state: 'connecting' });

  useEffect(() => {
    const stream = new EventStream(queryClient);
    const { onResubscribe, isStale } = stream;
    const socket: AkiwaSocket = io({
      path: '/socket.io',
      transports: ['websocket'],
      // A function, so that every (re)connection sends the current access token and where the stream stands for us.
      auth: (cb) => cb({ token: authRef.current.getToken(), ...stream.auth() }),
      autoConnect: false,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: MAX_BACKOFF_MS,
    });
    let disposed = false;
    let readyBefore = false;
    let refusals = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const setState = (state: ConnectionState) => !disposed && setValue({ socket, state, onResubscribe, isStale });

    socket.onAny((_event: string, payload?: unknown) => stream.seen(payload));

    /** After a refusal: wait (backoff), refresh the token if it was the cause, connect again. */
    const reconnectLater = (refreshFirst: boolean) => {
      clearTimeout(retryTimer);
      const delay = refusals === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (refusals - 1));
      refusals += 1;
      retryTimer = setTimeout(async () => {
        if (!refreshFirst) {
          if (!disposed) socket.connect();
          return;
        }
        const ok = await authRef.current.refresh();
        if (disposed) return;
        if (ok) {
          socket.connect();
        } else {
          // Signs out when the refresh token was refused (unmounting this socket); otherwise the
          // server was unreachable, so keep trying with backoff.
          authRef.current.onAuthFailure();
          if (!disposed) reconnectLater(true);
        }
      }, delay);
    };

    socket.on('session:ready', (ready) => {
      refusals = 0;
      setState('connected');
      void stream.ready(socket, ready.lastEventId ?? 0, readyBefore);
      readyBefore = true;
    });
    // a deploy: this instance is going away, reconnect (to another one) now rather than after a backoff
    socket.on('server:draining', () => {
      socket.disconnect();
      socket.connect();
    });
    socket.on('session:ended', ({ reason }) => {
      // token_expired: the socket outlived its access token (a refresh was missed): reconnect with a fresh one
      if (reason !== 'token_expired') authRef.current.onSessionEnded(reason);
    });
    // After every refresh the live socket presents the new token; without it the server closes the socket at expiry.
    const unsubscribeToken = authRef.current.subscribeToken((token) => {
      if (socket.connected) socket.emit('session:reauthenticate', token, () => undefined);
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      setState(readyBefore ? 'offline' : 'connecting');
      // socket.active: a transport failure that socket.io retries by itself. Otherwise the server
      // refused us in its handshake middleware: a bad token ('unauthenticated') needs a refresh.
      if (!socket.active) reconnectLater(error.data?.code === 'unauthenticated');
    });
    socket.on('disconnect', (reason) => {
      setState('offline');
      if (reason === 'io server disconnect') reconnectLater(true);
    });

    const onOnline = () => {
      if (!socket.connected && !socket.active) socket.connect();
    };
    window.addEventListener('online', onOnline);

    setValue({ socket, state: 'connecting', onResubscribe, isStale });
    socket.connect();

    return () => {
      disposed = true;
      unsubscribeToken();
      clearTimeout(retryTimer);
      window.removeEventListener('online', onOnline);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [auth.sessionKey, queryClient]);

  return value;
}

export function useSocket(): SocketContextValue {
  return useContext(SocketContext);
}

/** Subscribes a component to one server event for as long as it is mounted. */
export function useSocketEvent<E extends keyof ServerToClientEvents>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const { socket, isStale } = useSocket();
  const handlerRef = useRef(handler);
  handlerRef.current = handler;

  useEffect(() => {
    if (!socket) return;
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (isStale?.(args[0])) return;
      (handlerRef.current as (...a: Parameters<ServerToClientEvents[E]>) => void)(...args);
    };
    // socket.io's overloads cannot follow a generic event name: the map keeps the pair in step.
    const untyped = socket as unknown as Socket;
    untyped.on(event as string, listener as (...args: unknown[]) => void);
    return () => {
      untyped.off(event as string, listener as (...args: unknown[]) => void);
    };
  }, [socket, isStale, event]);
}

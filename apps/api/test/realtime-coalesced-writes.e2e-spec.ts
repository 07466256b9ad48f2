import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { coalesceWrites, inOneWrite } from '../src/realtime/coalesced-writes';

/**
 * The frames one connection sends within one tick leave in one write (coalesceWrites): a burst of
 * emits — a replay — is a couple of writes on the TCP socket instead of one per event, and arrives
 * complete and in order.
 */
describe('realtime: coalesced writes', () => {
  let http: HttpServer;
  let io: Server;
  let client: ClientSocket;
  let server: Socket;

  beforeAll(async () => {
    http = createServer();
    io = new Server(http, { transports: ['websocket'] });
    coalesceWrites(io);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const connected = new Promise<Socket>((r) => io.once('connection', r));
    client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    server = await connected;
    await new Promise<void>((r) => (client.connected ? r() : client.once('connect', () => r())));
  });
  afterAll(async () => {
    client?.disconnect();
    await new Promise((r) => io.close(r));
  });

  /** Writes handed to the TCP socket (a corked batch is one `_writev`) while `burst` runs and its events arrive. */
  const writesDuring = async (count: number, burst: () => void) => {
    const raw = server.conn.request.socket as NetSocket & { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
    const [write, writev] = [raw._write, raw._writev];
    let writes = 0;
    raw._write = (...a) => (writes++, write.apply(raw, a));
    raw._writev = (...a) => (writes++, writev.apply(raw, a));
    const got: number[] = [];
    const done = new Promise<void>((r) => client.on('tick', (n: number) => got.push(n) === count && r()));
    try {
      burst();
      await done;
    } finally {
      raw._write = write;
      raw._writev = writev;
      client.off('tick');
    }
    return { writes, got };
  };

  it('sends a burst of 500 events in a few writes, every event once and in order', async () => {
    const { writes, got } = await writesDuring(500, () => {
      for (let i = 0; i < 500; i++) server.emit('tick', i);
    });
    expect(got).toEqual(Array.from({ length: 500 }, (_, i) => i));
    // the first frame, then the rest that engine.io buffered meanwhile (one write each); without coalescing, 500
    expect(writes).toBeLessThanOrEqual(3);
  });

  it('sends what is emitted inside inOneWrite in one write, every event once and in order', async () => {
    const { writes, got } = await writesDuring(50, () => {
      inOneWrite(() => {
        for (let i = 0; i < 50; i++) server.emit('tick', i);
      });
    });
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // without the batch: the first frame at once, the other 49 after its write (2)
    expect(writes).toBe(1);
  });

  it('writes a batch before a close within it: the frames arrive, then the disconnection', async () => {
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const connected = new Promise<Socket>((r) => io.once('connection', r));
    const other = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    const peer = await connected;
    await new Promise<void>((r) => (other.connected ? r() : other.once('connect', () => r())));
    const got: number[] = [];
    other.on('tick', (n: number) => got.push(n));
    const closed = new Promise<void>((r) => other.once('disconnect', () => r()));
    inOneWrite(() => {
      for (let i = 0; i < 3; i++) peer.emit('tick', i);
      peer.conn.close();
    });
    await closed;
    expect(got).toEqual([0, 1, 2]);
  });

  it('keeps sending afterwards: events of later ticks still arrive', async () => {
    const { got } = await writesDuring(3, () => {
      server.emit('tick', 1);
      setTimeout(() => server.emit('tick', 2), 5);
      setTimeout(() => server.emit('tick', 3), 10);
    });
    expect(got).toEqual([1, 2, 3]);
  });
});

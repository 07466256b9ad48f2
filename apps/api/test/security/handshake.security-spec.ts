import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { startServerProcess } from '../support/server-process';
import { DEMO } from '../support/test-app';

type Server = Awaited<ReturnType<typeof startServerProcess>>;

/**
 * One raw engine.io/socket.io handshake: opens the WebSocket with these headers, sends the CONNECT
 * packet as given, and resolves when the server answers or closes (never rejects).
 */
function rawHandshake(url: string, headers: Record<string, string>, connectPacket: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers, maxPayload: 1 << 20 });
    const done = (how: string) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(how);
    };
    const timer = setTimeout(() => done('timeout'), 5000);
    ws.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('0')) ws.send(connectPacket); // engine.io open → our CONNECT
      else if (text.startsWith('44') || text.startsWith('40')) done(text.slice(0, 2));
    });
    ws.on('error', () => done('error'));
    ws.on('close', () => done('close'));
  });
}

async function stillServing(server: Server) {
  expect(server.child.exitCode).toBeNull();
  expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200);
  const r = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.coordinator, password: 'akiwa-demo-2026' }),
  });
  expect(r.status).toBe(200);
  const { accessToken } = (await r.json()) as { accessToken: string };
  const socket = io(server.url, { transports: ['websocket'], auth: { token: accessToken }, reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('connect_error', reject);
    });
  } finally {
    socket.disconnect();
  }
}

describe('security: a handshake cannot stop the server', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server.close());

  it('refuses an unauthenticated handshake with Origin: null and keeps serving', async () => {
    expect(await rawHandshake(server.url, { origin: 'null' }, '40')).toBe('44');
    await stillServing(server);
  });

  it('survives a burst of malformed handshakes: bad auth types, garbage, huge tokens, bad origins', async () => {
    const huge = 'x'.repeat(900_000);
    const cases: Array<[Record<string, string>, string | Buffer]> = [
      [{ origin: 'null' }, '40{"token":"abc"}'],
      [{ origin: 'http://[::1' }, '40'],
      [{ origin: '://' }, '40{"token":1}'],
      [{ origin: 'file://' }, '40'],
      [{ origin: 'http://evil.example' }, '40{"token":null}'],
      [{}, '40{"token":{"$gt":""}}'],
      [{}, '40{"token":["a","b"]}'],
      [{}, '40[1,2,3]'],
      [{}, '40null'],
      [{}, '40"just a string"'],
      [{}, '40{"token":'],
      [{}, `40{"token":"${huge}"}`],
      [{}, '40{"token":"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."}'],
      [{}, '4\u0000\uffff'],
      [{}, 'garbage'],
      [{}, Buffer.from([0xff, 0x00, 0x13, 0x37])],
      [{ authorization: 'Bearer ' + 'A'.repeat(8000) }, '40'],
      [{ cookie: ';;==; a=%00; akiwa_refresh="'.repeat(200) }, '40'],
      [{ 'x-forwarded-for': 'not-an-ip, ::ffff:999.1.1.1' }, '40'],
    ];
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => cases.map(([headers, packet]) => rawHandshake(server.url, headers, packet))).flat(),
    );
    // nobody got in (40 would be an accepted CONNECT)
    expect(answers).not.toContain('40');
    await stillServing(server);
    expect(server.output()).not.toMatch(/unhandled|TypeError: Invalid URL/i);
  });
});

import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io-client';
import { DEMO, nextEvent, startTestApp, type TestApp } from '../support/test-app';

/** A socket that has received session:ready, and a promise of how (and how soon after `since()`) it ends. */
async function liveSocket(t: TestApp, token: string) {
  const socket = t.socket(token);
  await nextEvent(socket, 'session:ready');
  let endedWith: string | undefined;
  socket.on('session:ended', ({ reason }: { reason: string }) => (endedWith = reason));
  let mark = 0;
  const disconnected = new Promise<{ reason: string; endedWith: string | undefined; afterMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket was not disconnected within 10 s')), 10000);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve({ reason, endedWith, afterMs: Date.now() - mark });
    });
  });
  return {
    socket,
    /** Starts the clock: afterMs counts from here. */
    mark: () => (mark = Date.now()),
    disconnected,
  };
}

/** The handshake is refused for this token. */
async function refusedHandshake(t: TestApp, token: string) {
  const socket = t.socket(token);
  const outcome = await Promise.race([
    nextEvent<{ data?: { code?: string } }>(socket, 'connect_error').then((e) => `refused:${e.data?.code}`),
    nextEvent(socket, 'session:ready').then(() => 'ready'),
  ]);
  socket.disconnect();
  return outcome;
}

function ping(socket: Socket): Promise<unknown> {
  return socket.timeout(2000).emitWithAck('ping');
}

describe('security: sessions that really end', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logout ends HTTP access and disconnects the session\'s sockets within 1 s, with a reason', async () => {
    const s = await t.loginSession(DEMO.coordinator);
    const other = await t.loginSession(DEMO.coordinator); // another login of the same user: untouched
    const live = await liveSocket(t, s.accessToken);
    const bystander = await liveSocket(t, other.accessToken);
    live.mark();
    expect((await t.withCookie('/api/auth/logout', s.cookie)).status).toBe(204);
    const end = await live.disconnected;
    expect(end).toMatchObject({ reason: 'io server disconnect', endedWith: 'logged_out' });
    expect(end.afterMs).toBeLessThan(1000);
    expect((await t.request('GET', '/api/auth/me', { token: s.accessToken })).status).toBe(401);
    expect(await refusedHandshake(t, s.accessToken)).toBe('refused:unauthenticated');
    expect(bystander.socket.connected).toBe(true);
    await expect(ping(bystander.socket)).resolves.toBeDefined();
    expect((await t.request('GET', '/api/auth/me', { token: other.accessToken })).status).toBe(200);
  });

  it('deactivation ends every session of the user within 1 s: sockets, HTTP and new handshakes', async () => {
    const admin = await t.login(DEMO.admin);
    const victim = await t.loginSession(DEMO.otherProviderStaff);
    const live = await liveSocket(t, victim.accessToken);
    live.mark();
    const off = await t.request('PATCH', `/api/admin/users/${victim.user.id}`, { token: admin.accessToken, body: { active: false } });
    expect(off.status).toBe(200);
    const end = await live.disconnected;
    expect(end).toMatchObject({ reason: 'io server disconnect', endedWith: 'deactivated' });
    expect(end.afterMs).toBeLessThan(1000);
    // the deactivated provider can no longer read anything, not even with a still-unexpired token
    expect((await t.request('GET', '/api/auth/me', { token: victim.accessToken })).status).toBe(401);
    expect(await refusedHandshake(t, victim.accessToken)).toBe('refused:unauthenticated');
    expect((await t.withCookie('/api/auth/refresh', victim.cookie)).status).toBe(401);
    const audit = await t.db.query(`SELECT detail FROM audit_log WHERE action = 'session.revoke' AND actor_user_id = $1`, [admin.user.id]);
    expect(audit.map((r: { detail: { reason: string } }) => r.detail.reason)).toContain('deactivated');
  });

  it('reuse of a spent refresh token revokes the whole family: its newer tokens, access tokens and sockets', async () => {
    const first = await t.loginSession(DEMO.providerStaff);
    const rotated = await t.withCookie('/api/auth/refresh', first.cookie);
    expect(rotated.status).toBe(200);
    const live = await liveSocket(t, rotated.body.accessToken);
    live.mark();
    // a thief replays the spent first token
    expect((await t.withCookie('/api/auth/refresh', first.cookie)).status).toBe(401);
    const end = await live.disconnected;
    expect(end).toMatchObject({ endedWith: 'refresh_reuse' });
    expect(end.afterMs).toBeLessThan(1000);
    expect((await t.withCookie('/api/auth/refresh', rotated.cookie!)).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: rotated.body.accessToken })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: first.accessToken })).status).toBe(401);
  });

  it('a session ends at its absolute lifetime, whatever the refreshes', async () => {
    const s = await t.loginSession(DEMO.officer);
    const [{ sid }] = [JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString())];
    const [{ expires_at }] = await t.db.query(`SELECT expires_at FROM sessions WHERE id = $1`, [sid]);
    const hours = (new Date(expires_at).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const [{ expires_at: refreshExpiry }] = await t.db.query(`SELECT max(expires_at) AS expires_at FROM refresh_tokens WHERE session_id = $1`, [sid]);
    expect(new Date(refreshExpiry).getTime()).toBeLessThanOrEqual(new Date(expires_at).getTime());
    // the working day is over
    await t.db.query(`UPDATE sessions SET expires_at = now() WHERE id = $1`, [sid]);
    expect((await t.withCookie('/api/auth/refresh', s.cookie)).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: s.accessToken })).status).toBe(401);
  });
});

describe('security: a socket lives no longer than its access token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '2' });
  });
  afterAll(() => t.close());

  it('disconnects at token expiry unless the client re-authenticates over the socket', async () => {
    const s = await t.loginSession(DEMO.coordinator);
    const exp = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString()).exp * 1000;
    const [plain, renewed] = await Promise.all([liveSocket(t, s.accessToken), liveSocket(t, s.accessToken)]);
    // what a refresh hands out a moment later (signed here: token times have whole-second resolution)
    const { iat: _i, exp: _e, jti: _j, ...claims } = JSON.parse(Buffer.from(s.accessToken.split('.')[1], 'base64url').toString());
    const fresh = t.app.get(JwtService).sign({ ...claims, exp: exp / 1000 + 2 }, { algorithm: 'HS256', jwtid: 'fresh' });
    const ack = await renewed.socket.timeout(2000).emitWithAck('session:reauthenticate', fresh);
    expect(ack).toMatchObject({ ok: true });
    // a token of another session is refused, and changes nothing
    const stranger = await t.login(DEMO.admin);
    expect(await renewed.socket.timeout(2000).emitWithAck('session:reauthenticate', stranger.accessToken)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    const end = await plain.disconnected;
    expect(end).toMatchObject({ reason: 'io server disconnect', endedWith: 'token_expired' });
    const lateMs = Date.now() - exp;
    expect(lateMs).toBeGreaterThan(-50);
    expect(lateMs).toBeLessThan(1000);
    // the re-authenticated socket outlives the first token
    expect(renewed.socket.connected).toBe(true);
    await expect(ping(renewed.socket)).resolves.toBeDefined();
    const second = await renewed.disconnected;
    expect(second.endedWith).toBe('token_expired');
  });
});

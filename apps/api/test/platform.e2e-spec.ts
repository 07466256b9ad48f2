import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';

describe('platform: health, OpenAPI, socket.io handshake', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness (readiness checks the database)', async () => {
    expect((await t.request('GET', '/api/health/live')).body).toEqual({ status: 'ok' });
    expect((await t.request('GET', '/api/health/ready')).body).toEqual({ status: 'ok', database: 'up', redis: 'disabled', relay: 'up' });
  });

  it('serves an OpenAPI document generated from the code', async () => {
    const r = await t.request('GET', '/api/docs/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/admin/users', '/api/geography']));
    expect(r.body.components.schemas.LoginDto.required).toEqual(['email', 'password']);
  });

  it('accepts a socket with a valid access token and puts it in its rooms', async () => {
    const { accessToken, user } = await t.login(DEMO.coordinator);
    const s = t.socket(accessToken);
    const ready = await nextEvent<{ userId: string; organisationId: string }>(s, 'session:ready');
    expect(ready).toMatchObject({ userId: user.id, organisationId: user.organisation.id });
    const pong = await s.timeout(2000).emitWithAck('ping');
    expect(pong.at).toEqual(expect.any(String));
  });

  it('refuses an unauthenticated socket, a forged token and a foreign origin', async () => {
    const none = t.socket(undefined);
    const err = await nextEvent<Error & { data?: { code: string } }>(none, 'connect_error');
    expect(err.message).toBe('unauthenticated');
    expect(none.connected).toBe(false);

    const forged = t.socket('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect((await nextEvent<Error>(forged, 'connect_error')).message).toBe('unauthenticated');

    const { accessToken } = await t.login(DEMO.coordinator);
    const foreign = t.socket(accessToken, { origin: 'https://evil.example' });
    expect((await nextEvent<Error>(foreign, 'connect_error')).message).toBe('origin not allowed');
  });
});

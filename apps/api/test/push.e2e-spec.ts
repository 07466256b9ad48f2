import type { PushDevice } from '@akiwa/contracts';
import { postRequest } from './support/emergency';
import { startPushService } from './support/push-service';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

const PERSON = { name: '宇城 花子', phone: '090-1234-5678' };

/**
 * Web Push against a local stand-in push service: a new emergency request reaches every subscribed
 * device of the matched provider, signed with VAPID, TTL and Urgency high, the payload (decrypted with
 * the device's keys) de-identified; a 410 Gone removes that subscription; devices are listed and revoked.
 */
describe('Web Push', () => {
  let t: TestApp;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let coordinator: string;
  let staff: string;
  let other: string;

  beforeAll(async () => {
    [t, push] = await Promise.all([startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' }), startPushService()]);
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    other = (await t.login(DEMO.otherProviderStaff)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await push.close();
  });

  const subscribe = (token: string, device: ReturnType<typeof push.device>, label: string) =>
    t.request<PushDevice>('POST', '/api/push/subscriptions', { token, body: { ...device.subscription, label } });

  it('sends a signed, encrypted, urgent, de-identified push to each device of the matched provider, and drops a gone one', async () => {
    const { publicKey } = (await t.request('GET', '/api/push/key', { token: staff })).body;
    const phone = push.device('phone');
    const tablet = push.device('tablet');
    const oldPhone = push.device('old-phone');
    const elsewhere = push.device('elsewhere'); // GH みすみ: not matched
    for (const [d, label] of [[phone, '夜勤用スマホ'], [tablet, '事務所タブレット'], [oldPhone, '古いスマホ']] as const) expect((await subscribe(staff, d, label)).status).toBe(201);
    expect((await subscribe(other, elsewhere, 'みすみ')).status).toBe(201);
    push.markGone('old-phone');

    const request = await postRequest(t, coordinator, { needs: { supportLevel: 5 }, nights: 3, person: PERSON });
    const [toPhone, toTablet] = await Promise.all([push.next((p) => p.device === 'phone'), push.next((p) => p.device === 'tablet')]);

    for (const p of [toPhone, toTablet]) {
      expect(p.headers['content-encoding']).toBe('aes128gcm');
      expect(p.headers.urgency).toBe('high');
      expect(Number(p.headers.ttl)).toBeGreaterThanOrEqual(3600);
      expect(p.vapid.publicKey).toBe(publicKey);
      expect(p.vapid.aud).toBe(push.base);
      expect(p.vapid.sub).toBe('mailto:admin@akiwa.example');
      expect(p.vapid.exp * 1000).toBeGreaterThan(Date.now());
      expect(p.payload.body).toMatch(/^宇城市で緊急受入依頼：知的・区分5・.+から3泊$/);
      expect(p.payload.url).toBe(`/provider/requests#request-${request.id}`);
      expect(p.payload.urgent).toBe(true);
      const text = JSON.stringify(p.payload);
      expect(text).not.toContain(PERSON.name);
      expect(text).not.toContain(PERSON.phone);
      expect(text).not.toContain('救急搬送');
    }

    // 410 Gone: the old phone's subscription is removed; the others stay
    await waitFor(async () => (await t.request<PushDevice[]>('GET', '/api/push/subscriptions', { token: staff })).body.length === 2);
    const devices = (await t.request<PushDevice[]>('GET', '/api/push/subscriptions', { token: staff })).body;
    expect(devices.map((d) => d.label).sort()).toEqual(['事務所タブレット', '夜勤用スマホ']);
    expect(push.refusals).toEqual(['old-phone']);
    // the provider that was not matched heard nothing
    expect(push.received.filter((p) => p.device === 'elsewhere')).toEqual([]);
  });

  it('lists a user’s devices and revokes one; another user cannot revoke it', async () => {
    const devices = (await t.request<PushDevice[]>('GET', '/api/push/subscriptions', { token: staff })).body;
    const tablet = devices.find((d) => d.label === '事務所タブレット')!;
    expect((await t.request('DELETE', `/api/push/subscriptions/${tablet.id}`, { token: other })).status).toBe(404);
    expect((await t.request('DELETE', `/api/push/subscriptions/${tablet.id}`, { token: staff })).status).toBe(204);
    expect((await t.request<PushDevice[]>('GET', '/api/push/subscriptions', { token: staff })).body.map((d) => d.label)).toEqual(['夜勤用スマホ']);
    const bad = await t.request('POST', '/api/push/subscriptions', { token: staff, body: { endpoint: 'not a url', keys: { p256dh: 'x', auth: 'y' }, label: '' } });
    expect(bad.status).toBe(400);
  });
});

async function waitFor(probe: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

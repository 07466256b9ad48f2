import type { InboxItem, PushDevice, RequestReceipt, TrialStayView } from '@akiwa/contracts';
import { postRequest } from './support/emergency';
import { startPushService } from '../../../tools/push-service';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, today } from './support/units';

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
    // holds of 30 minutes warned 29.9 minutes ahead: the warning falls due at the first poll after an offer
    [t, push] = await Promise.all([
      startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent', EMERGENCY_POLL_INTERVAL_MS: '200', HOLD_EXPIRY_WARNING_MINUTES: '29.9' }),
      startPushService(),
    ]);
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

  it('tells the poster by push: an offer arrived, its hold lapses soon, the request became unplaced; the receipts name the push channel', async () => {
    const desk = push.device('coordinator-desk');
    expect((await subscribe(coordinator, desk, '当番スマホ')).status).toBe(201);
    expect((await subscribe(staff, push.device('ukisato-night'), 'うきさと夜勤')).status).toBe(201);
    const request = await postRequest(t, coordinator, { needs: { supportLevel: 5 }, nights: 2, person: PERSON });
    const item = (await t.request<InboxItem>('GET', `/api/inbox/${request.id}`, { token: staff })).body;
    const accepted = await t.request('POST', `/api/emergency-requests/${request.id}/accept`, { token: staff, body: { unitId: item.matchingUnits[0].id } });
    expect(accepted.status).toBe(201);

    const offer = await push.next((p) => p.device === 'coordinator-desk' && p.payload.title === '空き輪：受入の申し出');
    expect(offer.payload.body).toMatch(/^【受入の申し出】短期入所事業所 うきさと：宇城市で緊急受入依頼：知的・区分5・.+から2泊$/);
    expect(offer.payload.url).toBe(`/coordinator/requests/${request.id}`);
    expect(offer.headers.urgency).toBe('high');
    const lapsing = await push.next((p) => p.device === 'coordinator-desk' && p.payload.title === '空き輪：確保の期限が近い');
    expect(lapsing.payload.body).toMatch(/^【確保の期限まで(29|30)分】短期入所事業所 うきさと：宇城市で緊急受入依頼/);
    for (const p of [offer, lapsing]) expect(JSON.stringify(p.payload)).not.toContain(PERSON.name);
    // once each, although the poller ran many times meanwhile
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(push.received.filter((p) => p.device === 'coordinator-desk' && p.payload.url === `/coordinator/requests/${request.id}`)).toHaveLength(2);

    // the provider's row: notified in-app and by push (its staff's devices were pushed)
    const receipts = (await t.request<RequestReceipt[]>('GET', `/api/emergency-requests/${request.id}/receipts`, { token: coordinator })).body;
    expect(receipts.find((r) => r.organisationName === '短期入所事業所 うきさと')?.channels).toEqual(['in_app', 'push']);

    // unplaced: every provider told declines, at each scope, until widening finds nobody new
    const providers = ['ukisato-ss', 'misumi-gh', 'shiranui-en', 'uto-sakura', 'misato-gh', 'mashiki-ss', 'kumamoto-chuo-ss', 'kumamoto-higashi-gh', 'shiroi-ss', 'matsue-gh'];
    const tokens = await Promise.all(providers.map(async (key) => (await t.login(`staff@${key}.example`)).accessToken));
    const lonely = await postRequest(t, coordinator, { nights: 1 });
    let status = lonely.status;
    for (let round = 0; round < 5 && status === 'open'; round++) {
      await Promise.all(tokens.map((token) => t.request('POST', `/api/emergency-requests/${lonely.id}/decline`, { token, body: { reason: 'full' } })));
      await t.request('POST', `/api/emergency-requests/${lonely.id}/widen`, { token: coordinator }); // 409 when the poller widened it first
      status = (await t.request('GET', `/api/emergency-requests/${lonely.id}`, { token: coordinator })).body.status;
    }
    // once everyone told at the widest scope has declined, the poller (every 200 ms) closes it: wait
    // for it rather than count on a round of declines lasting long enough
    await waitFor(async () => (status = (await t.request('GET', `/api/emergency-requests/${lonely.id}`, { token: coordinator })).body.status) === 'unplaced');
    expect(status).toBe('unplaced');
    const unplaced = await push.next((p) => p.device === 'coordinator-desk' && p.payload.url === `/coordinator/requests/${lonely.id}` && p.payload.title === '空き輪：受入先なし');
    expect(unplaced.payload.body).toMatch(/^【受入先なし】宇城市で緊急受入依頼：知的・区分4・.+から1泊$/);
    expect(unplaced.headers.urgency).toBe('high');
  });

  it('tells a group home of a trial-stay request and the booking coordinator of the answer, by push, de-identified', async () => {
    const misumi = push.device('misumi-phone');
    expect((await subscribe(other, misumi, 'みすみ夜勤')).status).toBe(201);
    const room = await createUnit(t, other, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, categories: ['psychiatric'], roomGender: 'either', capacity: 1, name: '体験室 はなみずき' });
    expect((await t.request('PUT', `/api/trial-stays/units/${room.id}/offer`, { token: other, body: { houseRules: '門限20時', whatToBring: '着替え', openings: [{ from: today(), to: inDays(60) }] } })).status).toBe(200);
    const person = await t.request('POST', '/api/trial-persons', {
      token: coordinator,
      body: { displayName: '体験 太郎', ageBand: '30-49', gender: 'male', municipalityCode: '43213', categories: ['psychiatric'], supportLevel: 2, specialNeeds: [] },
    });
    expect(person.status).toBe(201);
    const stay = await t.request<TrialStayView>('POST', '/api/trial-stays', { token: coordinator, body: { unitId: room.id, personId: person.body.id, from: inDays(10), to: inDays(13) } });
    expect(stay.status).toBe(201);
    const requested = await push.next((p) => p.device === 'misumi-phone' && p.payload.title === '空き輪：体験利用の申込');
    expect(requested.payload.body).toMatch(/^【体験利用の申込】宇城圏域基幹相談支援センターから 体験室 はなみずき：\d+月\d+日から3泊$/);
    expect(requested.payload).toMatchObject({ url: '/provider/trial-stays', urgent: false });
    expect(requested.headers.urgency).toBe('normal');

    expect((await t.request('POST', `/api/trial-stays/${stay.body.id}/approve`, { token: other })).status).toBe(200);
    const decided = await push.next((p) => p.device === 'coordinator-desk' && p.payload.title === '空き輪：体験利用の回答');
    expect(decided.payload.body).toMatch(/^【体験利用 承認】グループホーム みすみ 体験室 はなみずき：\d+月\d+日から3泊$/);
    expect(decided.payload.url).toBe('/coordinator/trial-stays');
    for (const p of [requested, decided]) expect(JSON.stringify(p.payload)).not.toContain('体験 太郎');
  });

});

async function waitFor(probe: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

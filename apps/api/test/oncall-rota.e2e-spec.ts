import type { EscalationDelays, EscalationView, OnCallView, RotaView } from '@akiwa/contracts';
import { addDays, serviceNight, weekdayOf } from '@akiwa/domain';
import { EscalationPoller } from '../src/alerts/escalation-poller.service';
import { TestClock } from '../src/common/time/clock';
import { postRequest } from './support/emergency';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

const NAKAMURA = '拠点コーディネーター 中村 恵';
const MATSUMOTO = '相談支援専門員 松本 聡';

/** 当番表: a centre's weekly pattern with exceptions, and the on-call person on a provider's request card. */
describe('on-call rota', () => {
  let t: TestApp;
  const clock = new TestClock();
  let coordinator: string;
  let otherCoordinator: string;
  let provider: string;
  let otherProvider: string;
  let rota: RotaView;
  const idOf = (name: string) => rota.candidates.find((c) => c.name === name)!.userId;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    otherCoordinator = (await t.login(DEMO.otherCoordinator)).accessToken;
    provider = (await t.login(DEMO.providerStaff)).accessToken;
    otherProvider = (await t.login(DEMO.otherProviderStaff)).accessToken;
  });
  afterAll(() => t.close());

  const get = async (kind: string, token = coordinator, query = '') => t.request<RotaView>('GET', `/api/oncall/rotas/${kind}${query}`, { token });
  const onCall = async (requestId: string, token = provider) => t.request<{ onCall: OnCallView | null }>('GET', `/api/inbox/${requestId}/on-call`, { token });

  it('starts empty with the centre coordinators as candidates, and the region rota beside it', async () => {
    const r = await get('organisation');
    expect(r.status).toBe(200);
    rota = r.body;
    expect(rota).toMatchObject({ ownerKind: 'organisation', ownerName: '宇城圏域基幹相談支援センター', phone: '', dayStarts: '09:00', nightStarts: '17:30', pattern: [] });
    expect(rota.candidates.map((c) => c.name).sort()).toEqual([MATSUMOTO, NAKAMURA].sort());
    expect(rota.calendar.length).toBeGreaterThanOrEqual(28);
    const region = await get('region');
    expect(region.status).toBe(200);
    expect(region.body.ownerKind).toBe('region');
    expect(region.body.candidates.map((c) => c.name)).toEqual(expect.arrayContaining([NAKAMURA, MATSUMOTO]));
    expect((await get('organisation', provider)).status).toBe(403);
  });

  it('resolves the weekly pattern, holidays and exceptions in the calendar, and the holder at each hand-over', async () => {
    // days: 中村 on weekdays; nights: 松本 every night; 祝日 days: 松本
    const pattern = [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, shift: 'day', userId: idOf(NAKAMURA) })),
      ...[0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, shift: 'night', userId: idOf(MATSUMOTO) })),
      { weekday: 7, shift: 'day', userId: idOf(MATSUMOTO) },
    ];
    const put = await t.request('PUT', '/api/oncall/rotas/organisation', { token: coordinator, body: { phone: '090-1111-2222', dayStarts: '08:30', nightStarts: '17:00', pattern } });
    expect(put.status).toBe(204);

    // November 2026: the 23rd (Monday) is 勤労感謝の日
    const nov = await get('organisation', coordinator, '?from=2026-11-01&to=2026-11-30');
    const day = (date: string) => nov.body.calendar.find((d) => d.date === date)!;
    expect(day('2026-11-23')).toMatchObject({ holiday: '勤労感謝の日', day: { name: MATSUMOTO, source: 'holiday' }, night: { name: MATSUMOTO } });
    expect(day('2026-11-24')).toMatchObject({ holiday: null, day: { name: NAKAMURA, source: 'weekly' } });
    expect(day('2026-11-28').day).toMatchObject({ userId: null, source: null }); // Saturday day: nobody set

    // a swap on one date
    expect((await t.request('PUT', '/api/oncall/rotas/organisation/exceptions/2026-11-24/day', { token: coordinator, body: { userId: idOf(MATSUMOTO) } })).status).toBe(204);
    let changed = await get('organisation', coordinator, '?from=2026-11-24&to=2026-11-24');
    expect(changed.body.calendar[0].day).toMatchObject({ name: MATSUMOTO, source: 'exception' });
    expect((await t.request('PUT', '/api/oncall/rotas/organisation/exceptions/2026-11-24/day', { token: coordinator, body: { userId: null } })).status).toBe(204);
    changed = await get('organisation', coordinator, '?from=2026-11-24&to=2026-11-24');
    expect(changed.body.calendar[0].day).toMatchObject({ name: NAKAMURA, source: 'weekly' });

    // the provider's request card: who holds the phone at the moment the card is read
    const request = await postRequest(t, coordinator);
    let monday = addDays(serviceNight(clock.now(), 0), 1);
    while (weekdayOf(monday) !== 1 || monday === '2026-11-23') monday = addDays(monday, 1);
    clock.set(`${monday}T10:00:00+09:00`);
    expect((await onCall(request.id)).body.onCall).toEqual({ ownerKind: 'organisation', ownerName: '宇城圏域基幹相談支援センター', name: NAKAMURA, phone: '090-1111-2222', shift: 'day' });
    clock.set(`${monday}T17:00:00+09:00`); // the hand-over minute
    expect((await onCall(request.id)).body.onCall).toMatchObject({ name: MATSUMOTO, shift: 'night' });
    clock.set(`${addDays(monday, 1)}T02:00:00+09:00`); // still Monday's night
    expect((await onCall(request.id)).body.onCall).toMatchObject({ name: MATSUMOTO, shift: 'night' });
    clock.set(`${addDays(monday, 5)}T12:00:00+09:00`); // Saturday day: nobody, and no region rota
    expect((await onCall(request.id)).body.onCall).toBeNull();
    clock.set(new Date());

    // only a recipient may ask
    expect((await onCall(request.id, otherProvider)).status).toBe(404);
  });

  it('refuses bad hand-over times and holders who may not hold the phone, naming the field in Japanese', async () => {
    const bad = await t.request('PUT', '/api/oncall/rotas/organisation', { token: coordinator, body: { phone: '', dayStarts: '18:00', nightStarts: '09:00', pattern: [] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('夜間の開始');
    const other = (await get('organisation', otherCoordinator)).body.candidates[0].userId;
    const stranger = await t.request('PUT', '/api/oncall/rotas/organisation', {
      token: coordinator,
      body: { phone: '', dayStarts: '09:00', nightStarts: '17:30', pattern: [{ weekday: 1, shift: 'day', userId: other }] },
    });
    expect(stranger.status).toBe(400);
    expect(JSON.stringify(stranger.body)).toContain('当番者');
    // nothing changed
    expect((await get('organisation')).body.phone).toBe('090-1111-2222');
  });

  it('lets the region’s coordinators set its escalation delays (validated, audited), which the next timers use', async () => {
    const before = await t.request<EscalationDelays>('GET', '/api/oncall/escalation-delays', { token: coordinator });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ regionName: '宇城圏域', unseenMinutes: null, noOfferMinutes: null, defaults: { unseenMinutes: 5, noOfferMinutes: 15 }, updatedAt: null, updatedByName: null });
    // not a provider's to change; not nonsense
    expect((await t.request('PUT', '/api/oncall/escalation-delays', { token: provider, body: { unseenMinutes: 3, noOfferMinutes: 10 } })).status).toBe(403);
    for (const body of [{ unseenMinutes: 0, noOfferMinutes: 10 }, { unseenMinutes: 2.5, noOfferMinutes: 10 }, { unseenMinutes: 3, noOfferMinutes: 721 }, { unseenMinutes: 3 }]) {
      const bad = await t.request('PUT', '/api/oncall/escalation-delays', { token: coordinator, body });
      expect(bad.status).toBe(400);
      expect(bad.body.message.ja).toMatch(/分数/);
    }
    const set = await t.request<EscalationDelays>('PUT', '/api/oncall/escalation-delays', { token: coordinator, body: { unseenMinutes: 3, noOfferMinutes: 10 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ unseenMinutes: 3, noOfferMinutes: 10, updatedByName: '拠点コーディネーター 中村 恵', updatedAt: clock.now().toISOString() });
    // who changed what, from what
    const [audit] = await t.db.query(`SELECT detail FROM audit_log WHERE action = 'region.escalation_delays' ORDER BY id DESC LIMIT 1`);
    expect(audit.detail).toEqual({ before: { unseenMinutes: null, noOfferMinutes: null }, after: { unseenMinutes: 3, noOfferMinutes: 10 } });

    // a request in the region: its timers are armed 3 and 10 / 20 minutes out
    clock.set(new Date());
    const request = await postRequest(t, coordinator);
    await t.app.get(EscalationPoller).tick();
    const chain = (await t.request<EscalationView[]>('GET', `/api/emergency-requests/${request.id}/escalations`, { token: coordinator })).body;
    const after = (step: string) => (new Date(chain.find((e) => e.step === step)!.dueAt).getTime() - new Date(request.createdAt).getTime()) / 60_000;
    expect(after('no_offer_centre')).toBeCloseTo(10, 1);
    expect(after('no_offer_region')).toBeCloseTo(20, 1);
    // 'unseen' counts from when each provider was told (stamped by the app's clock, not the database's)
    const [told] = await t.db.query(`SELECT min(notified_at) AS at FROM request_recipients WHERE request_id = $1`, [request.id]);
    const unseen = chain.filter((e) => e.step === 'unseen').map((e) => new Date(e.dueAt).getTime());
    expect((Math.min(...unseen) - new Date(told.at).getTime()) / 60_000).toBeCloseTo(3, 3);
    // back to the defaults
    expect((await t.request<EscalationDelays>('PUT', '/api/oncall/escalation-delays', { token: coordinator, body: { unseenMinutes: null, noOfferMinutes: null } })).body).toMatchObject({ unseenMinutes: null, noOfferMinutes: null });
  });
});

import type { EmergencyRequestView, InboxItem, RequestUnplacedEvent } from '@akiwa/contracts';
import { serviceNight } from '@akiwa/domain';
import { TestClock } from '../src/common/time/clock';
import { EmergencyPoller } from '../src/emergency-requests/emergency-poller.service';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { eventWhere, postRequest } from './support/emergency';
import { createUnit, setRange, vacancies } from './support/units';

/**
 * The flows as they run at 2 a.m. (issue 11): the contracted provider is asked first even when its
 * board says full; a request is never unplaced while someone told has not answered; the coordinator
 * sees who was told and why others were not; the provider card says who posted and why an offer ended.
 * The app runs on a test clock (the answer window is passed by moving it) and its poller is driven by hand.
 */
describe('emergency requests: answers', () => {
  const clock = new TestClock(new Date('2026-12-02T01:30:00+09:00'));
  const tonight = () => serviceNight(clock.now());
  let t: TestApp;
  let coordinator: string;
  let ukisato: { token: string; org: string };
  let uto: { token: string; org: string };
  let poller: EmergencyPoller;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent', EMERGENCY_POLL_INTERVAL_MS: '600000', EMERGENCY_WIDEN_MINUTES: '10' }, { clock });
    poller = t.app.get(EmergencyPoller);
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const a = await t.login(DEMO.providerStaff);
    ukisato = { token: a.accessToken, org: a.user.organisation.id };
    const b = await t.login('staff@uto-sakura.example');
    uto = { token: b.accessToken, org: b.user.organisation.id };
  });
  afterAll(() => t.close());

  const detail = async (id: string): Promise<EmergencyRequestView> => (await t.request('GET', `/api/emergency-requests/${id}`, { token: coordinator })).body;
  const inbox = async (token: string, id: string) => t.request<InboxItem>('GET', `/api/inbox/${id}`, { token });
  // nobody in the demo data takes 精神 with emergencies: the units a test creates are the only ones
  const psychiatric = { needs: { categories: ['psychiatric' as const], supportLevel: 2, gender: 'female' as const } };

  it('asks the contracted provider first even when its board says full, marked 契約先; its 満床 answer is beside the wider wave', async () => {
    const full = await createUnit(t, ukisato.token, { categories: ['psychiatric'], municipalityCode: '43213' });
    const other = await createUnit(t, uto.token, { categories: ['psychiatric'], municipalityCode: '43211' });
    await setRange(t, uto.token, other.id, tonight(), tonight(), 1);
    const socket = t.socket(ukisato.token);
    await nextEvent(socket, 'session:ready');
    const received = nextEvent<{ item: InboxItem }>(socket, 'request:received');

    const view = await postRequest(t, coordinator, { ...psychiatric, from: tonight(), contractedOrganisationId: ukisato.org });
    // the full contracted provider is told, and the request still widens at once to whoever has a bed
    expect(view).toMatchObject({ status: 'open', scope: 'region', matchedProviders: 2 });
    expect(view.recipients.map((r) => [r.organisationName, r.contracted, r.answer])).toEqual([
      ['短期入所事業所 うきさと', true, null],
      ['宇土さくら短期入所センター', false, null],
    ]);
    const { item } = await received;
    expect(item).toMatchObject({ requestId: view.id, contracted: true, matchingUnits: [{ id: full.id, name: full.name }] });
    expect(view.timeline.find((e) => e.kind === 'widened')!.text.ja).toBe(
      '検索範囲を圏域内に広げ、新たに2事業所に通知しました: 短期入所事業所 うきさと（契約先）、宇土さくら短期入所センター（アプリ通知）',
    );

    // 満床: the coordinator sees the answer, and when
    expect((await t.request('POST', `/api/emergency-requests/${view.id}/decline`, { token: ukisato.token, body: { reason: 'full' } })).status).toBe(200);
    const after = await detail(view.id);
    expect(after.recipients[0]).toMatchObject({ contracted: true, answer: { kind: 'declined', reason: 'full' } });
    expect(after.timeline.at(-1)!.text.ja).toBe('短期入所事業所 うきさとが辞退しました（満床）');
    expect(after.status).toBe('open'); // 宇土さくら has not answered
  });

  it('lets the contracted provider accept by freeing a bed', async () => {
    const full = await createUnit(t, ukisato.token, { categories: ['psychiatric'], municipalityCode: '43213', name: `契約 ${Date.now()}` });
    const view = await postRequest(t, coordinator, { ...psychiatric, from: tonight(), contractedOrganisationId: ukisato.org });
    const unitId = (await inbox(ukisato.token, view.id)).body.matchingUnits.find((u) => u.id === full.id)!.id;
    // the board says full: holding a bed fails until one is freed
    expect((await t.request('POST', `/api/emergency-requests/${view.id}/accept`, { token: ukisato.token, body: { unitId } })).status).toBe(409);
    const { vacancyVersion } = await vacancies(t, ukisato.token, unitId);
    expect((await t.request('POST', `/api/units/${unitId}/vacancies/adjust`, { token: ukisato.token, body: { night: tonight(), gender: 'any', delta: 1, expectedVersion: vacancyVersion } })).status).toBe(200);
    const accept = await t.request('POST', `/api/emergency-requests/${view.id}/accept`, { token: ukisato.token, body: { unitId } });
    expect(accept.status).toBe(201);
    expect((await detail(view.id)).recipients.find((r) => r.contracted)!.answer).toMatchObject({ kind: 'offer' });
  });

  it('is never unplaced while a provider told has not answered; unplaced (and the alert sent) once its answer window has passed', async () => {
    const socket = t.socket(coordinator);
    await nextEvent(socket, 'session:ready');
    const alerted: string[] = [];
    socket.on('request:unplaced', (e: RequestUnplacedEvent) => alerted.push(e.requestId));
    const unit = await createUnit(t, uto.token, { categories: ['psychiatric'], municipalityCode: '43211' });
    await setRange(t, uto.token, unit.id, tonight(), tonight(), 2);
    const first = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    const second = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    expect(first.scope).toBe('region');

    // widening reaches nobody new, even in the prefecture: both stay open while 宇土さくら has not answered
    for (const id of [first.id, second.id]) {
      const widened = await t.request('POST', `/api/emergency-requests/${id}/widen`, { token: coordinator });
      expect(widened.status).toBe(200);
      expect(widened.body).toMatchObject({ status: 'open', scope: 'prefecture' });
      expect(widened.body.timeline.at(-1).kind).toBe('waiting');
    }
    clock.advance(5 * 60_000);
    await poller.tick();
    expect((await detail(first.id)).status).toBe('open');
    // an answer within the window is taken (it was refused with 409 when the request closed at once)
    expect((await t.request('POST', `/api/emergency-requests/${first.id}/accept`, { token: uto.token, body: { unitId: unit.id } })).status).toBe(201);

    // the window passes without an answer to the second: only now is it unplaced, and only now the alert
    expect(alerted.filter((id) => id === first.id || id === second.id)).toEqual([]);
    const alert = eventWhere<RequestUnplacedEvent>(socket, 'request:unplaced', (e) => e.requestId === second.id, 10_000);
    clock.advance(6 * 60_000);
    await poller.tick();
    expect((await detail(second.id)).status).toBe('unplaced');
    await alert;
    expect(alerted.filter((id) => id === first.id)).toEqual([]);
    expect((await detail(first.id)).status).toBe('open');
  });

  it('explains every reason per filter, with the providers each one rules out, in words', async () => {
    // 障害児 + 精神: nobody in 宇城市 takes children with 精神; every filter that rules providers out is named
    const view = await postRequest(t, coordinator, { needs: { ageBand: '12-17', child: true, categories: ['psychiatric'], supportLevel: 0 }, from: tonight() });
    const municipal = view.exclusions.filter((e) => e.message.ja.startsWith('市町村内'));
    const lines = municipal.map((e) => e.message.ja);
    expect(lines.some((l) => /^市町村内で精神を受け入れていない: \d+事業所$/.test(l))).toBe(true);
    expect(lines.some((l) => /^市町村内で障害児を受け入れていない: \d+事業所$/.test(l))).toBe(true);
    expect(lines.some((l) => /^市町村内で緊急受入をしていない: \d+事業所$/.test(l))).toBe(true);
    for (const e of view.exclusions) {
      expect(e.providers).toBeGreaterThan(0);
      expect(e.message.ja).not.toMatch(/ありません|区分0|null|undefined/);
    }
  });

  it('shows the posting centre’s phone number on the provider card, and says why a released offer ended', async () => {
    const unit = await createUnit(t, uto.token, { categories: ['psychiatric'], municipalityCode: '43211' });
    await setRange(t, uto.token, unit.id, tonight(), tonight(), 2);
    const extra = await createUnit(t, ukisato.token, { categories: ['psychiatric'], municipalityCode: '43213' });
    await setRange(t, ukisato.token, extra.id, tonight(), tonight(), 2);

    const placedElsewhere = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    const card = (await inbox(ukisato.token, placedElsewhere.id)).body;
    expect(card.postingOrganisationPhone).toBe('0964-32-0000（夜間 090-1111-0000）');
    // both hold; 宇土さくら is confirmed: うきさと's offer is released because another provider was chosen
    const a = (await t.request('POST', `/api/emergency-requests/${placedElsewhere.id}/accept`, { token: ukisato.token, body: { unitId: extra.id } })).body.response.offer;
    await t.request('POST', `/api/emergency-requests/${placedElsewhere.id}/widen`, { token: coordinator });
    const b = (await t.request('POST', `/api/emergency-requests/${placedElsewhere.id}/accept`, { token: uto.token, body: { unitId: unit.id } })).body.response.offer;
    expect((await t.request('POST', `/api/emergency-requests/${placedElsewhere.id}/confirm`, { token: coordinator, body: { offerId: b.id } })).status).toBe(200);
    expect((await inbox(ukisato.token, placedElsewhere.id)).body.response).toMatchObject({ kind: 'offer', offer: { id: a.id, status: 'released', closedReason: 'placed_elsewhere' } });

    const cancelled = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    await t.request('POST', `/api/emergency-requests/${cancelled.id}/accept`, { token: ukisato.token, body: { unitId: extra.id } });
    await t.request('POST', `/api/emergency-requests/${cancelled.id}/cancel`, { token: coordinator });
    expect((await inbox(ukisato.token, cancelled.id)).body.response).toMatchObject({ offer: { status: 'released', closedReason: 'cancelled' } });

    const lapsed = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    await t.request('POST', `/api/emergency-requests/${lapsed.id}/accept`, { token: ukisato.token, body: { unitId: extra.id } });
    clock.advance(31 * 60_000);
    await poller.tick();
    expect((await inbox(ukisato.token, lapsed.id)).body.response).toMatchObject({ offer: { status: 'expired', closedReason: 'expired' } });
  });

  it('takes 障害支援区分 不明 (null) but never a missing level, and matches only units taking every level', async () => {
    const everyLevel = await createUnit(t, uto.token, { categories: ['psychiatric'], municipalityCode: '43211', supportLevelMin: 0, supportLevelMax: 6 });
    await setRange(t, uto.token, everyLevel.id, tonight(), tonight(), 1);
    const some = await createUnit(t, uto.token, { categories: ['psychiatric'], municipalityCode: '43211', supportLevelMin: 1, supportLevelMax: 6 });
    await setRange(t, uto.token, some.id, tonight(), tonight(), 1);
    const missing = await t.request('POST', '/api/emergency-requests', {
      token: coordinator,
      body: { needs: { ageBand: '30-49', gender: 'female', categories: ['psychiatric'], child: false, specialNeeds: [] }, municipalityCode: '43213', from: tonight(), nights: 1, urgency: 'emergency', situation: 'x' },
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.details)).toContain('supportLevel');
    // in 宇土市 itself, so that 宇土さくら is told at the first wave
    const view = await postRequest(t, coordinator, { needs: { categories: ['psychiatric'], supportLevel: null, gender: 'female' }, municipalityCode: '43211', from: tonight() });
    expect(view.needs.supportLevel).toBeNull();
    const units = (await inbox(uto.token, view.id)).body.matchingUnits.map((u) => u.id);
    expect(units).toContain(everyLevel.id);
    expect(units).not.toContain(some.id);
  });

  it('adds the person after posting (unregistered person); the placed provider then sees them, and every read and write is audited', async () => {
    const unit = await createUnit(t, uto.token, { categories: ['psychiatric'], municipalityCode: '43211' });
    await setRange(t, uto.token, unit.id, tonight(), tonight(), 1);
    const view = await postRequest(t, coordinator, { ...psychiatric, municipalityCode: '43211', from: tonight() });
    expect(view.person).toBeNull();
    const added = await t.request('PUT', `/api/emergency-requests/${view.id}/person`, { token: coordinator, body: { person: { name: '宇城 次郎' } } });
    expect(added.status).toBe(200);
    expect(added.body.person).toEqual({ name: '宇城 次郎' });
    const offer = (await t.request('POST', `/api/emergency-requests/${view.id}/accept`, { token: uto.token, body: { unitId: unit.id } })).body.response.offer;
    await t.request('POST', `/api/emergency-requests/${view.id}/confirm`, { token: coordinator, body: { offerId: offer.id } });
    // corrected after placement: the placed provider reads the correction
    const corrected = await t.request('PUT', `/api/emergency-requests/${view.id}/person`, { token: coordinator, body: { person: { name: '宇城 次朗', phone: '090-0000-0000' } } });
    expect(corrected.status).toBe(200);
    expect((await inbox(uto.token, view.id)).body.person).toEqual({ name: '宇城 次朗', phone: '090-0000-0000' });
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [view.id]);
    expect(audit.map((a: { action: string }) => a.action).filter((a: string) => a === 'person.write')).toHaveLength(2);
    expect(audit.map((a: { action: string }) => a.action)).toContain('person.read');
    // another coordinator's organisation cannot
    const other = (await t.login(DEMO.otherCoordinator)).accessToken;
    expect((await t.request('PUT', `/api/emergency-requests/${view.id}/person`, { token: other, body: { person: { name: 'x' } } })).status).toBe(403);
    // a closed request cannot be changed
    const cancelled = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    await t.request('POST', `/api/emergency-requests/${cancelled.id}/cancel`, { token: coordinator });
    expect((await t.request('PUT', `/api/emergency-requests/${cancelled.id}/person`, { token: coordinator, body: { person: { name: 'x' } } })).status).toBe(409);
  });

  it('takes every provider’s answer when they all answer at once (declines never deadlock on the request row)', async () => {
    // four providers with a psychiatric bed in 宇城市: all told in the first wave
    const providers = await Promise.all(['ukisato-ss', 'uto-sakura', 'mashiki-ss', 'kumamoto-chuo-ss'].map(async (key) => (await t.login(`staff@${key}.example`)).accessToken));
    for (const token of providers) {
      const unit = await createUnit(t, token, { categories: ['psychiatric'], municipalityCode: '43213' });
      await setRange(t, token, unit.id, tonight(), tonight(), 1);
    }
    const view = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    expect(view.recipients).toHaveLength(4);
    // everyone has answered, so each answer (a changed reason) marks the request due to widen: an
    // update of the row the other answers read FOR SHARE
    for (const reason of ['full', 'staffing', 'other', 'full', 'staffing', 'other']) {
      const answers = await Promise.all(providers.map((token) => t.request('POST', `/api/emergency-requests/${view.id}/decline`, { token, body: { reason } })));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect((await detail(view.id)).recipients.map((r) => r.answer)).toEqual(providers.map(() => expect.objectContaining({ kind: 'declined', reason })));
    }
  });
});

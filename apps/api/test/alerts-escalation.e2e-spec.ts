import type { INestApplication } from '@nestjs/common';
import { io, type Socket } from 'socket.io-client';
import type { AlertNotificationEvent, EscalationView } from '@akiwa/contracts';
import { EscalationPoller } from '../src/alerts/escalation-poller.service';
import { TestClock } from '../src/common/time/clock';
import { createApp } from '../src/create-app';
import { postRequest } from './support/emergency';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';

const MINUTE = 60_000;
const MATSUMOTO = '相談支援専門員 松本 聡';

/**
 * Escalation with a clock the test moves: unacknowledged → the provider's staff; no offer → the
 * centre's on-call coordinator, then the region's; unplaced → the centre's. Every step fires exactly
 * once although two instances poll at once and one is replaced by a freshly started one.
 */
describe('escalation', () => {
  const clock = new TestClock();
  let t: TestApp;
  let second: INestApplication;
  let coordinator: string;
  let staff: string;
  let ukisato: string; // the provider watched here (others matched too get their own 'unseen')
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // no instance polls by itself: the test drives every pass
    t = await startTestApp({ EMERGENCY_POLL_INTERVAL_MS: '600000', ESCALATION_UNSEEN_MINUTES: '5', ESCALATION_NO_OFFER_MINUTES: '15' }, { clock });
    second = await createApp(t.env, { clock });
    await second.init();
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const login = await t.login(DEMO.providerStaff);
    [staff, ukisato] = [login.accessToken, login.user.organisation.id];
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await second.close();
    await t.close();
  });

  const pass = (...apps: INestApplication[]) => Promise.all(apps.map((app) => app.get(EscalationPoller).tick()));
  const notificationsOf = async (requestId: string) =>
    (await t.db.query(
      `SELECT x.step, u.display_name AS name FROM alert_notifications n JOIN escalations x ON x.id = n.escalation_id JOIN users u ON u.id = n.user_id
       WHERE n.request_id = $1 AND (x.step <> 'unseen' OR x.organisation_id = $2) ORDER BY n.id`,
      [requestId, ukisato],
    )) as { step: string; name: string }[];
  const chain = async (requestId: string) => (await t.request<EscalationView[]>('GET', `/api/emergency-requests/${requestId}/escalations`, { token: coordinator })).body;

  it('tells the unacknowledging provider’s staff, then the centre’s and the region’s on-call, each once', async () => {
    // the region's rota: 松本 holds the phone at every hour
    const region = (await t.request('GET', '/api/oncall/rotas/region', { token: coordinator })).body;
    const matsumoto = region.candidates.find((c: { name: string }) => c.name === MATSUMOTO).userId;
    const pattern = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ['day', 'night'].map((shift) => ({ weekday, shift, userId: matsumoto })));
    expect((await t.request('PUT', '/api/oncall/rotas/region', { token: coordinator, body: { phone: '090-9999-0000', dayStarts: '09:00', nightStarts: '17:30', pattern } })).status).toBe(204);

    // the provider's staff listen on both instances (no Redis between them here: each instance's relay reads the outbox)
    const heard: AlertNotificationEvent[] = [];
    const heardOn: number[] = [];
    await second.listen(0, '127.0.0.1');
    for (const [i, url] of [t.url, `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`].entries()) {
      const s = io(url, { transports: ['websocket'], auth: { token: staff }, reconnection: false, forceNew: true });
      sockets.push(s);
      s.on('alert:notification', (e: AlertNotificationEvent) => (heard.push(e), heardOn.push(i)));
      await nextEvent(s, 'session:ready');
    }

    clock.set(new Date()); // the request's rows are stamped now
    const request = await postRequest(t, coordinator, { needs: { supportLevel: 5 }, nights: 3 });
    await pass(t.app, second);
    expect(await notificationsOf(request.id)).toEqual([]);

    clock.advance(4 * MINUTE);
    await pass(t.app, second, t.app);
    expect(await notificationsOf(request.id)).toEqual([]);

    // 5 minutes without 確認: うきさと's staff, once, although three passes ran at once
    clock.advance(1 * MINUTE + 1000);
    await pass(t.app, second, t.app, second);
    expect((await notificationsOf(request.id)).map((n) => n.step)).toEqual(['unseen']);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the other instance's relay follows the commit
    // once on each instance's socket, whichever instance fired it: the same durable event
    expect(heard.filter((e) => e.notification.requestId === request.id)).toHaveLength(2);
    expect(heardOn.sort()).toEqual([0, 1]);
    expect(new Set(heard.map((e) => (e as AlertNotificationEvent & { eventId: number }).eventId)).size).toBe(1);
    expect(heard[0].notification.text).toMatch(/^【未確認】宇城市で緊急受入依頼：知的・区分5・.+から3泊$/);
    expect(heard[0].notification.url).toBe(`/provider/requests#request-${request.id}`);

    // a restart: the second instance goes, a fresh one comes and polls; nothing fires twice
    await second.close();
    second = await createApp(t.env, { clock });
    await second.init();
    await pass(second, t.app);
    expect(await notificationsOf(request.id)).toHaveLength(1);

    // 15 minutes without an offer: the centre has no rota, so its coordinators; 30: the region's on-call
    clock.advance(10 * MINUTE);
    await pass(t.app, second);
    clock.advance(15 * MINUTE);
    await pass(second, t.app, second);
    const steps = await notificationsOf(request.id);
    expect(steps.filter((n) => n.step === 'no_offer_centre').map((n) => n.name).sort()).toEqual(['拠点コーディネーター 中村 恵', MATSUMOTO].sort());
    expect(steps.filter((n) => n.step === 'no_offer_region').map((n) => n.name)).toEqual([MATSUMOTO]);
    expect(steps).toHaveLength(4);

    // visible on the request page and in the timeline, once each
    const escalations = await chain(request.id);
    expect(escalations.map((e) => [e.step, e.state])).toEqual(
      expect.arrayContaining([
        ['unseen', 'fired'],
        ['no_offer_centre', 'fired'],
        ['no_offer_region', 'fired'],
      ]),
    );
    const detail = (await t.request('GET', `/api/emergency-requests/${request.id}`, { token: coordinator })).body;
    const escalated: string[] = detail.timeline.filter((e: { kind: string }) => e.kind === 'escalated').map((e: { text: { ja: string } }) => e.text.ja);
    expect(escalated.filter((text) => text.startsWith('短期入所事業所 うきさとが確認していないため、同事業所の職員に再通知しました（'))).toHaveLength(1);
    expect(escalated.filter((text) => text.startsWith('申し出がないため、センターの当番に通知しました（'))).toHaveLength(1);
    expect(escalated.filter((text) => text === `申し出がないため、圏域の当番に通知しました（${MATSUMOTO}）`)).toHaveLength(1);
  });

  it('cancels a step whose reason went away: a request seen in time is not escalated to its staff', async () => {
    clock.set(new Date());
    const request = await postRequest(t, coordinator);
    expect((await t.request('POST', `/api/inbox/${request.id}/seen`, { token: staff })).status).toBe(200);
    clock.advance(6 * MINUTE);
    await pass(t.app, second);
    expect((await notificationsOf(request.id)).filter((n) => n.step === 'unseen')).toEqual([]);
    expect((await chain(request.id)).find((e) => e.step === 'unseen' && e.organisationName === '短期入所事業所 うきさと')?.state).toBe('cancelled');
  });

  it('tells the centre at once when a request becomes unplaced', async () => {
    clock.set(new Date());
    const request = await postRequest(t, coordinator);
    await t.db.query(`UPDATE emergency_requests SET status = 'unplaced', closed_at = $2 WHERE id = $1`, [request.id, clock.now()]);
    await pass(t.app, second, t.app);
    expect((await notificationsOf(request.id)).filter((n) => n.step === 'unplaced_centre')).toHaveLength(2);
  });
});

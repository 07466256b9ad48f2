import { io, type Socket } from 'socket.io-client';
import type { AlertNotificationEvent, ReplayResult, RequestReceiptsEvent, UrgentContactView } from '@akiwa/contracts';
import { OutboxRepository } from '../src/events/outbox.repository';
import { postRequest } from './support/emergency';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';

type Heard = { event: string; eventId: number | undefined; payload: Record<string, unknown> };

/**
 * Alerts and receipts are durable events: a coordinator whose device was disconnected while a
 * provider reported delivery, acknowledged a request and raised an urgent contact gets all of them
 * on replay, once each, in order (they used to be transient emits, lost to a disconnected socket).
 */
describe('replay of alerts and receipts', () => {
  let t: TestApp;
  let coordinator: string;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    // the centre of 宇城市: 中村 (the demo coordinator) holds the phone at every hour
    const rota = (await t.request('GET', '/api/oncall/rotas/organisation', { token: coordinator })).body;
    const nakamura = rota.candidates.find((c: { name: string }) => c.name.includes('中村')).userId;
    const pattern = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ['day', 'night'].map((shift) => ({ weekday, shift, userId: nakamura })));
    expect((await t.request('PUT', '/api/oncall/rotas/organisation', { token: coordinator, body: { phone: '090-0000-1111', dayStarts: '09:00', nightStarts: '17:30', pattern } })).status).toBe(204);
  });
  afterAll(() => t.close());

  const connect = (auth: Record<string, unknown>) => {
    const heard: Heard[] = [];
    const s: Socket = io(t.url, { transports: ['websocket'], auth: { token: coordinator, ...auth }, reconnection: false, forceNew: true });
    s.onAny((event: string, payload: Record<string, unknown>) => heard.push({ event, eventId: payload?.eventId as number | undefined, payload }));
    return { s, heard };
  };

  it('sends request:receipts and alert:notification missed while disconnected, in order, once', async () => {
    const first = connect({});
    await nextEvent(first.s, 'session:ready');
    const view = await postRequest(t, coordinator);
    // live while connected (the writer's instance delivers before answering)
    const live = nextEvent<RequestReceiptsEvent & { eventId: number }>(first.s, 'request:receipts');
    expect((await t.request('POST', `/api/inbox/${view.id}/delivered`, { token: staff, body: { channel: 'push' } })).status).toBe(204);
    expect((await live).requestId).toBe(view.id);
    const lastSeen = Math.max(...first.heard.map((h) => h.eventId ?? 0));
    expect(lastSeen).toBeGreaterThan(0);
    first.s.disconnect();

    // while the coordinator is away: an acknowledgement and an urgent contact
    expect((await t.request('POST', `/api/inbox/${view.id}/seen`, { token: staff })).status).toBe(200);
    const raised = await t.request<UrgentContactView>('POST', '/api/urgent-contacts', { token: staff, body: { summary: '夜間の職員が急病' } });
    expect(raised.status).toBe(201);

    const again = connect({ lastEventId: lastSeen });
    await nextEvent(again.s, 'session:ready');
    const answer = (await again.s.timeout(5000).emitWithAck('events:replay', { after: lastSeen })) as { ok: boolean; data: ReplayResult };
    expect(answer.ok).toBe(true);
    expect(answer.data.reset).toBe(false);
    const replayed = again.heard.filter((h) => h.eventId !== undefined);
    expect(replayed.length).toBe(answer.data.replayed);
    const ids = replayed.map((h) => h.eventId!);
    expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y)); // once each, in order
    expect(ids[0]).toBeGreaterThan(lastSeen);

    const receipts = replayed.filter((h) => h.event === 'request:receipts').map((h) => h.payload as unknown as RequestReceiptsEvent);
    expect(receipts).toEqual([expect.objectContaining({ requestId: view.id })]); // the acknowledgement; the delivery was seen live
    const alerts = replayed.filter((h) => h.event === 'alert:notification').map((h) => (h.payload as unknown as AlertNotificationEvent).notification);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'urgent_contact', contactId: raised.body.id, text: '【緊急の相談】短期入所事業所 うきさと：夜間の職員が急病' })]);
    // the acknowledgement's receipt comes before the urgent contact, as they were committed
    expect(replayed.findIndex((h) => h.event === 'request:receipts')).toBeLessThan(replayed.findIndex((h) => h.event === 'alert:notification'));
    again.s.disconnect();
  });

  it('answers reset, with no events, to a client whose gap retention has pruned: the web app then refetches', async () => {
    const first = connect({});
    const ready = await nextEvent<{ lastEventId: number }>(first.s, 'session:ready');
    first.s.disconnect();
    // offline for longer than EVENT_RETENTION_DAYS: what it missed is older than the retention, and the relay's prune runs
    await postRequest(t, coordinator);
    await t.owner(`UPDATE outbox_events SET created_at = now() - make_interval(days => $1 + 1) WHERE position IS NOT NULL`, [t.env.EVENT_RETENTION_DAYS]);
    expect(await t.app.get(OutboxRepository).prune(t.env.EVENT_RETENTION_DAYS)).toBeGreaterThan(0);

    const again = connect({ lastEventId: ready.lastEventId });
    await nextEvent(again.s, 'session:ready');
    const answer = (await again.s.timeout(5000).emitWithAck('events:replay', { after: ready.lastEventId })) as { ok: boolean; data: ReplayResult };
    expect(answer).toMatchObject({ ok: true, data: { reset: true, replayed: 0 } });
    again.s.disconnect();
  });
});

import type { AlertNotificationEvent, UrgentContactView } from '@akiwa/contracts';
import { eventWhere } from './support/emergency';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';

/** 緊急の相談があります: a provider reaches the on-call coordinator of its area, who acknowledges it. */
describe('urgent contact', () => {
  let t: TestApp;
  let staff: string;
  let coordinator: string;
  let otherCoordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    otherCoordinator = (await t.login(DEMO.otherCoordinator)).accessToken;
  });
  afterAll(() => t.close());

  it('reaches the on-call coordinator of the provider’s area live, and records the acknowledgement', async () => {
    // the centre of 宇城市: 中村 holds the phone at every hour
    const rota = (await t.request('GET', '/api/oncall/rotas/organisation', { token: coordinator })).body;
    const nakamura = rota.candidates.find((c: { name: string }) => c.name.includes('中村')).userId;
    const pattern = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ['day', 'night'].map((shift) => ({ weekday, shift, userId: nakamura })));
    expect((await t.request('PUT', '/api/oncall/rotas/organisation', { token: coordinator, body: { phone: '090-0000-1111', dayStarts: '09:00', nightStarts: '17:30', pattern } })).status).toBe(204);

    const socket = t.socket(coordinator);
    await nextEvent(socket, 'session:ready');
    const heard = eventWhere<AlertNotificationEvent>(socket, 'alert:notification', (e) => e.notification.kind === 'urgent_contact');

    const raised = await t.request<UrgentContactView>('POST', '/api/urgent-contacts', { token: staff, body: { summary: '利用者が興奮して職員一人では対応困難' } });
    expect(raised.status).toBe(201);
    expect(raised.body.notified).toEqual([expect.stringContaining('中村')]);
    expect(raised.body.acknowledged).toBeNull();
    const { notification } = await heard;
    expect(notification.text).toBe('【緊急の相談】短期入所事業所 うきさと：利用者が興奮して職員一人では対応困難');
    expect(notification.contactId).toBe(raised.body.id);

    // only someone who was told may acknowledge
    expect((await t.request('POST', `/api/urgent-contacts/${raised.body.id}/ack`, { token: otherCoordinator })).status).toBe(404);
    const ack = await t.request<UrgentContactView>('POST', `/api/urgent-contacts/${raised.body.id}/ack`, { token: coordinator });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledged?.by).toContain('中村');
    const mine = await t.request<UrgentContactView[]>('GET', '/api/urgent-contacts/mine', { token: staff });
    expect(mine.body[0]).toMatchObject({ id: raised.body.id, acknowledged: { by: expect.stringContaining('中村') } });
    socket.close();
  });

  it('refuses an empty or long summary, naming the field', async () => {
    expect((await t.request('POST', '/api/urgent-contacts', { token: staff, body: { summary: '   ' } })).status).toBe(400);
    expect((await t.request('POST', '/api/urgent-contacts', { token: staff, body: { summary: 'あ'.repeat(201) } })).status).toBe(400);
    expect((await t.request('POST', '/api/urgent-contacts', { token: coordinator, body: { summary: 'x' } })).status).toBe(403);
  });
});

import type { InboxItem, RequestReceipt, RequestReceiptsEvent } from '@akiwa/contracts';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { eventWhere, postRequest } from './support/emergency';

/**
 * Whether a provider has even seen a request: delivery reported by a device, 確認しました given by a
 * person (apart from any answer), both visible live to the posting coordinator; the acknowledgement
 * is written to the timeline exactly once.
 */
describe('alert acknowledgement', () => {
  let t: TestApp;
  let coordinator: string;
  let otherCoordinator: string;
  let a: string;
  let aOrg: string;
  let b: string;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    otherCoordinator = (await t.login(DEMO.otherCoordinator)).accessToken;
    const la = await t.login(DEMO.providerStaff);
    [a, aOrg] = [la.accessToken, la.user.organisation.id];
    b = (await t.login(DEMO.otherProviderStaff)).accessToken;
  });
  afterAll(() => t.close());

  const receiptsOf = async (requestId: string, token = coordinator) => t.request<RequestReceipt[]>('GET', `/api/emergency-requests/${requestId}/receipts`, { token });

  it('goes notified → delivered → seen → answered, live for the coordinator, with one timeline entry', async () => {
    const coordSocket = t.socket(coordinator);
    await nextEvent(coordSocket, 'session:ready');
    const view = await postRequest(t, coordinator);

    let receipts = await receiptsOf(view.id);
    expect(receipts.status).toBe(200);
    const mine = () => receipts.body.find((r) => r.organisationId === aOrg)!;
    expect(mine()).toMatchObject({ organisationName: '短期入所事業所 うきさと', channels: ['in_app'], deliveredAt: null, seen: null, answer: null });

    // a device of A shows the banner: delivered (the coordinator hears it live)
    let live = eventWhere<RequestReceiptsEvent>(coordSocket, 'request:receipts', (e) => e.requestId === view.id);
    expect((await t.request('POST', `/api/inbox/${view.id}/delivered`, { token: a, body: { channel: 'in_app' } })).status).toBe(204);
    await live;
    receipts = await receiptsOf(view.id);
    expect(mine().deliveredAt).not.toBeNull();
    expect(mine().deliveredVia).toBe('in_app');
    expect(mine().seen).toBeNull();

    // someone at A acknowledges it
    live = eventWhere<RequestReceiptsEvent>(coordSocket, 'request:receipts', (e) => e.requestId === view.id);
    const seen = await t.request<InboxItem>('POST', `/api/inbox/${view.id}/seen`, { token: a });
    expect(seen.status).toBe(200);
    expect(seen.body.seen).toMatchObject({ by: expect.any(String) });
    expect(seen.body.response).toBeNull(); // seen is not an answer
    await live;
    receipts = await receiptsOf(view.id);
    expect(mine().seen?.by).toBe(seen.body.seen!.by);
    expect(mine().answer).toBeNull();

    // a second acknowledgement (another device, a double tap) changes nothing
    expect((await t.request('POST', `/api/inbox/${view.id}/seen`, { token: a })).status).toBe(200);
    const detail = await t.request('GET', `/api/emergency-requests/${view.id}`, { token: coordinator });
    const seenEntries = detail.body.timeline.filter((e: { kind: string }) => e.kind === 'seen');
    expect(seenEntries).toHaveLength(1);
    expect(seenEntries[0].text.ja).toBe('短期入所事業所 うきさとが依頼を確認しました');
    expect(seenEntries[0].actor).toBe(seen.body.seen!.by);

    // the answer completes the row
    const unitId = (await t.request<InboxItem>('GET', `/api/inbox/${view.id}`, { token: a })).body.matchingUnits[0].id;
    expect((await t.request('POST', `/api/emergency-requests/${view.id}/accept`, { token: a, body: { unitId } })).status).toBe(201);
    receipts = await receiptsOf(view.id);
    expect(mine().answer).toBe('offer');
    expect(mine().answeredAt).not.toBeNull();
    coordSocket.close();
  });

  it('lets only recipients mark, and only the posting coordinators read receipts', async () => {
    const view = await postRequest(t, coordinator);
    expect((await t.request('POST', `/api/inbox/${view.id}/seen`, { token: b })).status).toBe(404);
    expect((await t.request('POST', `/api/inbox/${view.id}/delivered`, { token: b, body: { channel: 'in_app' } })).status).toBe(404);
    const bad = await t.request('POST', `/api/inbox/${view.id}/delivered`, { token: a, body: { channel: 'carrier-pigeon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual({ ja: '入力内容に誤りがあります: 通知方法', en: 'Invalid input: channel' });
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'channel', message: { ja: '「通知方法」は次のいずれかを指定してください: in_app, push', en: 'channel must be one of: in_app, push' } })]);
    expect((await receiptsOf(view.id, otherCoordinator)).status).toBe(403);
    expect((await t.request('POST', `/api/inbox/${view.id}/seen`, { token: coordinator })).status).toBe(403);
  });
});

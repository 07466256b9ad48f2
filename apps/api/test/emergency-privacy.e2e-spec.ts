import { eventWhere, postRequest } from './support/emergency';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { createUnit, setRange, today } from './support/units';

const SITUATION = '同居の母が救急搬送され、今夜の介護者がいない';
const NAME = '宇城 太郎';

describe('emergency requests: personal data at rest', () => {
  let t: TestApp;
  let coordinator: string;
  beforeAll(async () => {
    t = await startTestApp();
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  it('stores neither the situation nor the person in clear, and gives both back to the posting coordinator', async () => {
    const posted = await postRequest(t, coordinator, { situation: SITUATION, person: { name: NAME, wishes: '自宅に近い所がいい' } });
    const [row] = await t.db.query(`SELECT situation_encrypted, person_encrypted, row_to_json(e)::text AS everything FROM emergency_requests e WHERE id = $1`, [posted.id]);
    expect(row.situation_encrypted.length).toBeGreaterThan(29);
    for (const secret of [SITUATION, NAME, '母', '宇城 太郎']) {
      expect(row.everything).not.toContain(secret);
      expect(row.situation_encrypted.includes(Buffer.from(secret))).toBe(false);
      expect(row.person_encrypted.includes(Buffer.from(secret))).toBe(false);
    }
    const detail = await t.request('GET', `/api/emergency-requests/${posted.id}`, { token: coordinator });
    expect(detail.body.situation).toBe(SITUATION);
    expect(detail.body.person.name).toBe(NAME);
  });

  it('staged disclosure: the provider that matched, offered and lost never sees the person; the placed one does', async () => {
    const [lost, won] = [(await t.login(DEMO.providerStaff)).accessToken, (await t.login('staff@shiranui-en.example')).accessToken];
    const fields = { categories: ['intractable_disease' as const], specialNeeds: ['medical_care' as const, 'severe_behavioural' as const] };
    const [lostUnit, wonUnit] = [await createUnit(t, lost, fields), await createUnit(t, won, fields)];
    await setRange(t, lost, lostUnit.id, today(), today(), 1);
    await setRange(t, won, wonUnit.id, today(), today(), 1);
    const lostSocket = t.socket(lost);
    await nextEvent(lostSocket, 'session:ready');
    const heard: unknown[] = [];
    lostSocket.onAny((event, payload) => heard.push({ event, payload }));

    const posted = await postRequest(t, coordinator, { needs: fields, situation: SITUATION, person: { name: NAME, wishes: '自宅に近い所がいい' } });
    expect(posted.matchedProviders).toBe(2);
    const lostOffer = await t.request('POST', `/api/emergency-requests/${posted.id}/accept`, { token: lost, body: { unitId: lostUnit.id } });
    const wonOffer = await t.request('POST', `/api/emergency-requests/${posted.id}/accept`, { token: won, body: { unitId: wonUnit.id } });
    expect([lostOffer.status, wonOffer.status]).toEqual([201, 201]);
    const released = eventWhere<{ item: { requestId: string; response: { offer?: { status: string } } } }>(
      lostSocket, 'inbox:updated', (e) => e.item.requestId === posted.id && e.item.response?.offer?.status === 'released',
    );
    const confirm = await t.request('POST', `/api/emergency-requests/${posted.id}/confirm`, { token: coordinator, body: { offerId: wonOffer.body.response.offer.id } });
    expect(confirm.status).toBe(200);
    await released;

    // the losing provider: its item says it lost, and nowhere — item, list, live events — is the person
    const lostItem = await t.request('GET', `/api/inbox/${posted.id}`, { token: lost });
    expect(lostItem.status).toBe(200);
    expect(lostItem.body.person).toBeNull();
    const lostList = await t.request('GET', '/api/inbox', { token: lost });
    for (const body of [lostItem.body, lostList.body, heard]) {
      expect(JSON.stringify(body)).not.toContain(NAME);
      expect(JSON.stringify(body)).not.toContain('自宅に近い所がいい');
    }
    expect(heard.length).toBeGreaterThan(0); // it was told about the request and its offer's end
    // the placed provider does get the person
    const wonItem = await t.request('GET', `/api/inbox/${posted.id}`, { token: won });
    expect(wonItem.body.person).toMatchObject({ name: NAME });
  });
});

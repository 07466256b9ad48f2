import { SituationEncryption } from '../src/emergency-requests/situation-encryption.service';
import { postRequest } from './support/emergency';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

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
    const [row] = await t.db.query(`SELECT situation, situation_encrypted, person_encrypted, row_to_json(e)::text AS everything FROM emergency_requests e WHERE id = $1`, [posted.id]);
    expect(row.situation).toBeNull();
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

  it('encrypts situations left in plaintext by an earlier version at start-up', async () => {
    const posted = await postRequest(t, coordinator, { situation: SITUATION });
    await t.db.query(`UPDATE emergency_requests SET situation = $2, situation_encrypted = NULL WHERE id = $1`, [posted.id, '旧版の平文']);
    await t.app.get(SituationEncryption).onApplicationBootstrap();
    const [row] = await t.db.query(`SELECT situation, situation_encrypted FROM emergency_requests WHERE id = $1`, [posted.id]);
    expect(row.situation).toBeNull();
    expect(row.situation_encrypted).not.toBeNull();
    const detail = await t.request('GET', `/api/emergency-requests/${posted.id}`, { token: coordinator });
    expect(detail.body.situation).toBe('旧版の平文');
  });
});

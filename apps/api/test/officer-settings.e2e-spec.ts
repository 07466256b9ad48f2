import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The officer's settings: the municipality's trial-stay limits (consecutive ≤ yearly, by the API and
 * by the database) shown with who changed them and recorded in the audit log; the 圏域's sharing
 * agreement, read-only for the officer.
 */
describe('officer settings', () => {
  let t: TestApp;
  let officer: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    officer = (await t.login(DEMO.officer)).accessToken;
    admin = (await t.login(DEMO.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('keeps consecutive ≤ yearly, names the field in Japanese, and shows who set the limits', async () => {
    const before = await t.request('GET', '/api/trial-stay-policies/43213', { token: officer });
    expect(before.body).toMatchObject({ custom: false, maxConsecutiveNights: 30, maxNightsPerFiscalYear: 50, updatedByName: null });

    const bad = await t.request('PUT', '/api/trial-stay-policies/43213', { token: officer, body: { maxConsecutiveNights: 40, maxNightsPerFiscalYear: 30 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'maxConsecutiveNights' });
    expect(bad.body.details[0].message.ja).toContain('連続利用の上限');

    const ok = await t.request('PUT', '/api/trial-stay-policies/43213', { token: officer, body: { maxConsecutiveNights: 14, maxNightsPerFiscalYear: 40 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ custom: true, maxConsecutiveNights: 14, maxNightsPerFiscalYear: 40, updatedByName: '宇城市 障がい者支援課 田中 誠', updatedAt: expect.any(String) });
    const [audit] = await t.db.query(`SELECT action, detail FROM audit_log WHERE subject_type = 'municipality' AND subject_id = '43213' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'trial_policy.write', detail: { maxConsecutiveNights: 14, maxNightsPerFiscalYear: 40 } });

    // the database refuses it too, whoever writes
    await expect(t.db.query(`UPDATE trial_stay_policies SET max_consecutive_nights = 41 WHERE municipality_code = '43213'`)).rejects.toThrow(/trial_stay_policies_consecutive_within_year/);
  });

  it('shows the officer their 圏域’s sharing agreement and who recorded it; only an admin records it', async () => {
    const r = await t.request('GET', '/api/reports/region-sharing', { token: officer });
    expect(r.body).toMatchObject({ regionId: '43-uki', regionName: '宇城圏域', shared: false, updatedByName: null });
    expect((await t.request('GET', '/api/reports/region-sharing?regionId=43-kumamoto', { token: officer })).status).toBe(403);
    expect((await t.request('PUT', '/api/reports/region-sharing/43-uki', { token: admin, body: { shared: true } })).status).toBe(200);
    const after = await t.request('GET', '/api/reports/region-sharing', { token: officer });
    expect(after.body).toMatchObject({ shared: true, updatedByName: expect.any(String), updatedAt: expect.any(String) });
    const [audit] = await t.db.query(`SELECT action, detail FROM audit_log WHERE subject_type = 'region' AND subject_id = '43-uki' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ action: 'report.region_sharing.write', detail: { shared: true } });
  });
});

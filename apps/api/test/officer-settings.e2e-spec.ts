import { postRequest } from './support/emergency';
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
  it('sets the 圏域’s widening and response windows: validated with Japanese labels, shown with who changed them, used by posting and widening', async () => {
    const before = await t.request('GET', '/api/officer/region-windows', { token: officer });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ regionId: '43-uki', regionName: '宇城圏域', widenMinutes: null, answerMinutes: null, updatedByName: null });
    expect(before.body.defaults).toEqual({ widenMinutes: expect.any(Number), answerMinutes: expect.any(Number) });

    for (const [body, field, label] of [
      [{ widenMinutes: 0, answerMinutes: null }, 'widenMinutes', '範囲を広げるまでの分数'],
      [{ widenMinutes: null, answerMinutes: 721 }, 'answerMinutes', '事業所の回答期限'],
      [{ widenMinutes: 'soon', answerMinutes: 30 }, 'widenMinutes', '範囲を広げるまでの分数'],
    ] as const) {
      const bad = await t.request('PUT', '/api/officer/region-windows', { token: officer, body });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe(field);
      expect(bad.body.details[0].message.ja).toContain(label);
    }
    const coordinator = await t.login(DEMO.coordinator);
    expect((await t.request('PUT', '/api/officer/region-windows', { token: coordinator.accessToken, body: { widenMinutes: 5, answerMinutes: 5 } })).status).toBe(403);

    const ok = await t.request('PUT', '/api/officer/region-windows', { token: officer, body: { widenMinutes: 25, answerMinutes: 40 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ widenMinutes: 25, answerMinutes: 40, updatedByName: expect.any(String), updatedAt: expect.any(String) });
    const [audit] = await t.db.query(`SELECT action, detail FROM audit_log WHERE subject_type = 'region' AND subject_id = '43-uki' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ action: 'region.response_windows', detail: { before: { widenMinutes: null, answerMinutes: null }, after: { widenMinutes: 25, answerMinutes: 40 } } });

    // a request posted in 宇城市 now widens after 25 minutes, and each provider told has 40 to answer
    const posted = await postRequest(t, coordinator.accessToken);
    const minutes = async () =>
      t.db.query(
        `SELECT round(extract(epoch FROM e.widens_at - x.notified_at) / 60) AS widen, round(extract(epoch FROM x.answer_by - x.notified_at) / 60) AS answer, x.scope
         FROM emergency_requests e JOIN request_recipients x ON x.request_id = e.id WHERE e.id = $1 ORDER BY x.notified_at DESC`,
        [posted.id],
      );
    const first = await minutes();
    expect(first.length).toBeGreaterThan(0);
    expect(first.map((r: { widen: string; answer: string }) => [Number(r.widen), Number(r.answer)])).toEqual(first.map(() => [25, 40]));
    // and so does the next wave when the coordinator widens
    await t.db.query(`UPDATE regions SET widen_minutes = 15, answer_minutes = 20 WHERE id = '43-uki'`);
    const widened = await t.request('POST', `/api/emergency-requests/${posted.id}/widen`, { token: coordinator.accessToken });
    expect(widened.status).toBe(200);
    const [{ widen }] = await t.db.query(`SELECT round(extract(epoch FROM widens_at - now()) / 60) AS widen FROM emergency_requests WHERE id = $1`, [posted.id]);
    expect(Number(widen)).toBe(15);
    const wave = (await minutes()).filter((r: { scope: string }) => r.scope !== 'municipality');
    expect(wave.length).toBeGreaterThan(0);
    for (const r of wave) expect(Number(r.answer)).toBe(20);
  });
});

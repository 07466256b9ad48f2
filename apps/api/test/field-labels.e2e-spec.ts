import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { requestBody } from './support/emergency';
import { createUnit, inDays, today, unitBody } from './support/units';

/**
 * People see Japanese, not field names: every validation message names the field by its label
 * (libs/contracts FIELD_LABELS) — from the validation pipe, from services' AppException.invalidField
 * and in CSV row errors — while `details[].field` keeps the API's name for programs.
 */
describe('validation messages name fields by their Japanese label', () => {
  let t: TestApp;
  let staff: string;
  let coordinator: string;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  type Detail = { field: string; message: { ja: string; en: string } };
  /** No Japanese text names a known field by its API name. */
  const noRawNames = (body: { message: { ja: string }; details: Detail[] }) => {
    for (const text of [body.message.ja, ...body.details.map((d) => d.message.ja)]) expect(text).not.toMatch(/「(free|from|to|night|nights|supportLevel\w*|needs\.\w+|delta|gender|expectedVersion|unitId)」/);
  };

  it('the validation pipe: 「空床数」 for free, 「開始日」 for from, in the details and the summary', async () => {
    const u = await createUnit(t, staff);
    const r = await t.request('PUT', `/api/units/${u.id}/vacancies/range`, { token: staff, body: { from: 'tomorrow', to: inDays(1), gender: 'any', free: -1, expectedVersion: 1 } });
    expect(r.status).toBe(400);
    const byField = Object.fromEntries(r.body.details.map((d: Detail) => [d.field, d.message.ja]));
    expect(byField.free).toBe('「空床数」は0以上にしてください');
    expect(byField.from).toContain('「開始日」');
    expect(r.body.message.ja).toBe('入力内容に誤りがあります: 開始日、空床数');
    noRawNames(r.body);
  });

  it('service rules (AppException.invalidField): a past first night, a reversed range, a support-level range', async () => {
    const u = await createUnit(t, staff);
    const past = await t.request('PUT', `/api/units/${u.id}/vacancies/range`, { token: staff, body: { from: inDays(-1), to: today(), gender: 'any', free: 1, expectedVersion: 1 } });
    expect(past.body.details[0]).toMatchObject({ field: 'from', message: { ja: '「開始日」に過去の日付は指定できません' } });
    const reversed = await t.request('PUT', `/api/units/${u.id}/vacancies/range`, { token: staff, body: { from: inDays(2), to: today(), gender: 'any', free: 1, expectedVersion: 1 } });
    expect(reversed.body.details[0].message.ja).toBe('「終了日」は「開始日」以降の日付にしてください');
    expect(reversed.body.message.ja).toBe('入力内容に誤りがあります: 終了日');
    const levels = await t.request('POST', '/api/units', { token: staff, body: unitBody({ supportLevelMin: 5, supportLevelMax: 2 }) });
    expect(levels.status).toBe(400);
    expect(levels.body.details[0].message.ja).toBe('「障害支援区分（上限）」は「障害支援区分（下限）」以上にしてください');
    for (const r of [past, reversed, levels]) noRawNames(r.body);
  });

  it('an emergency request: 「泊数」「障害支援区分」 and nested fields by their own label', async () => {
    const r = await t.request('POST', '/api/emergency-requests', {
      token: coordinator,
      body: { ...requestBody(), nights: 0, needs: { ...requestBody().needs, supportLevel: undefined, categories: ['nope'] } },
    });
    expect(r.status).toBe(400);
    const byField = Object.fromEntries(r.body.details.map((d: Detail) => [d.field, d.message.ja]));
    expect(byField.nights).toBe('「泊数」は1以上にしてください');
    expect(byField['needs.supportLevel']).toContain('「障害支援区分」');
    expect(byField['needs.categories']).toContain('「障害種別」');
    noRawNames(r.body);
  });

  it('CSV row errors name the column', async () => {
    const u = await createUnit(t, staff, { capacity: 2 });
    const csv = ['ユニットID,ユニット名,日付,性別,空床数', `${u.id},A,${inDays(-1)},指定なし,1`, `${u.id},A,${today()},指定なし,-1`].join('\r\n') + '\r\n';
    const r = await t.request('POST', '/api/vacancies/import', { token: staff, rawBody: Buffer.from(csv), headers: { 'content-type': 'text/csv' } });
    expect(r.status).toBe(400);
    const messages = r.body.report.errors.map((e: { message: { ja: string } }) => e.message.ja);
    expect(messages).toEqual(['「日付」に過去の日付は指定できません', '「空床数」は0以上にしてください']);
    noRawNames(r.body);
  });
});

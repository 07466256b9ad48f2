import * as iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today, vacancies } from './support/units';

const UNIT_HEADER = 'ユニットID,名称,サービス種別,市区町村コード,定員,障害種別,障害児の受入,障害支援区分（下限）,障害支援区分（上限）,対応できる支援,居室の性別,緊急受入,体験利用,24時間連絡先,備考,版';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csv = (lines: string[]) => lines.join('\r\n') + '\r\n';

describe('CSV import and export', () => {
  let t: TestApp;
  let staff: string;
  let staffOrg: string;
  let otherStaff: string;

  beforeAll(async () => {
    t = await startTestApp();
    const s = await t.login(DEMO.providerStaff);
    staff = s.accessToken;
    staffOrg = s.user.organisation.id;
    otherStaff = (await t.login(DEMO.otherProviderStaff)).accessToken;
  });
  afterAll(() => t.close());

  const post = (path: string, body: Buffer, token = staff, contentType = 'text/csv') =>
    t.request('POST', path, { token, rawBody: body, headers: { 'content-type': contentType } });
  const unitCount = async () => Number((await t.db.query(`SELECT count(*) FROM units WHERE organisation_id = $1`, [staffOrg]))[0].count);

  it('exports the organisation’s units as Excel-friendly UTF-8 with BOM and Japanese headers', async () => {
    const res = await fetch(`${t.url}/api/units/export.csv`, { headers: { authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="units-/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(UNIT_HEADER);
    const rows: string[][] = parse(text, { from_line: 2 });
    expect(rows.length).toBeGreaterThan(0);
    const demo = rows.find((r) => r[1] === '短期入所 うきさと（併設型）')!;
    expect(demo.slice(2, 7)).toEqual(['短期入所（併設型）', '43213', '4', '知的、身体', '不可']);
  });

  it('imports new units from a BOM UTF-8 file and reports how many were written', async () => {
    const before = await unitCount();
    const body = Buffer.concat([BOM, Buffer.from(csv([
      UNIT_HEADER,
      ',CSV短期入所A,短期入所（空床型）,43213,3,知的、精神,可,0,6,医療的ケア,男女可,可,不可,0964-11-1111,夜間対応,',
      ',CSVグループホームB,group_home_care,43211,5,psychiatric,不可,1,4,,女性,不可,可,,,',
    ]))]);
    const r = await post('/api/units/import', body);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, written: 2, errors: [] });
    expect(await unitCount()).toBe(before + 2);
    const [a] = await t.db.query(`SELECT service_type, categories, accepts_children, special_needs, room_gender FROM units WHERE name = 'CSV短期入所A'`);
    expect(a).toEqual({ service_type: 'short_stay_vacant_bed', categories: ['intellectual', 'psychiatric'], accepts_children: true, special_needs: ['medical_care'], room_gender: 'either' });
  });

  it('accepts a Shift_JIS file (Excel on Japanese Windows)', async () => {
    const body = iconv.encode(csv([UNIT_HEADER, ',ＳＪＩＳ短期入所①,短期入所（単独型）,43348,2,身体,不可,3,6,重度身体,男性,可,不可,,,']), 'cp932');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(body)).toThrow();
    const r = await post('/api/units/import', body);
    expect(r.status).toBe(200);
    expect(r.body.written).toBe(1);
    const [u] = await t.db.query(`SELECT municipality_code, room_gender FROM units WHERE name = 'ＳＪＩＳ短期入所①'`);
    expect(u).toEqual({ municipality_code: '43348', room_gender: 'male' });
  });

  it('writes nothing when one row is invalid, and names the row and the field', async () => {
    const before = await unitCount();
    const body = Buffer.from(csv([
      UNIT_HEADER,
      ',CSV正しい行,短期入所（併設型）,43213,3,知的,不可,0,6,,男女可,可,不可,,,',
      ',CSV定員の誤り,短期入所（併設型）,43213,0,知的,不可,0,6,,男女可,可,不可,,,',
      ',CSV市町村の誤り,短期入所（併設型）,99999,3,知的,不可,0,6,,男女可,可,不可,,,',
    ]));
    const r = await post('/api/units/import', body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.report).toMatchObject({ ok: false, written: 0 });
    expect(r.body.report.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[3, 'capacity'], [4, 'municipalityCode']]);
    expect(r.body.report.errors[0].message.ja).toContain('定員');
    expect(r.body.details[0].field).toBe('rows.3.capacity');
    expect(await unitCount()).toBe(before);
  });

  it('refuses a file without a required column', async () => {
    const r = await post('/api/units/import', Buffer.from(csv(['名称,定員', 'x,1'])));
    expect(r.status).toBe(400);
    expect(r.body.report.errors.map((e: { field: string }) => e.field)).toContain('サービス種別');
  });

  it('updates the organisation’s units by id, and refuses another organisation’s unit', async () => {
    const u = await createUnit(t, staff, { capacity: 2 });
    const row = `${u.id},${u.name},短期入所（併設型）,43213,5,知的,不可,0,6,,男女可,可,不可,,更新済み,1`;
    const foreign = await post('/api/units/import', Buffer.from(csv([UNIT_HEADER, row])), otherStaff);
    expect(foreign.status).toBe(400);
    expect(foreign.body.report.errors[0]).toMatchObject({ row: 2, field: 'id' });
    const own = await post('/api/units/import', Buffer.from(csv([UNIT_HEADER, row])));
    expect(own.status).toBe(200);
    expect((await t.request('GET', `/api/units/${u.id}`, { token: staff })).body).toMatchObject({ capacity: 5, note: '更新済み', version: 2 });
    const stale = await post('/api/units/import', Buffer.from(csv([UNIT_HEADER, row])));
    expect(stale.body.report.errors[0]).toMatchObject({ row: 2, field: 'version' });
  });

  describe('vacancies', () => {
    const HEADER = 'ユニットID,ユニット名,日付,性別,空床数';

    it('imports nights for several units in one go, confirmed now, and tells the boards', async () => {
      const a = await createUnit(t, staff, { capacity: 3, municipalityCode: '43211' });
      const b = await createUnit(t, staff, { capacity: 2, roomGender: 'female' });
      const s = t.socket((await t.login(DEMO.coordinator)).accessToken);
      await nextEvent(s, 'session:ready');
      await s.timeout(2000).emitWithAck('vacancies:subscribe', { municipalityCode: '43211' });
      const heard = nextEvent<{ unitId: string; reason: string }>(s, 'vacancy:changed');
      const night2 = inDays(2).replace(/-0?/g, '/'); // Excel's 2026/1/5
      const body = Buffer.concat([BOM, Buffer.from(csv([
        HEADER,
        `${a.id},A,${today()},指定なし,3`,
        `${a.id},A,${night2},,1`,
        `${b.id},B,${today()},女性,2`,
      ]))]);
      const r = await post('/api/vacancies/import', body);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ok: true, written: 3, errors: [] });
      expect((await vacancies(t, staff, a.id)).nights.map((n) => [n.night, n.gender, n.free])).toEqual([[today(), 'any', 3], [inDays(2), 'any', 1]]);
      expect((await vacancies(t, staff, b.id)).nights.map((n) => [n.gender, n.free])).toEqual([['female', 2]]);
      expect(await heard).toMatchObject({ unitId: a.id, reason: 'import' });
    });

    it('writes nothing when one row is invalid (beds above capacity, negative, a past date, a foreign unit)', async () => {
      const a = await createUnit(t, staff, { capacity: 2 });
      const foreign = (await t.db.query(`SELECT u.id FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE o.name = 'グループホーム みすみ' LIMIT 1`))[0].id;
      const body = iconv.encode(csv([
        HEADER,
        `${a.id},A,${today()},指定なし,1`,
        `${a.id},A,${inDays(1)},指定なし,3`,
        `${a.id},A,${inDays(2)},指定なし,-1`,
        `${a.id},A,${inDays(-1)},指定なし,1`,
        `${foreign},X,${today()},指定なし,1`,
      ]), 'cp932');
      const r = await post('/api/vacancies/import', body);
      expect(r.status).toBe(400);
      expect(r.body.report.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[3, 'free'], [4, 'free'], [5, 'night'], [6, 'unitId']]);
      expect((await vacancies(t, staff, a.id)).nights).toEqual([]);
      expect((await vacancies(t, staff, a.id)).vacancyVersion).toBe(1);
    });

    it('exports the organisation’s vacancies in the import format', async () => {
      const a = await createUnit(t, staff, { capacity: 2 });
      await setRange(t, staff, a.id, today(), inDays(1), 1);
      const res = await fetch(`${t.url}/api/vacancies/export.csv?from=${today()}&to=${inDays(1)}`, { headers: { authorization: `Bearer ${staff}` } });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(BOM);
      const rows: string[][] = parse(bytes.subarray(3).toString('utf8'));
      expect(rows[0]).toEqual(['ユニットID', 'ユニット名', '日付', '性別', '空床数', '確保中', '最終確認']);
      expect(rows.filter((r) => r[0] === a.id).map((r) => r.slice(2, 6))).toEqual([[today(), '指定なし', '1', '0'], [inDays(1), '指定なし', '1', '0']]);
      // and it can be imported back as is
      expect((await post('/api/vacancies/import', bytes)).body.ok).toBe(true);
    });

    it('refuses a body that is not CSV', async () => {
      const r = await t.request('POST', '/api/vacancies/import', { token: staff, body: { rows: [] } });
      expect(r.status).toBe(415);
      expect((await post('/api/vacancies/import', Buffer.from('"unclosed,quote\r\n'))).body.details[0].field).toBe('body');
    });
  });
});

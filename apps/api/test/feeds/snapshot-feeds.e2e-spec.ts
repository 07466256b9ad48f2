import type { IssuedApiKey } from '@akiwa/contracts';
import { addDays } from '@akiwa/domain';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';
import { createUnit, setRange, today } from '../support/units';
import { feed, issueKey } from '../support/feeds';

/** The open-data CSV (BOM, Japanese headers, no personal data) and the provider's trial-stay calendar (no names). */
describe('snapshot feeds: open-data CSV and trial-stay iCalendar', () => {
  let t: TestApp;
  let misumi: string;
  let misumiOrg: string;
  let coord: string;
  let key: IssuedApiKey;
  const PERSON = '体験 花子';

  beforeAll(async () => {
    t = await startTestApp({ FEED_RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    const admin = (await t.login(DEMO.admin)).accessToken;
    const m = await t.login(DEMO.otherProviderStaff);
    [misumi, misumiOrg] = [m.accessToken, m.user.organisation!.id];
    coord = (await t.login(DEMO.coordinator)).accessToken;
    key = await issueKey(t, admin, misumiOrg);
  });
  afterAll(() => t.close());

  it('writes one row per unit for the night: UTF-8 with BOM, Japanese headers, formulas escaped, no contact phone', async () => {
    const unit = await createUnit(t, misumi, { name: '=HYPERLINK("x") ルーム', capacity: 5, contact24h: '090-9999-0001' });
    await setRange(t, misumi, unit.id, today(), today(), 1);
    const r = await feed(t, key.key, '/api/feeds/open-data.csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain(`akiwa-vacancies-43-${today()}.csv`);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('日付,都道府県コード,市区町村コード,事業所名,ユニット名,サービス種別,定員,空床数,空き状況,記号,情報の鮮度,緊急受入,体験利用');
    const row = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(row).toBe(`${today()},43,43213,${unit.organisationName},"'=HYPERLINK(""x"") ルーム",短期入所（併設型）,5,1,残りわずか,△,最新,可,不可`);
    expect(bytes.toString('utf8')).not.toContain('090-9999-0001');

    const past = await feed(t, key.key, `/api/feeds/open-data.csv?date=${addDays(today(), -1)}`);
    expect(past.status).toBe(400);
    expect((await past.json()).message.ja).toContain('日付');
  });

  it('lists the provider’s approved trial stays as all-day events, without the person’s name', async () => {
    const room = await createUnit(t, misumi, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, categories: ['psychiatric'], capacity: 1 });
    expect((await t.request('PUT', `/api/trial-stays/units/${room.id}/offer`, { token: misumi, body: { houseRules: '', whatToBring: '', openings: [{ from: today(), to: addDays(today(), 30) }] } })).status).toBe(200);
    const person = await t.request('POST', '/api/trial-persons', {
      token: coord,
      body: { displayName: PERSON, ageBand: '30-49', gender: 'female', municipalityCode: '43213', categories: ['psychiatric'], supportLevel: 2, specialNeeds: [] },
    });
    expect(person.status).toBe(201);
    const book = (from: number, to: number) =>
      t.request('POST', '/api/trial-stays', { token: coord, body: { unitId: room.id, personId: person.body.id, from: addDays(today(), from), to: addDays(today(), to), note: '' } });
    const approved = await book(2, 4);
    expect(approved.status).toBe(201);
    expect((await t.request('POST', `/api/trial-stays/${approved.body.id}/approve`, { token: misumi })).status).toBe(200);
    const pending = await book(10, 11);
    expect(pending.status).toBe(201);

    const r = await feed(t, key.key, '/api/feeds/trial-stays.ics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/calendar');
    const ics = await r.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    const events = ics.split('BEGIN:VEVENT').slice(1);
    // only the approved one
    expect(events).toHaveLength(1);
    const compact = (d: string) => d.replaceAll('-', '');
    expect(events[0]).toContain(`DTSTART;VALUE=DATE:${compact(addDays(today(), 2))}`);
    // all-day DTEND is exclusive: the departure morning
    expect(events[0]).toContain(`DTEND;VALUE=DATE:${compact(approved.body.to)}`);
    expect(events[0]).toContain(`UID:trial-stay-${approved.body.id}@akiwa`);
    expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:体験利用 ${room.name}`);
    expect(ics).not.toContain(PERSON);

    // another provider's key sees none of this home's stays
    const admin = (await t.login(DEMO.admin)).accessToken;
    const ukisatoOrg = (await t.login(DEMO.providerStaff)).user.organisation!.id;
    const otherKey = await issueKey(t, admin, ukisatoOrg);
    const other = await (await feed(t, otherKey.key, '/api/feeds/trial-stays.ics')).text();
    expect(other).not.toContain(approved.body.id);
  });
});

import type { IssuedApiKey, UnitView } from '@akiwa/contracts';
import { addDays } from '@akiwa/domain';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';
import { createUnit, setRange, today } from '../support/units';
import { feed, issueKey } from '../support/feeds';
import { edxlHaveErrors } from '../support/edxl-schema';

/** EDXL-HAVE 2.0-shaped capacity: valid against the shipped XSD, tonight's beds per bed type, per provider. */
describe('EDXL-HAVE feed', () => {
  let t: TestApp;
  let staff: string;
  let key: IssuedApiKey;
  let orgId: string;
  const orgName = 'テスト短期入所 <あおば> & GH';
  let shortA: UnitView;

  beforeAll(async () => {
    t = await startTestApp({ FEED_RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    const admin = (await t.login(DEMO.admin)).accessToken;
    // a provider of its own, so its totals are the test's only
    const org = await t.request('POST', '/api/admin/organisations', { token: admin, body: { name: orgName, kind: 'provider', municipalityCode: '43213' } });
    orgId = org.body.id;
    await t.request('POST', '/api/admin/users', { token: admin, body: { email: 'aoba@test.example', displayName: 'あおば 職員', role: 'provider_staff', organisationId: orgId, password: 'a-long-password-1' } });
    staff = (await t.login('aoba@test.example', 'a-long-password-1')).accessToken;
    key = await issueKey(t, admin, orgId);
    // 短期入所: two units, tonight 3 of 4 free and 1 of 2 free; GH: full; 施設入所: nothing confirmed
    shortA = await createUnit(t, staff, { capacity: 4 });
    await setRange(t, staff, shortA.id, today(), addDays(today(), 1), 3);
    const shortB = await createUnit(t, staff, { capacity: 2, serviceType: 'short_stay_vacant_bed' });
    await setRange(t, staff, shortB.id, today(), today(), 1);
    const gh = await createUnit(t, staff, { capacity: 5, serviceType: 'group_home_care' });
    await setRange(t, staff, gh.id, today(), today(), 0);
    await createUnit(t, staff, { capacity: 10, serviceType: 'residential' });
  }, 120_000);
  afterAll(() => t.close());

  const have = async (path = '/api/feeds/edxl-have?municipalityCode=43213') => {
    const r = await feed(t, key.key, path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/xml');
    return r.text();
  };
  /** The facility element of the test's provider. */
  const ours = (xml: string) => xml.match(new RegExp(`<facility><facilityInformation><facilityID>${orgId}</facilityID>.*?</facility>`))?.[0] ?? '';
  const item = (facility: string, bedType: string) => facility.match(new RegExp(`<serviceListItem>(?:(?!</serviceListItem>).)*<value>${bedType}</value>.*?</serviceListItem>`))?.[0] ?? '';

  it('validates against the shipped XSD, and the validator rejects a broken document', async () => {
    const xml = await have();
    expect(await edxlHaveErrors(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<HAVE xmlns="urn:oasis:names:tc:emergency:edxl:have:2.0">')).toBe(true);
    expect((await edxlHaveErrors(xml.replace('<availableCount>', '<availableCount>-'))).length).toBeGreaterThan(0);
    expect((await edxlHaveErrors(xml.replace('<facilityStatus>normal', '<facilityStatus>fine'))).length).toBeGreaterThan(0);
  });

  it('gives each bed type tonight’s available and baseline beds, mapped from the service types', async () => {
    const facility = ours(await have());
    expect(facility).toContain(`<facilityName>テスト短期入所 &lt;あおば&gt; &amp; GH</facilityName>`);
    expect(facility).toContain('<facilityStatus>normal</facilityStatus>');
    // the two kinds of 短期入所 are one bed type
    expect(item(facility, 'shortStayRespite')).toContain('<capacityStatus>vacantAvailable</capacityStatus><availableCount>4</availableCount><baselineCount>6</baselineCount>');
    expect(item(facility, 'groupHome')).toContain('<capacityStatus>notAvailable</capacityStatus><availableCount>0</availableCount><baselineCount>5</baselineCount>');
    expect(item(facility, 'residentialCare')).toContain('<capacityStatus>unknown</capacityStatus><availableCount>0</availableCount><baselineCount>10</baselineCount>');
  });

  it('counts no bed of a paused unit as available, and marks the provider compromised', async () => {
    const until = new Date(Date.now() + 24 * 3600_000).toISOString();
    const r = await t.request('PUT', `/api/units/${shortA.id}/admissions`, { token: staff, body: { pausedUntil: until, pauseReason: '職員不足', nightAdmission: true } });
    expect(r.status).toBe(200);
    const xml = await have();
    expect(await edxlHaveErrors(xml)).toEqual([]);
    const facility = ours(xml);
    expect(facility).toContain('<facilityStatus>compromised</facilityStatus>');
    expect(item(facility, 'shortStayRespite')).toContain('<availableCount>1</availableCount><baselineCount>6</baselineCount>');
  });

  it('stays inside the key’s prefecture', async () => {
    expect((await feed(t, key.key, '/api/feeds/edxl-have?prefectureCode=13')).status).toBe(403);
    const bad = await feed(t, key.key, '/api/feeds/edxl-have?municipalityCode=abc');
    expect(bad.status).toBe(400);
    expect((await bad.json()).message.ja).toContain('市区町村');
  });
});

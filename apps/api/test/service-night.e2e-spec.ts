import type { InboxItem } from '@akiwa/contracts';
import { TestClock } from '../src/common/time/clock';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { requestBody } from './support/emergency';
import { createUnit, vacancies } from './support/units';

/** A Japan-time instant (JST, UTC+9). */
const jst = (local: string) => new Date(`${local}+09:00`);

/**
 * 「今夜」 at 01:30 is the night that began yesterday evening (the service night runs until 10:00),
 * for vacancy changes and emergency requests alike. The app runs on a test clock, so the times are
 * fixed: across the cutoff, a month end and a fiscal-year end.
 */
describe('service night (夜間の区切り)', () => {
  const clock = new TestClock(jst('2027-04-01T01:30:00'));
  let t: TestApp;
  let coordinator: string;
  let provider: string;
  let providerOrg: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' }, { clock });
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const p = await t.login(DEMO.providerStaff);
    [provider, providerOrg] = [p.accessToken, p.user.organisation.id];
  });
  afterAll(() => t.close());

  async function adjust(unitId: string, night: string, delta = 1) {
    const { vacancyVersion } = await vacancies(t, provider, unitId);
    return t.request('POST', `/api/units/${unitId}/vacancies/adjust`, { token: provider, body: { night, gender: 'any', delta, expectedVersion: vacancyVersion } });
  }

  it('at 01:30 on April 1 takes a vacancy change and an emergency request for the night that began on March 31 (last night of the fiscal year)', async () => {
    clock.set(jst('2027-04-01T01:30:00'));
    const unit = await createUnit(t, provider, { capacity: 2 });
    expect((await vacancies(t, provider, unit.id)).nights).toEqual([]);

    const change = await adjust(unit.id, '2027-03-31');
    expect(change.status).toBe(200);
    expect(change.body.nights).toMatchObject([{ night: '2027-03-31', free: 1 }]);
    // the default window starts at the night in progress
    const window = await t.request('GET', `/api/units/${unit.id}/vacancies`, { token: provider });
    expect(window.body.nights.map((n: { night: string }) => n.night)).toEqual(['2027-03-31']);
    // the night before is history
    const past = await adjust(unit.id, '2027-03-30');
    expect(past.status).toBe(400);
    expect(past.body.details[0]).toMatchObject({ field: 'night', code: 'past_night' });

    const post = await t.request('POST', '/api/emergency-requests', { token: coordinator, body: requestBody({ from: '2027-03-31', nights: 1 }) });
    expect(post.status).toBe(201);
    expect(post.body.status).toBe('open');
    // the provider is told and can hold the bed of the night in progress
    const inbox = await t.request('GET', '/api/inbox', { token: provider });
    const item: InboxItem = inbox.body.items.find((i: InboxItem) => i.requestId === post.body.id);
    expect(item.matchingUnits.map((u) => u.id)).toContain(unit.id);
    const accept = await t.request('POST', `/api/emergency-requests/${post.body.id}/accept`, { token: provider, body: { unitId: unit.id } });
    expect(accept.status).toBe(201);
    expect(accept.body.response).toMatchObject({ kind: 'offer', offer: { status: 'held' } });
    expect(providerOrg).toBeTruthy();
  });

  it('at 10:00 the night of March 31 has ended: both are refused as past, and April 1 is tonight', async () => {
    clock.set(jst('2027-04-01T10:00:00'));
    const unit = await createUnit(t, provider, { capacity: 2 });
    expect((await adjust(unit.id, '2027-03-31')).status).toBe(400);
    expect((await adjust(unit.id, '2027-04-01')).status).toBe(200);
    const post = await t.request('POST', '/api/emergency-requests', { token: coordinator, body: requestBody({ from: '2027-03-31' }) });
    expect(post.status).toBe(400);
    expect(post.body.details[0]).toMatchObject({ field: 'from', code: 'past_night' });
  });

  it('at 09:59 on December 1 the night in progress is November 30 (month end)', async () => {
    clock.set(jst('2026-12-01T09:59:00'));
    const unit = await createUnit(t, provider, { capacity: 2 });
    expect((await adjust(unit.id, '2026-11-30')).status).toBe(200);
    expect((await t.request('POST', '/api/emergency-requests', { token: coordinator, body: requestBody({ from: '2026-11-30' }) })).status).toBe(201);
    clock.set(jst('2026-12-01T10:00:00'));
    expect((await adjust(unit.id, '2026-11-30')).status).toBe(400);
  });
});

describe('service night per region', () => {
  const clock = new TestClock(jst('2027-01-01T07:00:00'));
  let t: TestApp;
  let provider: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' }, { clock });
    // before the app first reads the geography (it is reference data, read once)
    await t.db.query(`UPDATE regions SET night_cutoff_minutes = 360 WHERE id = '43-uki'`);
    provider = (await t.login(DEMO.providerStaff)).accessToken;
  });
  afterAll(() => t.close());

  it('at 07:00 on New Year’s Day the night of December 31 has ended in a region cutting at 06:00, not in one cutting at 10:00', async () => {
    const uki = await createUnit(t, provider, { municipalityCode: '43213' }); // 宇城市, 宇城圏域: 06:00
    const kumamoto = await createUnit(t, provider, { municipalityCode: '43100' }); // 熊本市, 熊本圏域: 10:00
    const at = async (unitId: string, night: string) => {
      const { vacancyVersion } = await vacancies(t, provider, unitId);
      return (await t.request('POST', `/api/units/${unitId}/vacancies/adjust`, { token: provider, body: { night, gender: 'any', delta: 1, expectedVersion: vacancyVersion } })).status;
    };
    expect(await at(uki.id, '2026-12-31')).toBe(400);
    expect(await at(uki.id, '2027-01-01')).toBe(200);
    expect(await at(kumamoto.id, '2026-12-31')).toBe(200);
  });
});

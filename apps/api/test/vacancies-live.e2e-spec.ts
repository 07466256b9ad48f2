import type { Socket } from 'socket.io-client';
import type { UnitChangedEvent, VacancyChangedEvent } from '@akiwa/contracts';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, today, vacancies } from './support/units';

/** Resolves with every `event` received within `ms` (to prove that nothing arrived). */
function collect<T>(socket: Socket, event: string, ms = 400): Promise<T[]> {
  const got: T[] = [];
  const on = (p: T) => got.push(p);
  socket.on(event, on);
  return new Promise((resolve) => setTimeout(() => (socket.off(event, on), resolve(got)), ms));
}

describe('live vacancy boards', () => {
  let t: TestApp;
  let staff: string;
  let staffOrg: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    const s = await t.login(DEMO.providerStaff);
    staff = s.accessToken;
    staffOrg = s.user.organisation.id;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
  });
  afterAll(() => t.close());

  async function board(token: string, area: object | undefined) {
    const s = t.socket(token);
    await nextEvent(s, 'session:ready');
    if (area) {
      const ack = await s.timeout(2000).emitWithAck('vacancies:subscribe', area);
      expect(ack).toMatchObject({ ok: true });
    }
    return s;
  }

  it('sends a vacancy change to the unit’s municipality, region and prefecture boards and its organisation, and to no other area', async () => {
    const u = await createUnit(t, staff, { municipalityCode: '43213' });
    const muni = await board(coordinator, { municipalityCode: '43213' });
    const region = await board(coordinator, { regionId: '43-uki' });
    const pref = await board(coordinator, { prefectureCode: '43' });
    const colleague = await board(staff, undefined); // same organisation, no area subscription
    const otherMuni = await board(coordinator, { municipalityCode: '43211' });
    const otherRegion = await board(coordinator, { regionId: '43-kumamoto' });
    const otherPref = await board(coordinator, { prefectureCode: '12' });
    const unsubscribed = await board(coordinator, undefined);

    const silence = Promise.all([otherMuni, otherRegion, otherPref, unsubscribed].map((s) => collect(s, 'vacancy:changed')));
    const heard = Promise.all([muni, region, pref, colleague].map((s) => nextEvent<VacancyChangedEvent>(s, 'vacancy:changed')));
    const r = await t.request('PUT', `/api/units/${u.id}/vacancies/range`, { token: staff, body: { from: today(), to: inDays(1), gender: 'any', free: 2, expectedVersion: 1 } });
    expect(r.status).toBe(200);

    for (const e of await heard) {
      expect(e).toMatchObject({ unitId: u.id, organisationId: staffOrg, municipalityCode: '43213', vacancyVersion: 2, reason: 'edit' });
      expect(e.nights.map((n) => [n.night, n.free])).toEqual([[today(), 2], [inDays(1), 2]]);
    }
    expect(await silence).toEqual([[], [], [], []]);
  });

  it('reaches the parent city’s board for a unit in a ward', async () => {
    const u = await createUnit(t, staff, { municipalityCode: '43102' });
    const city = await board(coordinator, { municipalityCode: '43100' });
    const otherWard = await board(coordinator, { municipalityCode: '43101' });
    const silence = collect(otherWard, 'vacancy:changed');
    const heard = nextEvent<VacancyChangedEvent>(city, 'vacancy:changed');
    expect((await t.request('POST', `/api/units/${u.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: 1, expectedVersion: 1 } })).status).toBe(200);
    expect((await heard).nights).toEqual([expect.objectContaining({ night: today(), free: 1 })]);
    expect(await silence).toEqual([]);
  });

  it('sends confirmations and unit changes too, and nothing for a failed write', async () => {
    const u = await createUnit(t, staff, { municipalityCode: '43348' });
    const s = await board(coordinator, { municipalityCode: '43348' });
    const unitChanged = nextEvent<UnitChangedEvent>(s, 'unit:changed');
    expect((await t.request('PATCH', `/api/units/${u.id}`, { token: staff, body: { version: 1, note: '夜間も受入可' } })).status).toBe(200);
    expect((await unitChanged).unit).toMatchObject({ id: u.id, version: 2, note: '夜間も受入可' });

    const failed = collect(s, 'vacancy:changed');
    const stale = await t.request('POST', `/api/units/${u.id}/vacancies/confirm`, { token: staff, body: { expectedVersion: 7 } });
    expect(stale.status).toBe(409);
    expect(await failed).toEqual([]);

    const confirmed = nextEvent<VacancyChangedEvent>(s, 'vacancy:changed');
    expect((await t.request('POST', `/api/units/${u.id}/vacancies/confirm`, { token: staff, body: { expectedVersion: (await vacancies(t, staff, u.id)).vacancyVersion } })).status).toBe(200);
    expect((await confirmed).reason).toBe('confirm');
  });

  it('keeps one area per socket: a new subscription replaces the old, unsubscribe leaves it', async () => {
    const u = await createUnit(t, staff, { municipalityCode: '43213' });
    const s = await board(coordinator, { municipalityCode: '43213' });
    const ack = await s.timeout(2000).emitWithAck('vacancies:subscribe', { prefectureCode: '32' });
    expect(ack).toEqual({ ok: true, data: { rooms: ['area:pref:32'] } });
    const afterSwitch = collect(s, 'vacancy:changed');
    expect((await t.request('POST', `/api/units/${u.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: 1, expectedVersion: 1 } })).status).toBe(200);
    expect(await afterSwitch).toEqual([]);

    await s.timeout(2000).emitWithAck('vacancies:subscribe', { municipalityCode: '43213' });
    expect(await s.timeout(2000).emitWithAck('vacancies:unsubscribe')).toEqual({ ok: true });
    const afterLeave = collect(s, 'vacancy:changed');
    expect((await t.request('POST', `/api/units/${u.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: 1, expectedVersion: 2 } })).status).toBe(200);
    expect(await afterLeave).toEqual([]);
  });

  it.each([
    ['an unknown municipality', { municipalityCode: '99999' }, 'municipalityCode'],
    ['a malformed prefecture', { prefectureCode: 'kumamoto' }, 'prefectureCode'],
    ['an unknown region', { regionId: 'atlantis' }, 'regionId'],
    ['two areas at once', { prefectureCode: '43', municipalityCode: '43213' }, 'area'],
    ['no area', {}, 'area'],
    ['an unknown field', { city: '43213' }, 'city'],
    ['a non-object', 'area:pref:43', 'area'],
  ])('refuses %s with an error ack naming the field', async (_name, payload, field) => {
    const s = await board(coordinator, undefined);
    const ack = await s.timeout(2000).emitWithAck('vacancies:subscribe', payload as never);
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(ack.error.details[0].field).toBe(field);
    }
  });
});

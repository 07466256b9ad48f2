import type { UnitChangedEvent, UnitView, VacancySearchPage } from '@akiwa/contracts';
import { serviceNight } from '@akiwa/domain';
import { TestClock } from '../src/common/time/clock';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { eventWhere, postRequest } from './support/emergency';
import { createUnit, setRange, vacancies } from './support/units';

/**
 * Admissions status (issue 11, as the NHS Capacity Tracker has it): a provider marks a unit 受入停止中
 * with a reason and an end, and says whether it admits at night (夜間受入可). The figures stay; the
 * matching leaves the unit out while the pause lasts; the board shows it live, marked, ranked after
 * the units that admit. The app runs on a test clock: 01:30 is at night, 14:00 is not.
 */
describe('admissions status', () => {
  const clock = new TestClock(new Date('2026-12-02T01:30:00+09:00'));
  const tonight = () => serviceNight(clock.now());
  const hoursLater = (h: number) => new Date(clock.now().getTime() + h * 3_600_000).toISOString();
  let t: TestApp;
  let coordinator: string;
  let ukisato: { token: string; org: string };
  let misumi: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent', EMERGENCY_POLL_INTERVAL_MS: '600000' }, { clock });
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const a = await t.login(DEMO.providerStaff);
    ukisato = { token: a.accessToken, org: a.user.organisation.id };
    misumi = (await t.login(DEMO.otherProviderStaff)).accessToken;
    // うきさと's demo unit would be ruled out by 精神 whatever its status: the explanations count a
    // provider under a reason only when all its units fail it, so each test's units are its only ones
    const mine = (await t.request('GET', '/api/units?mine=true', { token: ukisato.token })).body.items as UnitView[];
    for (const u of mine) await t.request('POST', `/api/units/${u.id}/retire`, { token: ukisato.token });
  });
  afterAll(() => t.close());
  // each test's units are the only 精神 units of うきさと: the earlier tests' go
  const created: string[] = [];
  afterEach(async () => {
    for (const id of created.splice(0)) await t.request('POST', `/api/units/${id}/retire`, { token: ukisato.token });
  });

  // nobody in the demo data takes 精神 with emergencies: the units a test creates are the only ones
  const psychiatric = { needs: { categories: ['psychiatric' as const], supportLevel: 2, gender: 'female' as const } };
  const setAdmissions = (unitId: string, body: object, token = ukisato.token) => t.request<UnitView>('PUT', `/api/units/${unitId}/admissions`, { token, body });
  const pause = (unitId: string, hours = 48, reason = '感染症（インフルエンザ）発生のため') =>
    setAdmissions(unitId, { pausedUntil: hoursLater(hours), pauseReason: reason, nightAdmission: true });
  const newUnit = async (overrides: Parameters<typeof createUnit>[2] = {}) => {
    const unit = await createUnit(t, ukisato.token, overrides);
    created.push(unit.id);
    return unit;
  };
  const psychiatricUnit = async () => {
    const unit = await newUnit({ categories: ['psychiatric'], municipalityCode: '43213' });
    await setRange(t, ukisato.token, unit.id, tonight(), tonight(), 2);
    return unit;
  };

  it('pauses a unit with a reason and an end: the figures stay, the change is in the unit history and the audit log', async () => {
    const unit = await psychiatricUnit();
    const before = await vacancies(t, ukisato.token, unit.id);
    const until = hoursLater(48);
    const r = await setAdmissions(unit.id, { pausedUntil: until, pauseReason: ' 職員不足のため ', nightAdmission: false });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ admissionsPausedUntil: until, admissionsPauseReason: '職員不足のため', nightAdmission: false, version: unit.version + 1 });
    // not zeroed: the board's figures are the provider's, the pause is read beside them
    const after = await vacancies(t, ukisato.token, unit.id);
    expect(after.nights).toEqual(before.nights);
    expect(after.vacancyVersion).toBe(before.vacancyVersion);

    const history = (await t.request('GET', `/api/units/${unit.id}/history`, { token: ukisato.token })).body;
    expect(history[0]).toMatchObject({ action: 'update', snapshot: { admissionsPausedUntil: until, admissionsPauseReason: '職員不足のため', nightAdmission: false } });
    expect(history[0].changedBy.displayName).toBeTruthy();
    const [audit] = await t.db.query(`SELECT action, actor_organisation_id AS org, detail FROM audit_log WHERE subject_id = $1 AND action = 'unit.admissions'`, [unit.id]);
    expect(audit).toMatchObject({
      org: ukisato.org,
      detail: { before: { paused: false, pausedUntil: null, reason: '', nightAdmission: true }, after: { paused: true, pausedUntil: until, reason: '職員不足のため', nightAdmission: false } },
    });

    // resuming clears the reason
    const resumed = await setAdmissions(unit.id, { pausedUntil: null, pauseReason: '（残っていても消える）', nightAdmission: true });
    expect(resumed.body).toMatchObject({ admissionsPausedUntil: null, admissionsPauseReason: '', nightAdmission: true });
  });

  it.each([
    ['no reason with a pause', { pausedUntil: 'future', nightAdmission: true }, 'pauseReason', '受入停止の理由'],
    ['a blank reason', { pausedUntil: 'future', pauseReason: '　 ', nightAdmission: true }, 'pauseReason', '受入停止の理由'],
    ['a reason of 201 characters', { pausedUntil: 'future', pauseReason: 'あ'.repeat(201), nightAdmission: true }, 'pauseReason', '受入停止の理由'],
    ['an end in the past', { pausedUntil: 'past', pauseReason: '感染症', nightAdmission: true }, 'pausedUntil', '受入停止の終了日時'],
    ['an end more than a year ahead', { pausedUntil: 'far', pauseReason: '感染症', nightAdmission: true }, 'pausedUntil', '受入停止の終了日時'],
    ['an end without its time zone', { pausedUntil: '2026-12-05T10:00', pauseReason: '感染症', nightAdmission: true }, 'pausedUntil', '受入停止の終了日時'],
    ['an end that is no time', { pausedUntil: '明日の朝', pauseReason: '感染症', nightAdmission: true }, 'pausedUntil', '受入停止の終了日時'],
    ['no night admission', { pausedUntil: null }, 'nightAdmission', '夜間受入'],
  ])('refuses %s with 400 naming the field by its label', async (_name, body, field, label) => {
    const unit = await newUnit();
    const at = { future: hoursLater(2), past: hoursLater(-1), far: hoursLater(24 * 366) } as Record<string, string>;
    const pausedUntil = (body as { pausedUntil?: string | null }).pausedUntil;
    const r = await setAdmissions(unit.id, { ...body, pausedUntil: pausedUntil && at[pausedUntil] ? at[pausedUntil] : pausedUntil });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    const detail = r.body.details.find((d: { field: string }) => d.field === field);
    expect(detail).toBeDefined();
    expect(r.body.message.ja).toContain(label);
    expect(JSON.stringify(r.body.details.map((d: { message: { ja: string } }) => d.message.ja))).not.toMatch(/pausedUntil|pauseReason|nightAdmission/);
    expect((await t.request('GET', `/api/units/${unit.id}`, { token: ukisato.token })).body).toMatchObject({ admissionsPausedUntil: null, version: unit.version });
  });

  it("is set by the unit's own provider only", async () => {
    const unit = await newUnit();
    const body = { pausedUntil: hoursLater(5), pauseReason: '感染症', nightAdmission: true };
    expect((await setAdmissions(unit.id, body, coordinator)).status).toBe(403);
    expect((await setAdmissions(unit.id, body, misumi)).status).toBe(403);
    expect((await t.request('PUT', `/api/units/${unit.id}/admissions`, { body })).status).toBe(401);
    expect((await setAdmissions('00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
    expect((await t.request('GET', `/api/units/${unit.id}`, { token: ukisato.token })).body.admissionsPausedUntil).toBeNull();
    await t.request('POST', `/api/units/${unit.id}/retire`, { token: ukisato.token });
    expect((await setAdmissions(unit.id, body)).status).toBe(409);
  });

  it('leaves a paused unit out of the matching, says so, and matches it again once the pause has ended', async () => {
    const unit = await psychiatricUnit();
    expect((await pause(unit.id, 3)).status).toBe(200);
    const view = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    expect(view.recipients.map((r) => r.organisationId)).not.toContain(ukisato.org);
    expect(view.exclusions.map((e) => e.message.ja)).toContain('市町村内で受入停止中: 1事業所');
    // an acceptance through the inbox is refused as well (the unit fails the same rule)
    const accept = await t.request('POST', `/api/emergency-requests/${view.id}/accept`, { token: ukisato.token, body: { unitId: unit.id } });
    expect(accept.status).toBeGreaterThanOrEqual(400);

    clock.advance(3 * 3_600_000 + 60_000); // the end has passed: no one has to lift it by hand
    try {
      const later = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
      expect(later.recipients.map((r) => r.organisationId)).toContain(ukisato.org);
    } finally {
      clock.set(new Date('2026-12-02T01:30:00+09:00'));
    }
  });

  it('leaves a unit that cannot admit at night out of a request at night only', async () => {
    const unit = await psychiatricUnit();
    expect((await setAdmissions(unit.id, { pausedUntil: null, nightAdmission: false })).status).toBe(200);
    const atNight = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
    expect(atNight.recipients.map((r) => r.organisationId)).not.toContain(ukisato.org);
    expect(atNight.exclusions.map((e) => e.message.ja)).toContain('市町村内で夜間の受入をしていない: 1事業所');

    clock.set(new Date('2026-12-02T14:00:00+09:00')); // afternoon: arriving before the evening
    try {
      await setRange(t, ukisato.token, unit.id, tonight(), tonight(), 2);
      const daytime = await postRequest(t, coordinator, { ...psychiatric, from: tonight() });
      expect(daytime.recipients.map((r) => r.organisationId)).toContain(ukisato.org);
    } finally {
      clock.set(new Date('2026-12-02T01:30:00+09:00'));
    }
  });

  it('shows a pause on the board live, with its reason and end, figures unchanged, ranked after the units that admit', async () => {
    const paused = await psychiatricUnit();
    const open = await newUnit({ categories: ['psychiatric'], municipalityCode: '43213' });
    await setRange(t, ukisato.token, open.id, tonight(), tonight(), 1); // fewer beds: ranked after `paused` until it pauses
    const socket = t.socket(coordinator);
    await nextEvent(socket, 'session:ready');
    expect((await socket.timeout(2000).emitWithAck('vacancies:subscribe', { municipalityCode: '43213' })).ok).toBe(true);
    const search = async () =>
      (await t.request<VacancySearchPage>('GET', `/api/vacancies/search?municipalityCode=43213&from=${tonight()}&nights=1&category=psychiatric&emergencyOk=true&limit=100`, { token: coordinator })).body.items;
    const order = (items: VacancySearchPage['items']) => items.filter((h) => h.unit.id === paused.id || h.unit.id === open.id).map((h) => h.unit.id);
    expect(order(await search())).toEqual([paused.id, open.id]);

    const live = eventWhere<UnitChangedEvent>(socket, 'unit:changed', (e) => e.unit.id === paused.id);
    const until = hoursLater(24);
    expect((await setAdmissions(paused.id, { pausedUntil: until, pauseReason: '感染症発生', nightAdmission: false })).status).toBe(200);
    expect((await live).unit).toMatchObject({ admissionsPausedUntil: until, admissionsPauseReason: '感染症発生', nightAdmission: false });

    const items = await search();
    expect(order(items)).toEqual([open.id, paused.id]);
    const hit = items.find((h) => h.unit.id === paused.id)!;
    expect(hit.available).toBe(2);
    expect(hit.unit).toMatchObject({ admissionsPausedUntil: until, admissionsPauseReason: '感染症発生', nightAdmission: false });
  });
});

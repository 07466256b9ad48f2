import type { RegistrationInput, RegistrationView } from '@akiwa/contracts';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today } from './support/units';

/** Every field of 別紙3, filled in. */
function registrationBody(over: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    municipalityCode: '43213',
    form: {
      notifiedOn: '2026-11-20',
      notifier: { name: '宇城 花子', nameKana: 'うき はなこ', relation: '母' },
      registrant: { name: '山田 太郎', nameKana: 'ヤマダ　タロウ', birthDate: '1976-05-05', sex: 'male', postalCode: '869-0606', address: '熊本県宇城市小川町1-2-3', homePhone: '0964-00-0000', mobilePhone: '090-0000-0000' },
      certificates: { physicalGrade: 2, ryoiku: 'A', mentalGrade: null, independenceSupportMedical: true, specifiedMedicalExpenses: false, other: '障害年金1級' },
      careLevel: 'care_2',
      reason: '母が高齢で介護が難しくなってきたため',
      mainDisability: '知的障害（重度）、てんかん',
      servicesUsed: '生活介護（週5日）、短期入所（月4日）',
      familyDoctor: '宇城総合病院 神経内科',
      medicalCondition: 'てんかん発作 月1回程度',
      medication: 'デパケン 朝夕',
      otherNotes: '大きな音が苦手',
      expectedEmergency: '母の急病・入院：契約先の短期入所へ',
      wantedServices: '短期入所',
      emergencyContacts: [
        { name: '山田 次郎', relation: '弟', address: '熊本市中央区1-1', phone: '080-1111-2222', consented: true },
        { name: '宇城 一郎', relation: '叔父', phone: '0964-11-2222', consented: true },
      ],
      household: '母（82歳）と二人暮らし',
      careConsultant: { name: '相談 支援子', office: '宇城相談支援センター', phone: '0964-22-3333' },
      wishes: '慣れた場所で過ごしたい。夜は静かな部屋がいい',
      coordinatorNotes: '発作時は横向きに寝かせる',
    },
    profile: { categories: ['intellectual'], child: false, supportLevel: 5, specialNeeds: ['severe_behavioural'] },
    riskFlags: ['household_8050', 'ageing_carer'],
    urgencyTier: 'watch',
    contractedOrganisationId: null,
    nextReviewOn: '2027-03-31',
    consent: { by: 'proxy', on: '2026-11-20', organisationIds: [] },
    grantedDays: { daysPerMonth: 7, from: '2026-04-01', to: '2027-03-31' },
    ...over,
  };
}

describe('the registrant ledger (緊急時利用登録)', () => {
  let t: TestApp;
  let coord: string;
  let coordOrg: string;
  let coord2: string;
  let coord2Org: string;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    const c = await t.login(DEMO.coordinator);
    [coord, coordOrg] = [c.accessToken, c.user.organisation.id];
    const c2 = await t.login(DEMO.otherCoordinator);
    [coord2, coord2Org] = [c2.accessToken, c2.user.organisation.id];
    admin = (await t.login(DEMO.admin)).accessToken;
    officer = (await t.login(DEMO.officer)).accessToken;
  });
  afterAll(() => t.close());

  async function register(over: Partial<RegistrationInput> = {}, token = coord): Promise<RegistrationView> {
    const r = await t.request('POST', '/api/ledger/registrations', { token, body: registrationBody(over) });
    if (r.status !== 201) throw new Error(`register: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  it('every 別紙3 field round-trips, sealed at rest, and every read is audited', async () => {
    const body = registrationBody();
    const reg = await register();
    expect(reg.form).toEqual(body.form);
    expect(reg).toMatchObject({ municipalityCode: '43213', profile: body.profile, riskFlags: body.riskFlags, urgencyTier: 'watch', nextReviewOn: '2027-03-31', grantedDays: body.grantedDays, ageBand: '50-64', version: 1 });
    expect(reg.consent).toMatchObject({ by: 'proxy', on: '2026-11-20', organisationIds: [coordOrg] });

    const read = await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: coord });
    expect(read.status).toBe(200);
    expect(read.body.form).toEqual(body.form);

    const [row] = await t.db.query(`SELECT row_to_json(r)::text AS everything, form_encrypted FROM registrations r WHERE id = $1`, [reg.id]);
    const [person] = await t.db.query(`SELECT row_to_json(p)::text AS everything FROM persons p WHERE id = $1`, [reg.personId]);
    for (const secret of ['山田', 'ヤマダ', '1976-05-05', '宇城市小川町', '090-0000-0000', 'デパケン', '山田 次郎', '慣れた場所']) {
      expect(row.everything).not.toContain(secret);
      expect(person.everything).not.toContain(secret);
      expect(row.form_encrypted.includes(Buffer.from(secret))).toBe(false);
    }
    const audits = await t.db.query(`SELECT action FROM audit_log WHERE subject_type = 'registration' AND subject_id = $1 ORDER BY id`, [reg.id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['registration.create', 'registration.read', 'registration.read']);
  });

  it('validation names the fields by their Japanese labels', async () => {
    const bad = registrationBody();
    bad.form.registrant.nameKana = 'yamada';
    bad.form.emergencyContacts[0].phone = 'x';
    (bad as unknown as { urgencyTier: string }).urgencyTier = 'soon';
    const r = await t.request('POST', '/api/ledger/registrations', { token: coord, body: bad });
    expect(r.status).toBe(400);
    const byField = Object.fromEntries(r.body.details.map((d: { field: string; message: { ja: string } }) => [d.field, d.message.ja]));
    expect(byField['form.registrant.nameKana']).toContain('「登録者のふりがな」');
    expect(byField['form.emergencyContacts.0.phone']).toContain('「緊急連絡先の連絡先」');
    expect(byField.urgencyTier).toContain('「緊急度区分」');
    expect(r.body.message.ja).toContain('登録者のふりがな');

    const noConsent = registrationBody();
    noConsent.form.emergencyContacts[1].consented = false;
    const c = await t.request('POST', '/api/ledger/registrations', { token: coord, body: noConsent });
    expect(c.status).toBe(400);
    expect(c.body.details[0]).toMatchObject({ field: 'form.emergencyContacts.1.consented' });
    expect(c.body.details[0].message.ja).toContain('「緊急連絡先本人の同意」');
  });

  it('kana search finds 「ヤマダ　タロウ」 from 「やまだたろう」 and 「ﾔﾏﾀﾞﾀﾛｳ」, kanji with spaces and old forms, by birth date and flags', async () => {
    const reg = await register({ form: { ...registrationBody().form, registrant: { ...registrationBody().form.registrant, name: '髙橋 一郎', nameKana: 'タカハシ　イチロウ', birthDate: '1980-01-02' } } });
    const search = async (q: string) => (await t.request('GET', `/api/ledger/registrations?${q}`, { token: coord })).body.map((r: { id: string }) => r.id);
    expect(await search(`name=${encodeURIComponent('たかはしいちろう')}`)).toEqual([reg.id]);
    expect(await search(`name=${encodeURIComponent('ﾀｶﾊｼｲﾁﾛｳ')}`)).toEqual([reg.id]);
    expect(await search(`name=${encodeURIComponent('高橋一郎')}`)).toEqual([reg.id]);
    expect(await search(`name=${encodeURIComponent('高橋　一郎')}`)).toEqual([reg.id]);
    expect(await search(`birthDate=1980-01-02`)).toEqual([reg.id]);
    expect(await search(`name=${encodeURIComponent('たかはしじろう')}`)).toEqual([]);
    const yamada = (await search(`name=${encodeURIComponent('やまだたろう')}`)) as string[];
    expect(yamada.length).toBeGreaterThan(0);
    expect(await search(`name=${encodeURIComponent('ﾔﾏﾀﾞﾀﾛｳ')}`)).toEqual(yamada);
    expect(await search(`name=${encodeURIComponent('ヤマダ タロウ')}&riskFlag=household_8050&urgencyTier=watch`)).toEqual(yamada);
    expect(await search(`name=${encodeURIComponent('ヤマダ タロウ')}&riskFlag=living_alone`)).toEqual([]);
    // another centre, without consent, finds nothing
    const other = await t.request('GET', `/api/ledger/registrations?name=${encodeURIComponent('やまだたろう')}`, { token: coord2 });
    expect(other.body).toEqual([]);
  });

  it('overdue reviews are listed, and changes keep their history (who, when, which fields)', async () => {
    const reg = await register({ nextReviewOn: inDays(-3) });
    const overdue = await t.request('GET', '/api/ledger/registrations?reviewOverdue=true', { token: coord });
    expect(overdue.body.map((r: { id: string }) => r.id)).toContain(reg.id);
    expect(overdue.body.every((r: { reviewOverdue: boolean }) => r.reviewOverdue)).toBe(true);

    const { id: _, personId: __, ...rest } = reg;
    const form = { ...reg.form, medication: 'デパケン 朝夕、リスパダール 夕' };
    const put = await t.request('PUT', `/api/ledger/registrations/${reg.id}`, {
      token: coord,
      body: { ...registrationBody(), form, nextReviewOn: inDays(180), consent: { by: 'proxy', on: '2026-11-20', organisationIds: [] }, expectedVersion: rest.version },
    });
    expect(put.status).toBe(200);
    expect(put.body.form.medication).toBe('デパケン 朝夕、リスパダール 夕');
    const stale = await t.request('PUT', `/api/ledger/registrations/${reg.id}`, { token: coord, body: { ...registrationBody(), expectedVersion: 1 } });
    expect(stale.status).toBe(409);
    const history = await t.request('GET', `/api/ledger/registrations/${reg.id}/history`, { token: coord });
    expect(history.body.map((h: { action: string }) => h.action)).toEqual(['create', 'update']);
    expect(history.body[1].fields).toEqual(['form.medication', 'nextReviewOn']);
    expect(history.body[1].byName).toBeTruthy();
  });

  it('consent: a second centre reads only once shared, and withdrawal stops it at once', async () => {
    const reg = await register();
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: coord2 })).status).toBe(404);
    const shared = await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations`, { token: coord, body: { organisationId: coord2Org } });
    expect(shared.status).toBe(200);
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: coord2 })).status).toBe(200);
    // the person (trial stays) is the same record, shared too
    expect((await t.request('GET', '/api/trial-persons', { token: coord2 })).body.map((p: { id: string }) => p.id)).toContain(reg.personId);

    const w = await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations/${coord2Org}/withdraw`, { token: coord });
    expect(w.status).toBe(200);
    expect(w.body.consent.organisationIds).toEqual([coordOrg]);
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: coord2 })).status).toBe(404);
    expect((await t.request('GET', `/api/trial-persons/${reg.personId}/summary`, { token: coord2 })).status).toBe(404);
    expect((await t.request('GET', '/api/trial-persons', { token: coord2 })).body.map((p: { id: string }) => p.id)).not.toContain(reg.personId);
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}/request-draft`, { token: coord2 })).status).toBe(404);
  });

  it('the 50-night limit is per person: a person known to two centres gets one allowance', async () => {
    // a small policy so that the test books few nights: 5 consecutive, 6 per fiscal year
    expect((await t.request('PUT', '/api/trial-stay-policies/43213', { token: admin, body: { maxConsecutiveNights: 5, maxNightsPerFiscalYear: 6 } })).status).toBe(200);
    const home = (await t.login(DEMO.otherProviderStaff)).accessToken;
    const rooms = [];
    for (let i = 0; i < 2; i++) {
      const u = await createUnit(t, home, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, categories: ['intellectual'], roomGender: 'either', capacity: 1 });
      expect((await t.request('PUT', `/api/trial-stays/units/${u.id}/offer`, { token: home, body: { houseRules: '', whatToBring: '', openings: [{ from: inDays(1), to: inDays(40) }] } })).status).toBe(200);
      rooms.push(u);
    }
    const reg = await register();
    await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations`, { token: coord, body: { organisationId: coord2Org } });
    const book = (token: string, unitId: string, from: number, to: number) =>
      t.request('POST', '/api/trial-stays', { token, body: { unitId, personId: reg.personId, from: inDays(from), to: inDays(to) } });
    expect((await book(coord, rooms[0].id, 1, 5)).status).toBe(201); // 4 nights by the first centre
    const over = await book(coord2, rooms[1].id, 10, 13); // 3 more by the second: 7 > 6
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('policy_limit');
    expect((await book(coord2, rooms[1].id, 10, 12)).status).toBe(201); // 2 more: 6
    const summary = await t.request('GET', `/api/trial-persons/${reg.personId}/summary`, { token: coord2 });
    expect(summary.body).toMatchObject({ used: 6, remaining: 0 });
  });

  it('a request starts pre-filled from the ledger; the provider reads the registration only as the confirmed placement', async () => {
    const staff = (await t.login(DEMO.providerStaff)).accessToken;
    const unit = await createUnit(t, staff, { categories: ['intellectual'], specialNeeds: ['severe_behavioural'] });
    await setRange(t, staff, unit.id, today(), today(), 1);
    const reg = await register();
    const draft = await t.request('GET', `/api/ledger/registrations/${reg.id}/request-draft`, { token: coord });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({
      personId: reg.personId,
      municipalityCode: '43213',
      urgency: 'watch',
      coordinatorNotes: '発作時は横向きに寝かせる',
      needs: { ageBand: '50-64', gender: 'male', categories: ['intellectual'], child: false, supportLevel: 5, specialNeeds: ['severe_behavioural'] },
    });
    const posted = await t.request('POST', '/api/emergency-requests', {
      token: coord,
      body: { needs: draft.body.needs, municipalityCode: draft.body.municipalityCode, urgency: 'emergency', from: today(), nights: 1, situation: '母が救急搬送', registrationId: reg.id },
    });
    expect(posted.status).toBe(201);
    const [req] = await t.db.query(`SELECT person_id FROM emergency_requests WHERE id = $1`, [posted.body.id]);
    expect(req.person_id).toBe(reg.personId);

    // before confirmation: the provider is told (de-identified) but reads nothing
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: staff })).status).toBe(404);
    const inbox = await t.request('GET', `/api/inbox/${posted.body.id}`, { token: staff });
    expect(JSON.stringify(inbox.body)).not.toContain('山田');
    const offer = await t.request('POST', `/api/emergency-requests/${posted.body.id}/accept`, { token: staff, body: { unitId: unit.id } });
    expect(offer.status).toBe(201);
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: staff })).status).toBe(404);
    const confirm = await t.request('POST', `/api/emergency-requests/${posted.body.id}/confirm`, { token: coord, body: { offerId: offer.body.response.offer.id } });
    expect(confirm.status).toBe(200);

    // step ⑧: the placed provider gets the person, the contacts and the medication, audited
    const item = await t.request('GET', `/api/inbox/${posted.body.id}`, { token: staff });
    expect(item.body.person).toMatchObject({ name: '山田 太郎', nameKana: 'ヤマダ　タロウ', birthDate: '1976-05-05' });
    expect(item.body.person.emergencyContact).toContain('080-1111-2222');
    expect(item.body.person.medicalNotes).toContain('デパケン');
    const full = await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: staff });
    expect(full.status).toBe(200);
    expect(full.body.form.medication).toBe('デパケン 朝夕');
    const staffOrg = (await t.login(DEMO.providerStaff)).user.organisation.id;
    const [audit] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registration.read' AND subject_id = $1 AND actor_organisation_id = $2`, [reg.id, staffOrg]);
    expect(audit.n).toBe(1);

    // consent withdrawn for the provider: blocked at once, though it is the placement
    expect((await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations/${staffOrg}/withdraw`, { token: coord })).status).toBe(200);
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: staff })).status).toBe(404);
  });

  it('counts registered persons per municipality (the annual report’s 登録者数)', async () => {
    const r = await t.request('GET', '/api/ledger/count?municipalityCode=43213', { token: officer });
    expect(r.status).toBe(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM registrations WHERE municipality_code = '43213'`);
    expect(r.body).toEqual([{ municipalityCode: '43213', registered: n }]);
    expect(n).toBeGreaterThan(0);
    expect((await t.request('GET', '/api/ledger/count', { token: (await t.login(DEMO.providerStaff)).accessToken })).status).toBe(403);
  });
});

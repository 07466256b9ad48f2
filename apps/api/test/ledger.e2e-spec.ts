import * as iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import type { RegistrationInput, RegistrationView } from '@akiwa/contracts';
import { Client } from 'pg';
import { asRole, roleOf } from '../src/database/app-role';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today } from './support/units';

/** Sharing rows whose copy of the list's columns differs from their person's registration (all of them). */
const DRIFT = `SELECT count(*)::int AS n FROM person_organisations s LEFT JOIN registrations r ON r.person_id = s.person_id
               WHERE (s.registration_id, s.urgency_tier, s.next_review_on, s.municipality_code, s.risk_flags)
                     IS DISTINCT FROM (r.id, r.urgency_tier, r.next_review_on, r.municipality_code, r.risk_flags)`;

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

  it('a search page is shown only once its audit row (the one id, or the ids) is written and sealed; a page that cannot be audited is not shown', async () => {
    const registrant = { ...registrationBody().form.registrant, name: '監査 一子', nameKana: 'カンサ　イチコ', birthDate: '1951-02-03' };
    const a = await register({ form: { ...registrationBody().form, registrant } });
    const b = await register({ form: { ...registrationBody().form, registrant: { ...registrant, birthDate: '1951-02-04' } } });
    const lastAudit = async () =>
      (await t.owner(`SELECT a.id::text, a.actor_organisation_id AS org, a.action, a.subject_id AS subject, a.detail, s.mac FROM audit_log a LEFT JOIN audit_log_seals s ON s.id = a.id ORDER BY a.id DESC LIMIT 1`))[0];
    const search = (q: string) => t.request('GET', `/api/ledger/registrations?${q}`, { token: coord });

    const both = await search(`name=${encodeURIComponent('かんさいちこ')}`);
    expect(both.body.map((r: { id: string }) => r.id).sort()).toEqual([a.id, b.id].sort());
    const listed = await lastAudit();
    expect(listed).toMatchObject({ org: coordOrg, action: 'registration.list', subject: 'list' });
    expect([...listed.detail.ids].sort()).toEqual([a.id, b.id].sort());
    expect(listed.mac).toMatch(/^[0-9a-f]{64}$/);

    expect((await search('birthDate=1951-02-04')).body.map((r: { id: string }) => r.id)).toEqual([b.id]);
    expect(await lastAudit()).toMatchObject({ action: 'registration.list', subject: b.id, detail: {} });
    const before = (await lastAudit()).id;
    expect((await search(`name=${encodeURIComponent('かんさにこ')}`)).body).toEqual([]);
    expect((await lastAudit()).id).toBe(before); // nothing shown, nothing logged

    // the seal cannot be written: the page is refused, and its audit row rolled back with it
    await t.owner(`CREATE FUNCTION test_refuse_seal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'seal refused'; END $$`);
    await t.owner(`CREATE TRIGGER test_refuse_seal BEFORE INSERT ON audit_log_seals FOR EACH ROW EXECUTE FUNCTION test_refuse_seal()`);
    try {
      const refused = await search(`name=${encodeURIComponent('かんさいちこ')}`);
      expect(refused.status).toBe(500);
      expect(JSON.stringify(refused.body)).not.toContain('監査');
      expect((await lastAudit()).id).toBe(before);
    } finally {
      await t.owner(`DROP TRIGGER test_refuse_seal ON audit_log_seals; DROP FUNCTION test_refuse_seal()`);
    }
    expect((await search(`name=${encodeURIComponent('かんさいちこ')}`)).status).toBe(200); // the connection went back to the pool clean
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
    const listed = async () => (await t.request('GET', '/api/ledger/registrations?urgencyTier=watch&riskFlag=ageing_carer', { token: coord2 })).body.map((r: { id: string }) => r.id);
    expect(await listed()).toContain(reg.id); // the filter-only list (a different query shape from name search)
    // the person (trial stays) is the same record, shared too
    expect((await t.request('GET', '/api/trial-persons', { token: coord2 })).body.map((p: { id: string }) => p.id)).toContain(reg.personId);

    const w = await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations/${coord2Org}/withdraw`, { token: coord });
    expect(w.status).toBe(200);
    expect(w.body.consent.organisationIds).toEqual([coordOrg]);
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}`, { token: coord2 })).status).toBe(404);
    expect(await listed()).not.toContain(reg.id);
    expect((await t.request('GET', `/api/trial-persons/${reg.personId}/summary`, { token: coord2 })).status).toBe(404);
    expect((await t.request('GET', '/api/trial-persons', { token: coord2 })).body.map((p: { id: string }) => p.id)).not.toContain(reg.personId);
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}/request-draft`, { token: coord2 })).status).toBe(404);
  });

  it("the sharing rows' copy of what the list filters on stays exact through create, update, share, withdraw and direct SQL", async () => {
    // every sharing row against its person's registration (all of them, whatever the other tests wrote)
    const drift = async () => (await t.db.query(DRIFT))[0].n;
    const listed = async (q: string, token = coord2) => (await t.request('GET', `/api/ledger/registrations?${q}`, { token })).body.map((r: { id: string }) => r.id);
    const reg = await register({ urgencyTier: 'normal', riskFlags: ['living_alone'], nextReviewOn: inDays(30) });
    expect(await drift()).toBe(0);
    expect((await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations`, { token: coord, body: { organisationId: coord2Org } })).status).toBe(200);
    expect(await drift()).toBe(0);
    expect(await listed('riskFlag=living_alone&urgencyTier=normal')).toContain(reg.id);

    const put = await t.request('PUT', `/api/ledger/registrations/${reg.id}`, {
      token: coord,
      body: { ...registrationBody(), urgencyTier: 'emergency', riskFlags: ['medical_care'], nextReviewOn: inDays(-2), consent: { by: 'proxy', on: '2026-11-20', organisationIds: [] }, expectedVersion: reg.version },
    });
    expect(put.status).toBe(200);
    expect(await drift()).toBe(0);
    expect(await listed('riskFlag=living_alone')).not.toContain(reg.id);
    expect((await listed('riskFlag=medical_care&urgencyTier=emergency&reviewOverdue=true'))[0]).toBe(reg.id); // emergencies first, the oldest review first

    await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations/${coord2Org}/withdraw`, { token: coord });
    expect(await drift()).toBe(0);
    expect(await listed('riskFlag=medical_care')).not.toContain(reg.id);
    await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations`, { token: coord, body: { organisationId: coord2Org } });
    expect(await listed('riskFlag=medical_care')).toContain(reg.id);

    // SQL that bypasses the app: the database keeps the copy, and refuses a hand-written one
    await t.db.query(`UPDATE registrations SET urgency_tier = 'watch', municipality_code = '43213', risk_flags = '{severe_behavioural}' WHERE id = $1`, [reg.id]);
    expect(await drift()).toBe(0);
    await t.db.query(`UPDATE person_organisations SET urgency_tier = 'normal', risk_flags = '{}' WHERE person_id = $1`, [reg.personId]);
    expect(await drift()).toBe(0);
    expect(await listed('riskFlag=severe_behavioural&urgencyTier=watch')).toContain(reg.id);
  });

  it('bulk writes keep the copy exact with a few statement-level trigger runs, not one per row', async () => {
    // as the schema owner (a superuser on the test server: track_functions is superuser-only), in one transaction rolled back
    const c = new Client({ connectionString: asRole(t.env.DATABASE_URL, roleOf(process.env.AKIWA_TEST_ADMIN_URL!)) });
    await c.connect();
    const drift = async () => (await c.query(DRIFT)).rows[0].n;
    try {
      await c.query('BEGIN');
      await c.query(`SET LOCAL track_functions = 'pl'`);
      const persons: string[] = (
        await c.query(
          `INSERT INTO persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs)
           SELECT gen_random_uuid(), $1, decode('00', 'hex'), '30-49', 'female', '43213', '{physical}', 2, '{}' FROM generate_series(1, 300) RETURNING id`,
          [coordOrg],
        )
      ).rows.map((r) => r.id);
      await c.query(
        `INSERT INTO registrations(person_id, organisation_id, municipality_code, form_encrypted, notified_on, gender, categories, child, support_level,
                                   risk_flags, urgency_tier, next_review_on, consent_by, consented_on, name_index, birth_index)
         SELECT p, $2, '43213', decode('00', 'hex'), '2026-04-01', 'female', '{physical}', false, 2,
                (ARRAY['{}', '{medical_care}', '{living_alone,ageing_carer}'])[(1 + i % 3)::int]::text[], (ARRAY['emergency', 'watch', 'normal'])[(1 + i % 3)::int],
                date '2027-01-01' + i::int, 'self', '2026-04-01', decode(md5(p::text), 'hex'), decode(md5(p::text || 'b'), 'hex')
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(p, i) WHERE i <= 290`,
        [persons, coordOrg],
      );
      await c.query(`INSERT INTO person_organisations(person_id, organisation_id) SELECT unnest($1::uuid[]), $2`, [persons, coord2Org]);
      // 300 persons, 290 registrations, 300 more sharing rows: a few trigger runs per statement (the row triggers before: 1,191 calls)
      const { calls } = (await c.query(`SELECT coalesce(sum(calls), 0)::int AS calls FROM pg_stat_xact_user_functions`)).rows[0];
      expect(calls).toBeLessThanOrEqual(20);
      expect(await drift()).toBe(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM person_organisations WHERE person_id = ANY ($1) AND registration_id IS NOT NULL`, [persons])).rows[0].n).toBe(580);

      await c.query(`UPDATE registrations SET urgency_tier = 'emergency', risk_flags = '{severe_behavioural}', next_review_on = NULL WHERE person_id = ANY ($1) AND urgency_tier = 'normal'`, [persons]);
      expect(await drift()).toBe(0);
      // a registration moved to a person who had none, another deleted: both persons' sharing rows follow
      await c.query(`UPDATE registrations SET person_id = $1 WHERE person_id = $2`, [persons[295], persons[0]]);
      await c.query(`DELETE FROM registrations WHERE person_id = $1`, [persons[1]]);
      expect(await drift()).toBe(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM person_organisations WHERE person_id = ANY ($1) AND registration_id IS NOT NULL`, [persons])).rows[0].n).toBe(578);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end();
    }
  });

  it("a share written while the person's registration is being changed waits for it, and takes the committed values", async () => {
    const ownerUrl = asRole(t.env.DATABASE_URL, roleOf(process.env.AKIWA_TEST_ADMIN_URL!));
    const [changer, sharer] = [new Client({ connectionString: ownerUrl }), new Client({ connectionString: ownerUrl })];
    await Promise.all([changer.connect(), sharer.connect()]);
    let personId: string | undefined;
    try {
      personId = (
        await changer.query(
          `INSERT INTO persons(organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs)
           VALUES ($1, decode('00', 'hex'), '30-49', 'female', '43213', '{physical}', 2, '{}') RETURNING id`,
          [coordOrg],
        )
      ).rows[0].id;
      await changer.query(
        `INSERT INTO registrations(person_id, organisation_id, municipality_code, form_encrypted, notified_on, gender, categories, child, support_level,
                                   risk_flags, urgency_tier, next_review_on, consent_by, consented_on, name_index, birth_index)
         VALUES ($1::uuid, $2, '43213', decode('00', 'hex'), '2026-04-01', 'female', '{physical}', false, 2, '{}', 'watch', NULL, 'self', '2026-04-01',
                 decode(md5($1::text), 'hex'), decode(md5($1::text || 'b'), 'hex'))`,
        [personId, coordOrg],
      );
      await changer.query('BEGIN');
      await changer.query(`UPDATE registrations SET urgency_tier = 'emergency' WHERE person_id = $1`, [personId]);
      let shared = false;
      const share = sharer.query(`INSERT INTO person_organisations(person_id, organisation_id) VALUES ($1, $2)`, [personId, coord2Org]).then(() => (shared = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(shared).toBe(false); // waiting for the change
      await changer.query('COMMIT');
      await share;
      const rows = (await changer.query(`SELECT organisation_id, urgency_tier FROM person_organisations WHERE person_id = $1 ORDER BY organisation_id = $2`, [personId, coordOrg])).rows;
      expect(rows.map((r) => r.urgency_tier)).toEqual(['emergency', 'emergency']);
      expect((await changer.query(DRIFT)).rows[0].n).toBe(0);
    } finally {
      await changer.query('ROLLBACK').catch(() => undefined);
      if (personId) await changer.query(`DELETE FROM registrations WHERE person_id = $1`, [personId]);
      if (personId) await changer.query(`DELETE FROM persons WHERE id = $1`, [personId]);
      await Promise.all([changer.end(), sharer.end()]);
    }
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
    // nor the person's details carried on the request
    const after = await t.request('GET', `/api/inbox/${posted.body.id}`, { token: staff });
    expect(after.status).toBe(200);
    expect(after.body.person).toBeNull();
  });

  it('支給量: the confirm step shows the days left this month and warns when the stay exceeds them (counted from placements by any centre)', async () => {
    const staff = (await t.login(DEMO.providerStaff)).accessToken;
    const unit = await createUnit(t, staff, { categories: ['intellectual'], specialNeeds: ['severe_behavioural'], capacity: 2 });
    // two stays inside one calendar month: base .. base+4
    const base = [0, 1, 2, 3, 4, 5].find((o) => inDays(o).slice(0, 7) === inDays(o + 4).slice(0, 7))!;
    await setRange(t, staff, unit.id, inDays(base), inDays(base + 4), 2);
    const reg = await register({ grantedDays: { daysPerMonth: 4, from: null, to: null } });
    await t.request('POST', `/api/ledger/registrations/${reg.id}/organisations`, { token: coord, body: { organisationId: coord2Org } });
    const draft = (await t.request('GET', `/api/ledger/registrations/${reg.id}/request-draft`, { token: coord })).body;
    const place = async (token: string, from: number, nights: number) => {
      const draftBy = (await t.request('GET', `/api/ledger/registrations/${reg.id}/request-draft`, { token })).body;
      const posted = await t.request('POST', '/api/emergency-requests', {
        token,
        body: { needs: draftBy.needs, municipalityCode: draft.municipalityCode, urgency: 'emergency', from: inDays(from), nights, situation: '介護者の入院', registrationId: reg.id },
      });
      expect(posted.status).toBe(201);
      const offer = await t.request('POST', `/api/emergency-requests/${posted.body.id}/accept`, { token: staff, body: { unitId: unit.id } });
      expect(offer.status).toBe(201);
      return { id: posted.body.id as string, offerId: offer.body.response.offer.id as string };
    };
    // the second centre places a first stay of 1 night: 2 days of the month
    const first = await place(coord2, base, 1);
    const placed = await t.request('POST', `/api/emergency-requests/${first.id}/confirm`, { token: coord2, body: { offerId: first.offerId } });
    expect(placed.status).toBe(200);
    expect(placed.body.grantedDays.months).toEqual([{ month: inDays(base).slice(0, 7), granted: 4, used: 0, stay: 2, remaining: 4, exceeds: false }]);

    // the first centre's stay of 2 nights adds 3 days: 2 + 3 > 4, shown before and after confirming
    const second = await place(coord, base + 2, 2);
    const before = await t.request('GET', `/api/emergency-requests/${second.id}`, { token: coord });
    expect(before.body.grantedDays).toMatchObject({ daysPerMonth: 4, exceeds: true, months: [{ month: inDays(base).slice(0, 7), used: 2, stay: 3, remaining: 2, exceeds: true }] });
    const confirmed = await t.request('POST', `/api/emergency-requests/${second.id}/confirm`, { token: coord, body: { offerId: second.offerId } });
    expect(confirmed.status).toBe(200); // a warning, not a refusal: the consultant is asked to extend (seed 000 ④)
    expect(confirmed.body.grantedDays.exceeds).toBe(true);
  });

  /** A spreadsheet of the ledger: the export's own header, rows from registrationBody. */
  function ledgerCsv(rows: string[][]): string {
    return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
  }
  const HEADER = ['届出日', '届出者 氏名', '届出者 続柄', '氏名', 'ふりがな', '生年月日', '性別', '住所', '服薬', '緊急連絡先1 氏名', '緊急連絡先1 続柄', '緊急連絡先1 連絡先', '緊急連絡先1 本人の同意', '市区町村コード', '障害種別', '障害支援区分', 'リスク', '緊急度区分', '支給量（日／月）', '同意者', '同意日'];
  const row = (name: string, kana: string, birth: string, over: Partial<Record<string, string>> = {}) =>
    HEADER.map((h) => over[h] ?? ({ 届出日: '2026/11/20', '届出者 氏名': '宇城 花子', '届出者 続柄': '母', 氏名: name, ふりがな: kana, 生年月日: birth, 性別: '女性', 住所: '宇城市松橋町1-1', 服薬: 'なし', '緊急連絡先1 氏名': '宇城 一郎', '緊急連絡先1 続柄': '兄', '緊急連絡先1 連絡先': '090-1234-5678', '緊急連絡先1 本人の同意': 'はい', 市区町村コード: '43213', 障害種別: '知的、身体', 障害支援区分: '4', リスク: '独居・高齢の介護者', 緊急度区分: '緊急予備軍', '支給量（日／月）': '5', 同意者: '本人', 同意日: '2026-11-20' } as Record<string, string>)[h]);
  const importCsv = (body: Buffer, contentType = 'text/csv') => t.request('POST', '/api/ledger/import', { token: coord, rawBody: body, headers: { 'content-type': contentType } });
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM registrations`))[0].n as number;

  it('CSV import (UTF-8 BOM or Shift_JIS) is all-or-nothing: one bad row writes nothing, and its errors name row and column in Japanese', async () => {
    const n = await count();
    const bad = ledgerCsv([HEADER, row('松橋 春子', 'まつばせ はるこ', '1960-04-01'), row('松橋 夏子', 'matsubase', '1962-13-01', { 緊急度区分: '至急' })]);
    const r = await importCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bad)]));
    expect(r.status).toBe(400);
    expect(r.body.message.ja).toContain('どの行も取り込んでいません');
    expect(r.body.report.errors.every((e: { row: number }) => e.row === 3)).toBe(true);
    const messages = r.body.report.errors.map((e: { message: { ja: string } }) => e.message.ja).join('\n');
    expect(messages).toContain('「緊急度区分」の値「至急」は使えません');
    expect(messages).toContain('「ふりがな」');
    expect(messages).toContain('「生年月日」');
    expect(await count()).toBe(n);
    const [{ n: persons }] = await t.db.query(`SELECT count(*)::int AS n FROM registrations r JOIN persons p ON p.id = r.person_id`);
    expect(persons).toBe(n);

    // the same ledger saved by Excel on Japanese Windows (Shift_JIS), corrected: both rows written
    const good = ledgerCsv([HEADER, row('松橋 春子', 'まつばせ はるこ', '1960-04-01'), row('松橋 夏子', 'まつばせ なつこ', '1962-12-01')]);
    const ok = await importCsv(iconv.encode(good, 'cp932'), 'text/csv; charset=Shift_JIS');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, written: 2, errors: [] });
    expect(await count()).toBe(n + 2);
    const found = await t.request('GET', `/api/ledger/registrations?name=${encodeURIComponent('ﾏﾂﾊﾞｾﾅﾂｺ')}`, { token: coord });
    expect(found.body).toHaveLength(1);
    const reg = (await t.request('GET', `/api/ledger/registrations/${found.body[0].id}`, { token: coord })).body;
    expect(reg).toMatchObject({ riskFlags: ['living_alone', 'ageing_carer'], urgencyTier: 'watch', grantedDays: { daysPerMonth: 5 }, profile: { categories: ['intellectual', 'physical'], supportLevel: 4, child: false } });
    expect(reg.form).toMatchObject({ notifiedOn: '2026-11-20', medication: 'なし', emergencyContacts: [{ name: '宇城 一郎', relation: '兄', phone: '090-1234-5678', consented: true }] });
    expect((await t.request('GET', `/api/ledger/registrations/${reg.id}/history`, { token: coord })).body.map((h: { action: string }) => h.action)).toEqual(['import']);

    // imported again: the same persons are refused as already registered
    const again = await importCsv(Buffer.from(good));
    expect(again.status).toBe(400);
    expect(again.body.report.errors.map((e: { row: number; message: { ja: string } }) => [e.row, e.message.ja])).toEqual([
      [2, 'この方（ふりがな・生年月日）は既に台帳に登録されています'],
      [3, 'この方（ふりがな・生年月日）は既に台帳に登録されています'],
    ]);
  });

  it('exports the consented ledger of a municipality as CSV (audited), which reads back with the import’s columns', async () => {
    const reg = await register();
    const r = await fetch(`${t.url}/api/ledger/export.csv?municipalityCode=43213`, { headers: { authorization: `Bearer ${coord}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('ledger-43213-');
    const text = (await r.text()).replace(/^\uFEFF/, '');
    const rows: Record<string, string>[] = parse(text, { columns: true });
    const mine = rows.filter((x) => x['生年月日'] === '1976-05-05' && x['氏名'] === '山田 太郎');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ ふりがな: 'ヤマダ　タロウ', 療育手帳: 'A', 要介護区分: '要介護2', '緊急連絡先2 氏名': '宇城 一郎', 緊急度区分: '緊急予備軍', リスク: '8050世帯、高齢の介護者', '支給量（日／月）': '7' });
    const [audit] = await t.db.query(`SELECT detail FROM audit_log WHERE action = 'registration.export_csv' ORDER BY id DESC LIMIT 1`);
    expect(audit.detail.ids).toContain(reg.id);
    // another centre exports only the persons shared with it
    const other = await (await fetch(`${t.url}/api/ledger/export.csv`, { headers: { authorization: `Bearer ${coord2}` } })).text();
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM person_organisations WHERE organisation_id = $1 AND withdrawn_at IS NULL AND person_id IN (SELECT person_id FROM registrations)`, [coord2Org]);
    expect(parse(other.replace(/^\uFEFF/, ''), { columns: true })).toHaveLength(n);
    expect(n).toBeLessThan((await count()) - 1);
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

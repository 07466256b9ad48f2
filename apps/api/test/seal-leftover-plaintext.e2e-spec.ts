import type { QueryRunner } from 'typeorm';
import type { TrialPersonSummary, TrialStayView, WaitingEntryView } from '@akiwa/contracts';
import { PersonalDataCipher } from '../src/common/crypto/personal-data.cipher';
import { asRole, DEFAULT_APP_ROLE, roleOf } from '../src/database/app-role';
import { runMigrations } from '../src/database/migrate';
import { SealLeftoverPlaintext1765867000000 } from '../src/database/migrations/1765867000000-seal-leftover-plaintext';
import { trialAad } from '../src/trial-stays/trial-personal-data';
import { postRequest } from './support/emergency';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, today } from './support/units';

const NAME = 'SealLeftoverPlaintext1765867000000';
/** What an earlier version (or the old demo loader) left in plaintext, each text unique. */
const OLD = {
  situation: '旧版の状況：母が救急搬送',
  personName: '旧版 次郎',
  stayNote: '旧版のメモ：夜間に不穏',
  stayReason: '旧版の理由：本人が入院',
  waitingName: '旧版 三郎',
  waitingNotes: '旧版の待機メモ：親が要介護',
};
const PLAINTEXT_COLUMNS = [
  'emergency_requests.situation',
  'persons.display_name',
  'persons.name_from_waiting_entry',
  'trial_stays.note',
  'trial_stays.reason',
  'waiting_list_entries.display_name',
  'waiting_list_entries.notes',
];

/** Issue 9: the start-up "encrypt plaintext" jobs are gone; this migration seals what they would have, then drops the columns. */
describe('migration SealLeftoverPlaintext: plaintext rows of an earlier version are sealed, the plaintext columns dropped', () => {
  let t: TestApp;
  let ownerUrl: string;
  let runner: QueryRunner;
  beforeAll(async () => {
    t = await startTestApp();
    ownerUrl = asRole(t.env.DATABASE_URL, roleOf(process.env.AKIWA_TEST_ADMIN_URL!));
    runner = { query: (sql: string, params?: unknown[]) => t.owner(sql, params) } as unknown as QueryRunner;
  });
  afterAll(() => t.close());

  const plaintextColumns = async () =>
    (await t.owner<{ c: string }>(
      `SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name || '.' || column_name = ANY($1::text[]) ORDER BY 1`,
      [PLAINTEXT_COLUMNS],
    )).map((r) => r.c);
  const migrate = async (cipher?: PersonalDataCipher) => {
    await t.owner(`DELETE FROM migrations WHERE name = $1`, [NAME]);
    return runMigrations(ownerUrl, { name: DEFAULT_APP_ROLE }, cipher);
  };

  it('seals situations, names, notes, reasons and names kept from a waiting entry, readable through the API; down and up again', async () => {
    const coord = await t.login(DEMO.coordinator);
    const home = await t.login(DEMO.otherProviderStaff);
    const [coordOrg, homeOrg] = [coord.user.organisation.id, home.user.organisation.id];
    const cipher = t.app.get(PersonalDataCipher);
    const request = await postRequest(t, coord.accessToken);
    const unit = await createUnit(t, home.accessToken, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, roomGender: 'either', capacity: 1 });
    expect(
      (await t.request('PUT', `/api/trial-stays/units/${unit.id}/offer`, { token: home.accessToken, body: { houseRules: '', whatToBring: '', openings: [{ from: today(), to: inDays(60) }] } })).status,
    ).toBe(200);

    // the schema before: plaintext columns beside the sealed ones, rows as an earlier version wrote them
    await new SealLeftoverPlaintext1765867000000().down(runner);
    expect(await plaintextColumns()).toEqual(PLAINTEXT_COLUMNS);
    await t.owner(`UPDATE emergency_requests SET situation = $2, situation_encrypted = NULL WHERE id = $1`, [request.id, OLD.situation]);
    const [{ id: person }] = await t.owner(
      `INSERT INTO persons(organisation_id, display_name, age_band, gender, municipality_code, support_level) VALUES ($1, $2, '18-29', 'male', '43213', 1) RETURNING id`,
      [coordOrg, OLD.personName],
    );
    const [{ id: stay }] = await t.owner(
      `INSERT INTO trial_stays(unit_id, provider_organisation_id, person_id, coordinator_organisation_id, nights, status, note, reason)
       VALUES ($1, $2, $3, $4, daterange($5::date, $6::date), 'declined', $7, $8) RETURNING id`,
      [unit.id, homeOrg, person, coordOrg, inDays(30), inDays(32), OLD.stayNote, OLD.stayReason],
    );
    const [{ id: entry }] = await t.owner(
      `INSERT INTO waiting_list_entries(organisation_id, display_name, age_band, gender, room_gender, notes, waiting_since) VALUES ($1, $2, '50-64', 'male', 'male', $3, $4) RETURNING id`,
      [homeOrg, OLD.waitingName, OLD.waitingNotes, today()],
    );
    // a person made for a typed-in waiting entry by Persons1765850000000: its name still on the entry
    const [{ id: entryPerson }] = await t.owner(
      `INSERT INTO persons(organisation_id, age_band, gender, municipality_code, name_from_waiting_entry) VALUES ($1, '50-64', 'male', '43213', $2) RETURNING id`,
      [homeOrg, entry],
    );
    await t.owner(`UPDATE waiting_list_entries SET person_id = $2 WHERE id = $1`, [entry, entryPerson]);

    // without the key it refuses, and its transaction leaves everything as it was
    await expect(migrate()).rejects.toThrow(/PERSONAL_DATA_KEY/);
    expect(await plaintextColumns()).toEqual(PLAINTEXT_COLUMNS);
    expect(await migrate(cipher)).toEqual([NAME]);

    // the plaintext columns are gone, and no old text is left anywhere in these tables (bytea included)
    expect(await plaintextColumns()).toEqual([]);
    for (const table of ['emergency_requests', 'persons', 'trial_stays', 'waiting_list_entries']) {
      const rows = await t.owner<{ r: string }>(`SELECT x::text AS r FROM ${table} x`);
      for (const text of Object.values(OLD)) {
        const found = rows.some(({ r }) => r.includes(text) || r.includes(Buffer.from(text).toString('hex')));
        expect({ table, text, found }).toEqual({ table, text, found: false });
      }
    }
    // sealed as the code seals them (same AADs): the app reads every one back
    const view = await t.request('GET', `/api/emergency-requests/${request.id}`, { token: coord.accessToken });
    expect(view.body.situation).toBe(OLD.situation);
    const summary = await t.request<TrialPersonSummary>('GET', `/api/trial-persons/${person}/summary`, { token: coord.accessToken });
    expect(summary.body.person.displayName).toBe(OLD.personName);
    const seen = await t.request<TrialStayView>('GET', `/api/trial-stays/${stay}`, { token: home.accessToken });
    expect(seen.body).toMatchObject({ note: OLD.stayNote, reason: OLD.stayReason, person: { displayName: OLD.personName } });
    const waiting = await t.request<WaitingEntryView[]>('GET', '/api/waiting-list', { token: home.accessToken });
    expect(waiting.body.find((w) => w.id === entry)).toMatchObject({ displayName: OLD.waitingName, notes: OLD.waitingNotes });
    const [named] = await t.owner(`SELECT display_name_encrypted FROM persons WHERE id = $1`, [entryPerson]);
    expect(cipher.decrypt(named.display_name_encrypted, trialAad.personName(entryPerson))).toBe(OLD.waitingName);

    // the sealed columns are required now, and a declined or cancelled stay keeps its reason
    await expect(t.owner(`UPDATE persons SET display_name_encrypted = NULL WHERE id = $1`, [person])).rejects.toThrow(/null value/);
    await expect(t.owner(`UPDATE trial_stays SET reason_encrypted = NULL WHERE id = $1`, [stay])).rejects.toThrow(/trial_stays_reason_kept/);

    // down and up again: nothing is plaintext, so no key is needed, and the rows read as before
    await new SealLeftoverPlaintext1765867000000().down(runner);
    expect(await plaintextColumns()).toEqual(PLAINTEXT_COLUMNS);
    expect(await migrate()).toEqual([NAME]);
    expect(await plaintextColumns()).toEqual([]);
    expect((await t.request<TrialStayView>('GET', `/api/trial-stays/${stay}`, { token: coord.accessToken })).body).toMatchObject({ note: OLD.stayNote, reason: OLD.stayReason });
  });
});

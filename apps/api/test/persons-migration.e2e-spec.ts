import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { PersonalDataCipher } from '../src/common/crypto/personal-data.cipher';
import { Persons1765850000000 } from '../src/database/migrations/1765850000000-persons';
import { Registrations1765850000001 } from '../src/database/migrations/1765850000001-registrations';
import { SealLeftoverPlaintext1765867000000 } from '../src/database/migrations/1765867000000-seal-leftover-plaintext';
import { setMigrationCipher } from '../src/database/migration-context';
import { trialAad } from '../src/trial-stays/trial-personal-data';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 13: today's trial persons and waiting-list entries move onto one Person each, without losing
 * a name (Persons cannot decrypt: a name sealed to a waiting-list row is copied onto its person by
 * SealLeftoverPlaintext, with the migration run's key).
 */
describe('migration onto persons preserves every trial person and waiting-list entry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
  });
  afterAll(() => t.close());

  it('renames trial persons in place, shares them with their centre, gives typed-in waiting entries a person with the name', async () => {
    const coord = await t.login(DEMO.coordinator);
    const home = await t.login(DEMO.otherProviderStaff);
    const [coordOrg, homeOrg] = [coord.user.organisation.id, home.user.organisation.id];
    const cipher = t.app.get(PersonalDataCipher);
    const runner = { query: (sql: string, params?: unknown[]) => t.owner(sql, params) } as unknown as QueryRunner;

    // back to the schema before the ledger
    await new SealLeftoverPlaintext1765867000000().down(runner);
    await new Registrations1765850000001().down(runner);
    await new Persons1765850000000().down(runner);

    // the old shape: a centre's trial person, the home's own typed-in entry (name sealed to the entry), the centre's entry for its person
    const [p, w1, w2] = [randomUUID(), randomUUID(), randomUUID()];
    await t.owner(
      `INSERT INTO trial_persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs)
       VALUES ('${p}', '${coordOrg}', '\\x${cipher.encrypt('移行 一子', trialAad.personName(p)).toString('hex')}', '30-49', 'female', '43213', '{intellectual}', 3, '{}')`,
    );
    await t.owner(
      `INSERT INTO waiting_list_entries(id, organisation_id, display_name_encrypted, notes_encrypted, age_band, gender, categories, room_gender, waiting_since)
       VALUES ('${w1}', '${homeOrg}', '\\x${cipher.encrypt('待機 二郎', trialAad.waitingName(w1)).toString('hex')}', '\\x${cipher.encrypt('', trialAad.waitingNotes(w1)).toString('hex')}',
               '50-64', 'male', '{psychiatric}', 'male', '2026-10-01')`,
    );
    await t.owner(
      `INSERT INTO waiting_list_entries(id, organisation_id, person_id, coordinator_organisation_id, display_name_encrypted, notes_encrypted, age_band, gender, categories, room_gender, waiting_since)
       VALUES ('${w2}', '${homeOrg}', '${p}', '${coordOrg}', '\\x${cipher.encrypt('移行 一子', trialAad.waitingName(w2)).toString('hex')}', '\\x${cipher.encrypt('', trialAad.waitingNotes(w2)).toString('hex')}',
               '30-49', 'female', '{intellectual}', 'female', '2026-10-02')`,
    );
    const before = await t.owner(`SELECT count(*)::int AS n FROM trial_persons`);

    await new Persons1765850000000().up(runner);
    await new Registrations1765850000001().up(runner);
    setMigrationCipher(cipher);
    try {
      await new SealLeftoverPlaintext1765867000000().up(runner);
    } finally {
      setMigrationCipher(null);
    }
    await t.owner(`GRANT SELECT, INSERT, UPDATE, DELETE ON persons, trial_persons, person_organisations, registrations, registration_changes TO akiwa_app;
                   GRANT USAGE, SELECT ON registration_changes_id_seq TO akiwa_app`);

    // every trial person is a person, same id and ciphertext, shared with its centre
    const [person] = await t.owner(`SELECT * FROM persons WHERE id = $1`, [p]);
    expect(cipher.decrypt(person.display_name_encrypted, trialAad.personName(p))).toBe('移行 一子');
    expect(await t.owner(`SELECT organisation_id FROM person_organisations WHERE person_id = $1 AND withdrawn_at IS NULL`, [p])).toEqual([{ organisation_id: coordOrg }]);
    // the centre's entry keeps its person; the home's typed-in entry has one now, named, the home's own
    const entries = await t.owner(`SELECT id, person_id FROM waiting_list_entries WHERE id IN ($1, $2)`, [w1, w2]);
    const byId = Object.fromEntries(entries.map((e: { id: string; person_id: string }) => [e.id, e.person_id]));
    expect(byId[w2]).toBe(p);
    expect(byId[w1]).toBeTruthy();
    const [own] = await t.owner(`SELECT * FROM persons WHERE id = $1`, [byId[w1]]);
    expect(own).toMatchObject({ organisation_id: homeOrg, age_band: '50-64', gender: 'male', categories: ['psychiatric'], support_level: null });
    expect(Object.keys(own)).not.toContain('name_from_waiting_entry');
    expect(cipher.decrypt(own.display_name_encrypted, trialAad.personName(own.id))).toBe('待機 二郎');
    expect(await t.owner(`SELECT organisation_id FROM person_organisations WHERE person_id = $1`, [own.id])).toEqual([{ organisation_id: homeOrg }]);
    // nothing lost, and every entry refers to a person
    const [{ n }] = await t.owner(`SELECT count(*)::int AS n FROM persons WHERE support_level IS NOT NULL`);
    expect(n).toBe(before[0].n);
    expect(await t.owner(`SELECT id FROM waiting_list_entries WHERE person_id IS NULL`)).toEqual([]);

    // and the app reads them as before
    const list = await t.request('GET', '/api/trial-persons', { token: coord.accessToken });
    expect(list.body.map((x: { displayName: string }) => x.displayName)).toContain('移行 一子');
    const waiting = await t.request('GET', '/api/waiting-list', { token: home.accessToken });
    expect(waiting.body.map((x: { displayName: string }) => x.displayName)).toEqual(expect.arrayContaining(['待機 二郎', '移行 一子']));
  });
});

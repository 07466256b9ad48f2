import type { EntityManager } from 'typeorm';
import { addDays, serviceNight } from '@akiwa/domain';
import type { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { trialAad } from './trial-personal-data';

/**
 * A demo row's id from its organisation ($1) and its name parameter: stable across loads, and a
 * well-formed version-4 UUID (the id pipes check version and variant).
 */
const demoId = (name: string) =>
  `overlay(overlay(md5('akiwa-demo:' || $1::uuid::text || ':' || ${name}::text) placing '4' from 13) placing '8' from 17)::uuid`;

/** A demo row of an earlier version (random id): written by no user. */
const LEGACY_DEMO = `created_by IS NULL`;

/** Nights the demo group home offers for trial stays: from tonight on. */
export const DEMO_TRIAL_DAYS = 60;
export const DEMO_TRIAL_UNIT = { organisationKey: 'misumi-gh', name: 'グループホーム みすみ 1号棟' };
export const DEMO_TRIAL_PERSON = 'Aさん（体験希望）';

/**
 * Trial-stay demo (idempotent): the みすみ group home opens its room for the next 60 nights with
 * house rules and 持ち物, the 宇城 centre registers one person, and the home keeps two 待機者.
 * Names and notes are sealed with the app's cipher, like every write of the app. The rows have ids
 * derived from what they are, so a second load recognises them without reading their names.
 */
export async function loadTrialDemo(tx: EntityManager, orgIds: Map<string, string>, cipher: PersonalDataCipher): Promise<void> {
  const providerId = orgIds.get(DEMO_TRIAL_UNIT.organisationKey);
  const coordinatorOrgId = orgIds.get('uki-kikan');
  if (!providerId || !coordinatorOrgId) return;
  const [unit] = await tx.query(`SELECT id FROM units WHERE organisation_id = $1 AND name = $2 AND retired_at IS NULL`, [providerId, DEMO_TRIAL_UNIT.name]);
  if (!unit) return;
  const today = serviceNight(new Date());
  await tx.query(
    `INSERT INTO trial_offers(unit_id, house_rules, what_to_bring) VALUES ($1, $2, $3) ON CONFLICT (unit_id) DO NOTHING`,
    [unit.id, '夕食 18:00、門限 20:00。服薬は世話人と一緒に確認します。喫煙は屋外の指定場所のみ。', '着替え（5日分）、洗面用具、お薬とお薬手帳、受給者証の写し、上履き'],
  );
  await tx.query(
    `INSERT INTO trial_openings(unit_id, nights) SELECT $1, daterange($2::date, $3::date)
     WHERE NOT EXISTS (SELECT 1 FROM trial_openings WHERE unit_id = $1 AND nights && daterange($2::date, $3::date))`,
    [unit.id, today, addDays(today, DEMO_TRIAL_DAYS)],
  );
  const personId = await idOf(tx, coordinatorOrgId, DEMO_TRIAL_PERSON);
  await tx.query(
    `INSERT INTO persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs)
     SELECT $2, $1, $3, '30-49', 'male', '43213', '{psychiatric}', 2, '{}'
     WHERE NOT EXISTS (SELECT 1 FROM persons WHERE id = $2 OR (organisation_id = $1 AND ${LEGACY_DEMO} AND age_band = '30-49'))`,
    [coordinatorOrgId, personId, cipher.encrypt(DEMO_TRIAL_PERSON, trialAad.personName(personId))],
  );
  const waiting: [string, string, string, string][] = [
    ['Bさん', '50-64', '2026-02-01', '親の高齢化（8050世帯）。日中は就労継続支援B型に通所'],
    ['Cさん', '30-49', '2026-06-15', '精神科病院からの地域移行。体験利用を経て入居希望'],
  ];
  for (const [name, ageBand, since, notes] of waiting) {
    const id = await idOf(tx, providerId, name);
    await tx.query(
      `INSERT INTO waiting_list_entries(id, organisation_id, unit_id, display_name_encrypted, age_band, gender, categories, room_gender, notes_encrypted, waiting_since)
       SELECT $3, $1, $2, $4, $5::text, 'male', '{psychiatric}', 'male', $6, $7
       WHERE NOT EXISTS (SELECT 1 FROM waiting_list_entries WHERE id = $3 OR (organisation_id = $1 AND removed_at IS NULL AND ${LEGACY_DEMO} AND age_band = $5::text AND waiting_since = $7::date))`,
      [providerId, unit.id, id, cipher.encrypt(name, trialAad.waitingName(id)), ageBand, cipher.encrypt(notes, trialAad.waitingNotes(id)), since],
    );
  }
}

/** The demo id of an organisation's row named `name` (the formula stays in SQL: ids of earlier loads match). */
async function idOf(tx: EntityManager, organisationId: string, name: string): Promise<string> {
  const [{ id }] = await tx.query(`SELECT ${demoId('$2')}::text AS id`, [organisationId, name]);
  return id;
}

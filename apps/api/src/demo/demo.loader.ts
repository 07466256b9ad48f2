import type { DataSource, EntityManager } from 'typeorm';
import { nightsFrom, serviceNight } from '@akiwa/domain';
import { hashPassword } from '../common/crypto/password';
import type { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { loadTrialDemo } from '../trial-stays/trial-demo';
import { toUnitView, UNIT_VIEW_COLUMNS } from '../units/units.sql';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_UNITS, DEMO_VACANCY_DAYS } from './demo-data';

/**
 * Loads the demo set; idempotent (existing rows, matched by name or email, are left alone). Its
 * personal data is sealed with `cipher`, the app's (the API started on this database must have the same key).
 */
export async function loadDemoData(db: DataSource, cipher: PersonalDataCipher): Promise<{ organisations: number; users: number; units: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let organisations = 0;
  let users = 0;
  let units = 0;
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const inserted = await tx.query(
        `INSERT INTO organisations(name, kind, municipality_code, phone) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id`,
        [org.name, org.kind, org.municipalityCode, org.phone ?? ''],
      );
      organisations += inserted.length;
      const [{ id }] = await tx.query(`SELECT id FROM organisations WHERE name = $1`, [org.name]);
      orgIds.set(org.key, id);
      for (const u of org.users) {
        const added = await tx.query(
          `INSERT INTO users(organisation_id, email, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
          [id, u.email, u.displayName, u.role, passwordHash],
        );
        users += added.length;
      }
    }
    units = await loadDemoUnits(tx, orgIds);
    await loadTrialDemo(tx, orgIds, cipher);
  });
  return { organisations, users, units };
}

/**
 * Units matched by organisation and name; vacancies are added for the nights from tonight that have
 * no row yet (never overwriting what someone changed), confirmed at each unit's demo age.
 */
async function loadDemoUnits(tx: EntityManager, orgIds: Map<string, string>): Promise<number> {
  let added = 0;
  const nights = nightsFrom(serviceNight(new Date()), DEMO_VACANCY_DAYS);
  for (const { organisationKey, fields: f, freePattern, confirmedHoursAgo } of DEMO_UNITS) {
    const organisationId = orgIds.get(organisationKey)!;
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO units(organisation_id, name, service_type, municipality_code, capacity, categories, accepts_children,
         support_level_min, support_level_max, special_needs, room_gender, emergency_ok, trial_ok, contact_24h, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
       ON CONFLICT (organisation_id, name) WHERE retired_at IS NULL DO NOTHING RETURNING id`,
      [organisationId, f.name, f.serviceType, f.municipalityCode, f.capacity, f.categories, f.acceptsChildren,
        f.supportLevelMin, f.supportLevelMax, f.specialNeeds, f.roomGender, f.emergencyOk, f.trialOk, f.contact24h, f.note],
    );
    if (inserted.length) {
      added++;
      const [row] = await tx.query(`SELECT ${UNIT_VIEW_COLUMNS} FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, [inserted[0].id]);
      const { organisationName: _, ...snapshot } = toUnitView(row);
      await tx.query(`INSERT INTO unit_history(unit_id, version, action, snapshot) VALUES ($1, $2, 'create', $3)`, [row.id, row.version, snapshot]);
    }
    const [{ id }] = await tx.query(`SELECT id FROM units WHERE organisation_id = $1 AND name = $2 AND retired_at IS NULL`, [organisationId, f.name]);
    for (const [gender, pattern] of Object.entries(freePattern)) {
      await tx.query(
        `INSERT INTO vacancies(unit_id, night, gender, free, confirmed_at)
         SELECT $1, r.night, $2, r.free, now() - make_interval(hours => $5) FROM unnest($3::date[], $4::int[]) AS r(night, free)
         ON CONFLICT DO NOTHING`,
        [id, gender, nights, nights.map((_, i) => pattern![i % pattern!.length]), confirmedHoursAgo],
      );
    }
  }
  return added;
}

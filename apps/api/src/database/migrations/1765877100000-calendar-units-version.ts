import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of `units` the calendar shows or filters on (VacanciesRepository.calendar). */
const CALENDAR_UNIT_COLUMNS = [
  'name',
  'service_type',
  'municipality_code',
  'organisation_id',
  'capacity',
  'categories',
  'accepts_children',
  'support_level_min',
  'support_level_max',
  'special_needs',
  'room_gender',
  'emergency_ok',
  'trial_ok',
  'contact_24h',
  'admissions_paused_until',
  'admissions_pause_reason',
  'night_admission',
  'retired_at',
];

/**
 * The calendar's unit pages are kept by the API between requests (issue 15: a month for a 圏域 read
 * the same 500 units, their names and organisations on every request); they are valid while
 * `calendar_units_version` is the one they were read with. Every transaction that changes a unit as
 * the calendar sees it, or an organisation's name, raises it once per row at commit (a deferred
 * constraint trigger: the counter's row lock is the last one taken, so writers of different units
 * cannot deadlock on it, and it is held only for the commit). Vacancy writes, which bump only
 * `units.vacancy_version`, do not touch it. Only the trigger writes it (SECURITY DEFINER; the app role
 * reads it only, see READ_ONLY_TABLES). Bulk loads with session_replication_role = replica skip it
 * like every trigger: they run before the API starts.
 */
export class CalendarUnitsVersion1765877100000 implements MigrationInterface {
  name = 'CalendarUnitsVersion1765877100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE calendar_units_version (single boolean PRIMARY KEY DEFAULT true CHECK (single), version bigint NOT NULL)`);
    await q.query(`INSERT INTO calendar_units_version (version) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION calendar_units_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        UPDATE calendar_units_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION calendar_units_changed() FROM PUBLIC`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER units_calendar_version AFTER INSERT OR DELETE OR UPDATE OF ${CALENDAR_UNIT_COLUMNS.join(', ')} ON units
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_units_changed()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER organisations_calendar_version AFTER UPDATE OF name ON organisations
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calendar_units_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER organisations_calendar_version ON organisations`);
    await q.query(`DROP TRIGGER units_calendar_version ON units`);
    await q.query(`DROP FUNCTION calendar_units_changed()`);
    await q.query(`DROP TABLE calendar_units_version`);
  }
}

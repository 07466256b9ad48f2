import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Day numbers: an array's positions are its nights as days since this date (a night's position is the same in every unit). */
export const UNIT_NIGHTS_EPOCH = '2000-01-01';

/**
 * The search's per-unit night summary (issue 9): one row per unit holding, for each night, what the
 * search adds up from the unit's `vacancies` rows — the sum of `free − held` and the oldest
 * confirmation — for every row (`beds`, `oldest`), for a man's rows (male and any: `beds_male`,
 * `oldest_male`) and a woman's (`beds_female`, `oldest_female`); a gendered pair is null when it is the
 * same as the all-rows pair (a unit with any rows only). Arrays are indexed by day number from
 * UNIT_NIGHTS_EPOCH (null where the unit has no row that night), from a week ago on; `newest` is the
 * newest confirmation of them all. The search reads one row per candidate unit instead of an index range
 * and two aggregates per unit over a 200 MB primary key, and needs the rows themselves only for a unit
 * whose stay mixes rows confirmed before and after the unknown cutoff (where the sums would count rows
 * the rule leaves out). The rule itself stays in the search's SQL and libs/domain `availabilityOver`.
 *
 * Kept by the database only. A statement writing `vacancies` notes the units it touched (statement
 * triggers, transition tables); at commit a deferred trigger locks those units' summary rows in unit
 * order — the last locks the transaction takes, so it cannot deadlock with the writers' own row locks,
 * which a refresh at the end of each statement could (a range write holding later nights while an offer
 * holding the summary row waits for them) — and only then reads the rows again, so a concurrent
 * committer's rows are never lost. The triggers fire ALWAYS, also under session_replication_role =
 * replica (the bench's bulk loads): no write of vacancies escapes it. Read-only for the app role.
 */
export class UnitNights1765878500000 implements MigrationInterface {
  name = 'UnitNights1765878500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_nights (
        unit_id uuid PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
        newest timestamptz,
        beds int[], oldest timestamptz[],
        beds_male int[], oldest_male timestamptz[],
        beds_female int[], oldest_female timestamptz[]
      ) WITH (toast_tuple_target = 8160)`);
    // notes of a transaction's touched units, emptied by its own commit: never holds committed rows
    await q.query(`CREATE UNLOGGED TABLE unit_nights_pending (tx bigint NOT NULL, unit_id uuid NOT NULL, PRIMARY KEY (tx, unit_id))`);
    // a night's rows for each view (libs/domain rowCountsFor: no gender asked, every row; a man's, male and any; a woman's, female and any)
    const views = { '': `true`, _male: `gender IN ('male', 'any')`, _female: `gender IN ('female', 'any')` };
    // an array of the nights first..first+last at their day numbers (array_agg starts at 1)
    const placed = (a: string) => `CASE WHEN ${a} IS NOT NULL THEN array_fill(${a}[1], ARRAY[1], ARRAY[b.first_night - DATE '${UNIT_NIGHTS_EPOCH}']) || ${a}[2:] END`;
    await q.query(`
      CREATE FUNCTION unit_nights_refresh(p_units uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        -- lock first, in unit order; read the rows after, in a new statement (read committed: it sees whoever committed before the lock)
        INSERT INTO unit_nights(unit_id)
          SELECT u.id FROM unnest(p_units) AS u(id) WHERE EXISTS (SELECT 1 FROM units WHERE units.id = u.id) ORDER BY u.id
          ON CONFLICT DO NOTHING;
        PERFORM 1 FROM unit_nights WHERE unit_id = ANY(p_units) ORDER BY unit_id FOR UPDATE;
        WITH r AS (
          -- a week back is before any night a search may ask for (tonight on), in any time zone
          SELECT unit_id, night, max(confirmed_at) AS newest,
                 ${Object.entries(views).map(([v, c]) => `sum(free - held) FILTER (WHERE ${c}) AS b${v}, min(confirmed_at) FILTER (WHERE ${c}) AS a${v}`).join(',\n                 ')}
          FROM vacancies WHERE unit_id = ANY(p_units) AND night >= current_date - 7
          GROUP BY unit_id, night
        ),
        span AS (SELECT unit_id, min(night) AS first_night, max(night) - min(night) AS last, max(newest) AS newest FROM r GROUP BY unit_id),
        built AS (
          SELECT s.unit_id, s.first_night, s.newest,
                 ${Object.keys(views).map((v) => `array_agg(r.b${v} ORDER BY i)::int[] AS b${v}, array_agg(r.a${v} ORDER BY i) AS a${v}`).join(',\n                 ')}
          FROM span s CROSS JOIN generate_series(0, s.last) AS i
          LEFT JOIN r ON r.unit_id = s.unit_id AND r.night = s.first_night + i
          GROUP BY s.unit_id, s.first_night, s.newest
        )
        UPDATE unit_nights n SET newest = b.newest,
          beds = ${placed('b.b')}, oldest = ${placed('b.a')},
          ${['_male', '_female']
            .map((v) => `beds${v} = CASE WHEN (b.b${v}, b.a${v}) IS DISTINCT FROM (b.b, b.a) THEN ${placed(`b.b${v}`)} END,
          oldest${v} = CASE WHEN (b.b${v}, b.a${v}) IS DISTINCT FROM (b.b, b.a) THEN ${placed(`b.a${v}`)} END`)
            .join(',\n          ')}
        FROM unnest(p_units) AS u(id) LEFT JOIN built b ON b.unit_id = u.id
        WHERE n.unit_id = u.id;
      END $$`);
    await q.query(`
      CREATE FUNCTION unit_nights_touched() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO unit_nights_pending SELECT DISTINCT txid_current(), unit_id FROM new_rows ON CONFLICT DO NOTHING;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO unit_nights_pending SELECT DISTINCT txid_current(), unit_id FROM (SELECT unit_id FROM new_rows UNION SELECT unit_id FROM old_rows) t ON CONFLICT DO NOTHING;
        ELSE
          INSERT INTO unit_nights_pending SELECT DISTINCT txid_current(), unit_id FROM old_rows ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION unit_nights_commit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        touched uuid[];
      BEGIN
        -- the first of the transaction's deferred events does all its units; the others find none left
        WITH d AS (DELETE FROM unit_nights_pending WHERE tx = txid_current() RETURNING unit_id)
        SELECT array_agg(unit_id ORDER BY unit_id) INTO touched FROM d;
        IF touched IS NOT NULL THEN
          PERFORM unit_nights_refresh(touched);
        END IF;
        RETURN NULL;
      END $$`);
    for (const f of ['unit_nights_refresh(uuid[])', 'unit_nights_touched()', 'unit_nights_commit()']) await q.query(`REVOKE ALL ON FUNCTION ${f} FROM PUBLIC`);
    await q.query(`CREATE TRIGGER vacancies_unit_nights_insert AFTER INSERT ON vacancies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_nights_touched()`);
    await q.query(`CREATE TRIGGER vacancies_unit_nights_update AFTER UPDATE ON vacancies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_nights_touched()`);
    await q.query(`CREATE TRIGGER vacancies_unit_nights_delete AFTER DELETE ON vacancies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_nights_touched()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER unit_nights_at_commit AFTER INSERT ON unit_nights_pending
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION unit_nights_commit()`);
    for (const t of ['vacancies_unit_nights_insert', 'vacancies_unit_nights_update', 'vacancies_unit_nights_delete']) await q.query(`ALTER TABLE vacancies ENABLE ALWAYS TRIGGER ${t}`);
    await q.query(`ALTER TABLE unit_nights_pending ENABLE ALWAYS TRIGGER unit_nights_at_commit`);
    // the existing rows
    await q.query(`SELECT unit_nights_refresh(array_agg(DISTINCT unit_id ORDER BY unit_id)) FROM vacancies WHERE night >= current_date - 7`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER unit_nights_at_commit ON unit_nights_pending`);
    for (const t of ['vacancies_unit_nights_insert', 'vacancies_unit_nights_update', 'vacancies_unit_nights_delete']) await q.query(`DROP TRIGGER ${t} ON vacancies`);
    await q.query(`DROP FUNCTION unit_nights_commit(), unit_nights_touched(), unit_nights_refresh(uuid[])`);
    await q.query(`DROP TABLE unit_nights_pending, unit_nights`);
  }
}

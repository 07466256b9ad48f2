import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_NIGHT_CUTOFF_MINUTES } from '@akiwa/domain';

/**
 * One bed-night is one resource: emergency holds and placements and trial stays take beds from the
 * same `vacancies` rows, so a unit that takes both can never give its last bed of a night twice.
 *
 * How a trial room maps to beds: a trial stay books a unit (`trial_stays.unit_id`, one live stay per
 * unit-night, see the trial-stays migration), and on each of its nights it takes ONE bed of that
 * unit, exactly like an emergency hold does: `held + 1` on the person's own gender row if it has an
 * available bed (free > held), else on the `any` row. `held` therefore counts holds + placements +
 * trial bookings, and the existing CHECK (held <= free) is the shared invariant: every reader that
 * computes "available = free − held" (the board, the search, the matching) sees trial nights as taken.
 * A night the board has a figure for but no available bed refuses the booking (check_violation on
 * `trial_stays_bed_nights`, DETAIL = the full nights, comma-separated). A night the board says nothing
 * about (no row at all: a room kept only for trial stays) gets a row of its own, free 1 / held 1, in
 * the person's gender when the unit keeps gendered rows, else `any`; when the stay ends early and
 * nobody has confirmed that row since, it is removed again, so the board is left as it was.
 *
 * The trigger does this for every write of `trial_stays` (insert, status change), whatever the path.
 * Releases take the vacancy rows in (night, gender) order, like every other writer.
 */
export class SharedBedNights1765350000000 implements MigrationInterface {
  name = 'SharedBedNights1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trial_stay_nights (
        stay_id uuid NOT NULL REFERENCES trial_stays(id),
        unit_id uuid NOT NULL,
        night date NOT NULL,
        gender varchar(6) NOT NULL CHECK (gender IN ('any','male','female')),
        -- the booking wrote this vacancy row itself: the board had no figure for the night
        added_row boolean NOT NULL DEFAULT false,
        PRIMARY KEY (stay_id, night),
        FOREIGN KEY (unit_id, night, gender) REFERENCES vacancies(unit_id, night, gender)
      );
      CREATE INDEX trial_stay_nights_vacancy_idx ON trial_stay_nights(unit_id, night, gender);

      -- One bed of the unit on one night for a stay; false when the night has no available bed.
      CREATE FUNCTION trial_stay_take_bed(p_stay uuid, p_unit uuid, p_night date, p_gender text, p_new_row_gender text)
      RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE
        taken text;
      BEGIN
        UPDATE vacancies v SET held = v.held + 1
        FROM (SELECT gender FROM vacancies
              WHERE unit_id = p_unit AND night = p_night AND gender IN (p_gender, 'any') AND held < free
              ORDER BY gender = 'any' LIMIT 1 FOR NO KEY UPDATE) pick
        WHERE v.unit_id = p_unit AND v.night = p_night AND v.gender = pick.gender AND v.held < v.free
        RETURNING v.gender INTO taken;
        IF taken IS NOT NULL THEN
          INSERT INTO trial_stay_nights(stay_id, unit_id, night, gender) VALUES (p_stay, p_unit, p_night, taken);
          RETURN true;
        END IF;
        IF EXISTS (SELECT 1 FROM vacancies WHERE unit_id = p_unit AND night = p_night) THEN
          RETURN false;
        END IF;
        INSERT INTO vacancies(unit_id, night, gender, free, held, confirmed_at) VALUES (p_unit, p_night, p_new_row_gender, 1, 1, app_now())
          ON CONFLICT DO NOTHING RETURNING gender INTO taken;
        IF taken IS NULL THEN
          RETURN false;
        END IF;
        INSERT INTO trial_stay_nights(stay_id, unit_id, night, gender, added_row) VALUES (p_stay, p_unit, p_night, taken, true);
        RETURN true;
      END $$;

      -- Gives back every bed a stay took (exactly once: its night rows go with it).
      CREATE FUNCTION trial_stay_release_beds(p_stay uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        r record;
      BEGIN
        FOR r IN
          SELECT n.unit_id, n.night, n.gender, n.added_row FROM trial_stay_nights n
          JOIN vacancies v ON v.unit_id = n.unit_id AND v.night = n.night AND v.gender = n.gender
          WHERE n.stay_id = p_stay ORDER BY n.night, n.gender FOR NO KEY UPDATE OF v
        LOOP
          DELETE FROM trial_stay_nights WHERE stay_id = p_stay AND night = r.night;
          UPDATE vacancies SET held = held - 1 WHERE unit_id = r.unit_id AND night = r.night AND gender = r.gender;
          IF r.added_row THEN
            DELETE FROM vacancies v WHERE v.unit_id = r.unit_id AND v.night = r.night AND v.gender = r.gender
              AND v.free = 1 AND v.held = 0 AND v.confirmed_by IS NULL
              AND NOT EXISTS (SELECT 1 FROM offer_nights o WHERE o.unit_id = v.unit_id AND o.night = v.night AND o.gender = v.gender)
              AND NOT EXISTS (SELECT 1 FROM trial_stay_nights t WHERE t.unit_id = v.unit_id AND t.night = v.night AND t.gender = v.gender);
          END IF;
        END LOOP;
      END $$;

      CREATE FUNCTION trial_stays_bed_nights() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_live boolean := TG_OP = 'UPDATE' AND OLD.status IN ('requested','approved');
        is_live boolean := NEW.status IN ('requested','approved');
        same_beds boolean := TG_OP = 'UPDATE' AND OLD.nights = NEW.nights AND OLD.unit_id = NEW.unit_id AND OLD.person_id = NEW.person_id;
        person_gender text;
        new_row_gender text;
        n date;
        full_nights text[] := '{}';
      BEGIN
        IF was_live AND NOT (is_live AND same_beds) THEN
          PERFORM trial_stay_release_beds(OLD.id);
        END IF;
        IF is_live AND NOT (was_live AND same_beds) THEN
          SELECT gender INTO person_gender FROM trial_persons WHERE id = NEW.person_id;
          new_row_gender := CASE WHEN EXISTS (SELECT 1 FROM vacancies WHERE unit_id = NEW.unit_id AND gender <> 'any') THEN person_gender ELSE 'any' END;
          FOR n IN SELECT d::date FROM generate_series(lower(NEW.nights), upper(NEW.nights) - 1, interval '1 day') AS d LOOP
            IF NOT trial_stay_take_bed(NEW.id, NEW.unit_id, n, person_gender, new_row_gender) THEN
              full_nights := full_nights || n::text;
            END IF;
          END LOOP;
          IF cardinality(full_nights) > 0 THEN
            RAISE EXCEPTION 'unit % has no free bed on %', NEW.unit_id, array_to_string(full_nights, ', ')
              USING ERRCODE = 'check_violation', CONSTRAINT = 'trial_stays_bed_nights', DETAIL = array_to_string(full_nights, ',');
          END IF;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER trial_stays_bed_nights AFTER INSERT OR UPDATE OF status, nights, unit_id, person_id ON trial_stays
        FOR EACH ROW EXECUTE FUNCTION trial_stays_bed_nights();

      -- Live stays booked before this migration take their beds from tonight (the service night) on, where a bed is left
      -- (past nights are history; a night already given away stays as it was, reported as a notice).
      DO $$
      DECLARE
        s record;
        n date;
        new_row_gender text;
      BEGIN
        FOR s IN
          SELECT st.id, st.unit_id, st.nights, p.gender FROM trial_stays st JOIN trial_persons p ON p.id = st.person_id
          WHERE st.status IN ('requested','approved') AND upper(st.nights) > service_night(now(), ${DEFAULT_NIGHT_CUTOFF_MINUTES})
          ORDER BY st.unit_id, lower(st.nights)
        LOOP
          new_row_gender := CASE WHEN EXISTS (SELECT 1 FROM vacancies WHERE unit_id = s.unit_id AND gender <> 'any') THEN s.gender ELSE 'any' END;
          FOR n IN SELECT d::date FROM generate_series(greatest(lower(s.nights), service_night(now(), ${DEFAULT_NIGHT_CUTOFF_MINUTES})), upper(s.nights) - 1, interval '1 day') AS d LOOP
            IF NOT trial_stay_take_bed(s.id, s.unit_id, n, s.gender, new_row_gender) THEN
              RAISE NOTICE 'trial stay % keeps no bed on % (the night was already full)', s.id, n;
            END IF;
          END LOOP;
        END LOOP;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER trial_stays_bed_nights ON trial_stays;
      DROP FUNCTION trial_stays_bed_nights();
      UPDATE vacancies v SET held = v.held - n.count
        FROM (SELECT unit_id, night, gender, count(*)::int AS count FROM trial_stay_nights GROUP BY 1, 2, 3) n
        WHERE v.unit_id = n.unit_id AND v.night = n.night AND v.gender = n.gender;
      DROP TABLE trial_stay_nights;
      DROP FUNCTION trial_stay_release_beds(uuid);
      DROP FUNCTION trial_stay_take_bed(uuid, uuid, date, text, text);
    `);
  }
}

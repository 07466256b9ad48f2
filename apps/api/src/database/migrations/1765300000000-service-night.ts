import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_NIGHT_CUTOFF_MINUTES, MAX_NIGHT_CUTOFF_MINUTES } from '@akiwa/domain';

/**
 * 夜間の区切り: the night of D runs until a cutoff on the morning of D+1 (default 10:00), set per
 * region. `service_night(at, cutoff)` is libs/domain `serviceNight` in SQL. The capacity trigger
 * reads "now" from the transaction's `akiwa.now` setting when the app set it (its injected clock),
 * else from the database's clock.
 */
export class ServiceNight1765300000000 implements MigrationInterface {
  name = 'ServiceNight1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE regions ADD COLUMN night_cutoff_minutes integer NOT NULL DEFAULT ${DEFAULT_NIGHT_CUTOFF_MINUTES}
        CHECK (night_cutoff_minutes BETWEEN 0 AND ${MAX_NIGHT_CUTOFF_MINUTES});

      CREATE FUNCTION service_night(at timestamptz, cutoff_minutes integer) RETURNS date
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN ((at AT TIME ZONE 'Asia/Tokyo') - make_interval(mins => cutoff_minutes))::date;

      CREATE FUNCTION app_now() RETURNS timestamptz LANGUAGE sql STABLE
        RETURN coalesce(nullif(current_setting('akiwa.now', true), '')::timestamptz, now());

      CREATE OR REPLACE FUNCTION units_capacity_covers_vacancies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.capacity < OLD.capacity AND EXISTS (
          SELECT 1 FROM vacancies
          WHERE unit_id = NEW.id
            AND night >= service_night(app_now(), coalesce(
              (SELECT r.night_cutoff_minutes FROM municipalities m JOIN regions r ON r.id = m.region_id WHERE m.code = NEW.municipality_code),
              ${DEFAULT_NIGHT_CUTOFF_MINUTES}))
          GROUP BY night HAVING sum(free) > NEW.capacity
        ) THEN
          RAISE EXCEPTION 'unit % has more free beds than the new capacity %', NEW.id, NEW.capacity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'units_capacity_covers_vacancies';
        END IF;
        RETURN NEW;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION units_capacity_covers_vacancies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.capacity < OLD.capacity AND EXISTS (
          SELECT 1 FROM vacancies
          WHERE unit_id = NEW.id AND night >= (now() AT TIME ZONE 'Asia/Tokyo')::date
          GROUP BY night HAVING sum(free) > NEW.capacity
        ) THEN
          RAISE EXCEPTION 'unit % has more free beds than the new capacity %', NEW.id, NEW.capacity
            USING ERRCODE = 'check_violation', CONSTRAINT = 'units_capacity_covers_vacancies';
        END IF;
        RETURN NEW;
      END $$;
      DROP FUNCTION app_now();
      DROP FUNCTION service_night(timestamptz, integer);
      ALTER TABLE regions DROP COLUMN night_cutoff_minutes;
    `);
  }
}
